// In a worker, after a run with a gremlin active where a test failed: that test once more, alone, in the
// same request (no round trip), to answer the run request's `reproduce` (with the gremlin still active:
// does the kill repeat?) and then its `recheck` (without it: is the worker's state still sound?).

import { SWITCH_ACTIVE, SWITCH_HITS, SWITCH_HIT_LIMIT } from "../../instrument/runtime.ts";
import type { Request } from "./protocol.ts";

/** A failed test's result: its index, and which of its subtests failed. */
interface Failed {
  index: number;
  subtests?: { key: string; status: string }[];
}

export interface RerunParts {
  /** The shared-memory switch (see SWITCH_* in src/instrument/runtime.ts). */
  sw: Int32Array;
  /** Runs test `index` alone (only its subtest `key` when given), leaking files reloaded first: did it pass? */
  runAlone(index: number, key: string | undefined): Promise<boolean>;
  /** Turns the gremlin off for the processes the tests start. */
  deactivate(): void;
}

export interface Rerun {
  reproduced?: boolean;
  recheck?: { index: number; key?: string; passed: boolean };
}

/**
 * Re-runs `failed` (the run's first failing test) as `request` asks. `reproduced`: it failed again with
 * the gremlin active (a kill that does not repeat rested on state earlier runs left, which the failing
 * run healed). `recheck`: it passed with the gremlin off. The switch is off afterwards when rechecked.
 */
export async function rerunFailed(
  failed: Failed | undefined,
  request: Extract<Request, { type: "run" }>,
  parts: RerunParts,
): Promise<Rerun> {
  const { sw } = parts;
  if (failed === undefined || Atomics.load(sw, SWITCH_ACTIVE) === 0) return {};
  // A failed subtest is re-run alone (with its parent test's body), not the whole parent test.
  const key = failed.subtests?.find((r) => r.status === "failed")?.key;
  const out: Rerun = {};
  const hits = Atomics.load(sw, SWITCH_HITS);
  const limit = Atomics.load(sw, SWITCH_HIT_LIMIT);
  if (request.reproduce && !(limit > 0 && hits > limit)) {
    Atomics.store(sw, SWITCH_HITS, 0);
    const passed = await parts.runAlone(failed.index, key);
    out.reproduced = !passed || (limit > 0 && Atomics.load(sw, SWITCH_HITS) > limit);
    // The coordinator reads the hit limit of the run itself, not of this repetition.
    Atomics.store(sw, SWITCH_HITS, hits);
  }
  if (request.recheck) {
    Atomics.store(sw, SWITCH_ACTIVE, 0);
    parts.deactivate();
    const passed = await parts.runAlone(failed.index, key);
    out.recheck = { index: failed.index, ...(key === undefined ? {} : { key }), passed };
  }
  return out;
}
