// Compares thread verdicts with the spawn executor's re-check of the same gremlins: which agree, which are
// equivalent detections (Killed vs Timeout), which disagree, and the one-line summary for the console.
import type { Outcome, Status } from "../types.ts";

export interface Disagreement {
  id: string;
  thread: Status;
  spawn: Status;
  /** Why each executor decided so (the killing test, the timeout kind), when known. */
  threadReason?: string;
  spawnReason?: string;
}

/** What `--verify` found, as the reports carry it. */
export interface Verification {
  /** The `--verify` setting as the user wrote it (or "default"). */
  requested: string;
  /** Thread verdicts that could be re-checked (not cached, not NoCoverage/Ignored). */
  available: number;
  /** Gremlins re-checked with the spawn executor. */
  checked: number;
  /** Same status in both executors. */
  agreed: number;
  /** Both detected the gremlin, one as Killed and the other as Timeout (test order decides which comes first). */
  equivalent: number;
  disagreements: Disagreement[];
  /** Files whose every gremlin was re-run with the spawn executor after a disagreement (their spawn verdicts count). */
  filesRerun: string[];
  /** Wall time of the re-check (ms). */
  durationMs: number;
}

const DETECTED: ReadonlySet<Status> = new Set(["Killed", "Timeout"]);

/** Compares the thread and spawn outcomes of the sampled ids. */
export function compareVerdicts(
  sample: readonly string[],
  thread: ReadonlyMap<string, Outcome>,
  spawn: ReadonlyMap<string, Outcome>,
): Pick<Verification, "checked" | "agreed" | "equivalent" | "disagreements"> {
  let agreed = 0;
  let equivalent = 0;
  const disagreements: Disagreement[] = [];
  let checked = 0;
  for (const id of sample) {
    const a = thread.get(id);
    const b = spawn.get(id);
    if (!a || !b) continue;
    checked++;
    if (a.status === b.status) agreed++;
    else if (DETECTED.has(a.status) && DETECTED.has(b.status)) equivalent++;
    else {
      const entry: Disagreement = { id, thread: a.status, spawn: b.status };
      if (a.statusReason) entry.threadReason = a.statusReason;
      if (b.statusReason) entry.spawnReason = b.statusReason;
      disagreements.push(entry);
    }
  }
  return { checked, agreed, equivalent, disagreements };
}

/** Agreement as a percentage (equivalent detections count as agreement), NaN when nothing was checked. */
export function agreementPercent(v: Pick<Verification, "checked" | "agreed" | "equivalent">): number {
  return v.checked === 0 ? Number.NaN : ((v.agreed + v.equivalent) / v.checked) * 100;
}

/** The console line: `Verified 20 thread verdicts with the spawn executor: 20 agree (100%) in 3.1 s`. */
export function formatVerification(v: Verification, formatMs: (ms: number) => string): string {
  if (v.checked === 0) return "Verification: no thread verdict to re-check with the spawn executor.";
  const pct = agreementPercent(v);
  const equivalent = v.equivalent > 0 ? ` (${v.equivalent} of them Killed in one executor, Timeout in the other)` : "";
  const head = `Verified ${v.checked} of ${v.available} thread verdicts with the spawn executor: ${v.agreed + v.equivalent} agree${equivalent}, ${pct.toFixed(pct === 100 ? 0 : 1)}%, in ${formatMs(v.durationMs)}.`;
  if (v.disagreements.length === 0) return head;
  const rerun = v.filesRerun.length > 0 ? ` The spawn verdicts of ${v.filesRerun.join(", ")} count.` : "";
  return `${head} ${v.disagreements.length} disagree.${rerun}`;
}

/** One line per disagreement, and how to report it. */
export function formatDisagreements(v: Verification): string[] {
  if (v.disagreements.length === 0) return [];
  const lines = v.disagreements.map(
    (d) => `  ${d.id}: thread ${d.thread}${d.threadReason ? ` (${d.threadReason})` : ""}, spawn ${d.spawn}${d.spawnReason ? ` (${d.spawnReason})` : ""}`,
  );
  const first = v.disagreements[0] as Disagreement;
  lines.push(
    `  This is a gremlins bug: please report it with the output of \`gremlins explain ${first.id}\` (and the test file it names).`,
  );
  return lines;
}
