// State that a first run leaves in the project's modules (a cache or a pool built on first use) makes a
// warm worker take other paths than the runner's fresh process: such a gremlin may survive only there.
// The baseline finds the tests whose reached code changed between its cold pass and its warm one; a
// Survived on code those tests reach stands only once a cold module graph (reloaded, or a fresh worker) agrees, running
// the files of those tests whole, in suite order: state the gremlin left may fail a later test of a file
// that never reaches it, as in the runner (and as the spawn executor confirms a Survived). Its other covering
// tests take the same path warm or cold: their warm run stands.

import type { PortWorker, WorkerPort } from "./port.ts";
import { runStatic, type GremlinResult, type RunSettings } from "./run-gremlin.ts";
import type { StaticRuns } from "./static-runs.ts";
import { SUBTEST_BASE, type Units } from "./units.ts";
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

/** Every top-level test that runs (not skipped), in suite order. */
export function everyTest(settings: Pick<RunSettings, "tests">): number[] {
  const out: number[] = [];
  for (const [index, test] of settings.tests) if (index < SUBTEST_BASE && !test.skipped) out.push(index);
  return out.sort((a, b) => a - b);
}

/**
 * Every test of the files of `covering` (top-level tests, subtests with them), in suite order: what the runner
 * runs for those files. null, every test, when a covering test's file is not known.
 */
export function wholeFiles(covering: readonly number[], settings: Pick<RunSettings, "tests">): number[] | null {
  const files = new Set<string>();
  for (const unit of covering) {
    const file = settings.tests.get(unit)?.file;
    if (file === undefined || file === "") return null;
    files.add(file);
  }
  return everyTest(settings).filter((index) => files.has(settings.tests.get(index)?.file ?? ""));
}

/**
 * The files of `covering` (the gremlin's stateful covering tests) whole (wholeFiles) on a fresh module graph
 * imported with the gremlin active (`onGraph`: a reloaded graph or a fresh worker), as the runner's process
 * starts: retried once if the worker died, a wall-clock Timeout run again before it stands.
 */
export async function runCold(
  onGraph: (tests: readonly number[] | null) => Promise<GremlinResult>,
  covering: readonly number[],
  settings: Pick<RunSettings, "tests">,
  warm: GremlinResult,
): Promise<GremlinResult> {
  const tests = wholeFiles(covering, settings);
  const once = () => onGraph(tests);
  let result = await once();
  if (result.died !== undefined) result = verdictAfterRetry(result, await once());
  if (result.status === "Timeout" && !(result.statusReason ?? "").startsWith("hit limit")) {
    const again = await once();
    const durationMs = result.durationMs + again.durationMs;
    result = again.status === "Timeout" ? { ...again, durationMs, confirmed: true } : { ...again, durationMs };
  }
  return { ...result, durationMs: warm.durationMs + result.durationMs };
}

/**
 * A cold run on slot `at.slot`'s reloaded graph (as a static gremlin's), or a fresh worker where graphs cannot be
 * reloaded. A kill on a reloaded graph counts once a clean reload passes its killing test; else a fresh worker decides.
 */
export async function coldOnGraph<W extends PortWorker>(
  statics: StaticRuns<W>,
  port: WorkerPort<W>,
  at: { slot: number; index: number },
  stateful: readonly number[],
  settings: RunSettings,
  warm: GremlinResult,
): Promise<GremlinResult> {
  const { slot, index } = at;
  const cold = await runCold((tests) => statics.run(slot, index, tests, settings, true), stateful, settings, warm);
  if (!cold.cleanCheckOwed) return cold;
  const { cleanCheckOwed: _owed, ...checked } = cold;
  const killing = cold.killingTest === undefined ? [] : [cold.killingTest];
  if ((await statics.check(slot, killing, settings)) === "verified") return checked;
  return runCold((tests) => runStatic(port, index, tests, settings), stateful, settings, warm);
}
