// State that a first run leaves in the project's modules (a cache or a pool built on first use) makes a
// warm worker take other paths than the runner's fresh process: such a gremlin may survive only there.
// The baseline finds the tests whose reached code changed between its cold pass and its warm one; a
// Survived on code those tests reach stands only once a cold module graph (a fresh worker) agrees, running
// every test: state the gremlin left may fail a later test that never reaches it, as in the runner.

import { runStatic, type GremlinResult, type RunSettings } from "./run-gremlin.ts";
import type { PortWorker, WorkerPort } from "./port.ts";
import type { Units } from "./units.ts";
import { verdictAfterRetry } from "./verdict.ts";

/** [unit key, gremlin indices] pairs, as a coverage run reports them. */
type Reached = readonly (readonly [string, readonly number[]])[];

/** The test units whose reached gremlins differ between a cold pass and a warm one (pure). */
export function statefulTests(cold: Reached, warm: Reached, units: Pick<Units, "indexOfKey">): Set<number> {
  const byUnit = (pairs: Reached): Map<number, Set<number>> => {
    const out = new Map<number, Set<number>>();
    for (const [key, gremlins] of pairs) {
      const unit = units.indexOfKey(key);
      const set = out.get(unit) ?? new Set<number>();
      for (const g of gremlins) set.add(g);
      out.set(unit, set);
    }
    return out;
  };
  const before = byUnit(cold);
  const after = byUnit(warm);
  const stateful = new Set<number>();
  for (const unit of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(unit) ?? new Set<number>();
    const b = after.get(unit) ?? new Set<number>();
    if (a.size !== b.size || [...a].some((g) => !b.has(g))) stateful.add(unit);
  }
  return stateful;
}

/** A warm worker's Survived that a cold graph must confirm: one of its tests runs otherwise once state is warm. */
export function needsColdRun(result: GremlinResult, tests: readonly number[], stateful: ReadonlySet<number>): boolean {
  return result.status === "Survived" && tests.some((t) => stateful.has(t));
}

/**
 * Every test on a fresh worker that imported the suite with gremlin `index` active, as the runner's process
 * starts: retried once if the worker died, a wall-clock Timeout run again before it stands.
 */
export async function runCold<W extends PortWorker>(
  supply: WorkerPort<W>,
  index: number,
  settings: RunSettings,
  warm: GremlinResult,
): Promise<GremlinResult> {
  const once = () => runStatic(supply, index, null, settings);
  let result = await once();
  if (result.died !== undefined) result = verdictAfterRetry(result, await once());
  if (result.status === "Timeout" && !(result.statusReason ?? "").startsWith("hit limit")) {
    const again = await once();
    const durationMs = result.durationMs + again.durationMs;
    result = again.status === "Timeout" ? { ...again, durationMs, confirmed: true } : { ...again, durationMs };
  }
  return { ...result, durationMs: warm.durationMs + result.durationMs };
}
