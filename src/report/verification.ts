// How a --verify re-check reads in the console and the Markdown summary: one line with the agreement,
// then one line per disagreement and how to report it.
import type { Disagreement, Verification } from "../types.ts";
import { DEFAULT_VERIFY_BUDGET } from "../config/verify-spec.ts";

/** Agreement as a percentage (equivalent detections count as agreement), NaN when nothing was checked. */
export function agreementPercent(v: Pick<Verification, "checked" | "agreed" | "equivalent">): number {
  return v.checked === 0 ? Number.NaN : ((v.agreed + v.equivalent) / v.checked) * 100;
}

/**
 * The console line: `Verified 20 of 412 thread verdicts with the spawn executor: 20 agree, 100%, in 3.1 s.`,
 * and when the default sample's time budget stopped it, how many of the sample were re-checked.
 */
export function formatVerification(v: Verification, formatMs: (ms: number) => string): string {
  const budget =
    v.budgetMs === undefined ? "" : ` (${formatMs(v.budgetMs)}, ${DEFAULT_VERIFY_BUDGET * 100}% of the thread run)`;
  const regardless = "--verify <n> re-checks n verdicts regardless";
  if (v.checked === 0) {
    return v.stopped === "deadline"
      ? `Verification: the time budget${budget} ran out before any of ${v.sampled} sampled thread verdicts was re-checked with the spawn executor; ${regardless}.`
      : "Verification: no thread verdict to re-check with the spawn executor.";
  }
  const pct = agreementPercent(v);
  const equivalent = v.equivalent > 0 ? ` (${v.equivalent} of them Killed in one executor, Timeout in the other)` : "";
  const head = `Verified ${v.checked} of ${v.available} thread verdicts with the spawn executor: ${v.agreed + v.equivalent} agree${equivalent}, ${pct.toFixed(pct === 100 ? 0 : 1)}%, in ${formatMs(v.durationMs)}.`;
  const stopped =
    v.stopped === "deadline"
      ? ` Stopped by the time budget${budget} after ${v.checked} of ${v.sampled} sampled; ${regardless}.`
      : "";
  if (v.disagreements.length === 0) return head + stopped;
  const rerun = v.filesRerun.length > 0 ? ` The spawn verdicts of ${v.filesRerun.join(", ")} count.` : "";
  return `${head}${stopped} ${v.disagreements.length} disagree.${rerun}`;
}

/** One line per disagreement, and how to report it. */
export function formatDisagreements(v: Verification): string[] {
  if (v.disagreements.length === 0) return [];
  const lines = v.disagreements.map(
    (d) =>
      `  ${d.id}: thread ${d.thread}${d.threadReason ? ` (${d.threadReason})` : ""}, spawn ${d.spawn}${d.spawnReason ? ` (${d.spawnReason})` : ""}`,
  );
  const first = v.disagreements[0] as Disagreement;
  lines.push(
    `  This is a gremlins bug: please report it with the output of \`gremlins explain ${first.id}\` (and the test file it names).`,
  );
  return lines;
}
