// Compares thread verdicts with the spawn executor's re-check of the same gremlins: which agree, which are
// equivalent detections (Killed vs Timeout), which disagree.
import type { Disagreement, Outcome, Status, Verification } from "../types.ts";

export type { Disagreement, Verification } from "../types.ts";

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
