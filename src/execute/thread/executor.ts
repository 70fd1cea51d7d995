// The thread executor: gives every gremlin a verdict from the thread baseline's coverage —
// Ignored / NoCoverage without running, static gremlins in fresh workers, the rest by re-running
// only the tests that reached them on long-lived loaded workers, with spares ready to replace them.

import type { Gremlin, Outcome } from "../../types.ts";
import { runPool } from "../pool.ts";
import type { ThreadBaseline } from "./baseline.ts";
import { fastestFirst } from "./baseline.ts";
import type { WorkerSupply } from "./supply.ts";
import type { ThreadWorker } from "./thread-worker.ts";
import type { StatsRecorder } from "./stats.ts";
import type { TestOrder } from "../../plan/order.ts";
import { runOnWorker, runStatic, stillPasses, type GremlinResult, type RunSettings } from "./run-gremlin.ts";
import { verdictAfterRetry } from "./verdict.ts";

export interface ThreadExecuteOptions {
  gremlins: readonly Gremlin[];
  baseline: ThreadBaseline;
  supply: WorkerSupply;
  workers: number;
  settings: RunSettings;
  onOutcome?: (gremlin: Gremlin, outcome: Outcome) => void;
  shouldStop?: () => boolean;
  stats?: StatsRecorder;
  /** Orders each gremlin's tests at dispatch (likely killers first) and learns the killers. Default: fastest first. */
  testOrder?: TestOrder;
  /** False (--no-bail): run every covering test, and list every killing test. */
  bail?: boolean;
}

/** How a gremlin will be tested. */
export type Plan =
  | { kind: "settled"; outcome: Outcome }
  | { kind: "static"; tests: null }
  | { kind: "dynamic"; tests: number[] };

/** The plan for one gremlin (pure): which tests, in which order, in which kind of worker. */
export function planGremlin(gremlin: Gremlin, baseline: Pick<ThreadBaseline, "coverage" | "staticGremlins" | "outside" | "runnable" | "durations">): Plan {
  if (gremlin.ignoredReason !== undefined) return { kind: "settled", outcome: { id: gremlin.id, status: "Ignored", statusReason: gremlin.ignoredReason } };
  if (baseline.staticGremlins.has(gremlin.index)) return { kind: "static", tests: null };
  if (baseline.outside.has(gremlin.index)) return { kind: "dynamic", tests: fastestFirst(baseline.runnable, baseline.durations) };
  const tests = baseline.coverage.get(gremlin.index);
  if (!tests || tests.length === 0) return { kind: "settled", outcome: { id: gremlin.id, status: "NoCoverage", statusReason: "no test reached this code" } };
  return { kind: "dynamic", tests: fastestFirst(tests, baseline.durations) };
}

function toOutcome(gremlin: Gremlin, result: GremlinResult, tests: ReadonlyMap<number, { id: string }>, isStatic: boolean, covering: readonly number[] | null): Outcome {
  const outcome: Outcome = { id: gremlin.id, status: result.status, statusReason: result.statusReason, durationMs: Math.round(result.durationMs * 100) / 100, testsCompleted: result.testsRun };
  const killers = result.failingTests ?? (result.killingTest !== undefined ? [result.killingTest] : []);
  if (killers.length > 0) outcome.killedBy = killers.map((t) => tests.get(t)?.id ?? String(t));
  if (covering) outcome.coveredBy = covering.map((t) => tests.get(t)?.id ?? String(t));
  if (isStatic) outcome.static = true;
  return outcome;
}

/** The run ended because the active gremlin's site was reached more often than its hit limit. */
function hitLimitTripped(result: GremlinResult): boolean {
  return result.status === "Timeout" && (result.statusReason ?? "").startsWith("hit limit");
}

export async function executeInThreads(options: ThreadExecuteOptions): Promise<Map<string, Outcome>> {
  const { baseline, supply } = options;
  const settings: RunSettings = options.bail === false ? { ...options.settings, bail: false } : options.settings;
  const outcomes = new Map<string, Outcome>();
  const report = (gremlin: Gremlin, outcome: Outcome): Outcome => {
    outcomes.set(gremlin.id, outcome);
    options.onOutcome?.(gremlin, outcome);
    return outcome;
  };
  const jobs: { gremlin: Gremlin; plan: Exclude<Plan, { kind: "settled" }> }[] = [];
  for (const gremlin of options.gremlins) {
    const plan = planGremlin(gremlin, baseline);
    if (plan.kind === "settled") report(gremlin, plan.outcome);
    else jobs.push({ gremlin, plan });
  }
  const fresh = baseline.leaky !== null;
  const slots: (ThreadWorker | null)[] = Array.from({ length: options.workers }, (_, i) => (i === 0 && baseline.worker.alive && !fresh ? baseline.worker : null));

  /** The slot's loaded worker, replacing a dead or missing one from the spares. */
  const loadedWorker = async (slot: number): Promise<ThreadWorker | GremlinResult> => {
    const current = slots[slot];
    if (current?.alive) return current;
    const taken = await supply.takeLoaded(0, 0, settings.loadLimitMs);
    if ("failure" in taken) {
      if (taken.worker) supply.release(taken.worker);
      const why = taken.failure.type === "exit" ? taken.failure.error : taken.failure.type;
      return { status: "RuntimeError", statusReason: `a replacement worker could not load the tests (${why})`, recycle: true, testsRun: 0, testMs: 0, durationMs: 0 };
    }
    if (taken.loaded.error !== undefined) {
      supply.release(taken.worker);
      return { status: "RuntimeError", statusReason: `a replacement worker could not load the tests (${taken.loaded.error})`, recycle: true, testsRun: 0, testMs: 0, durationMs: 0 };
    }
    slots[slot] = taken.worker;
    return taken.worker;
  };

  const retire = (slot: number): void => {
    const worker = slots[slot];
    if (worker) supply.release(worker);
    slots[slot] = null;
  };

  const runDynamic = async (gremlin: Gremlin, tests: number[], slot: number, retried = false, runSettings: RunSettings = settings): Promise<GremlinResult> => {
    const worker = await loadedWorker(slot);
    if (!("alive" in worker)) return worker;
    const result = await runOnWorker(worker, gremlin.index, tests, runSettings);
    if (result.recycle || fresh || !worker.alive) {
      retire(slot);
      return result;
    }
    if ((result.status === "Killed" || result.status === "Timeout") && result.killingTest !== undefined && !retried) {
      // A failure is the gremlin's only if the test still passes without it; otherwise the
      // worker's state was tainted by earlier runs: replace it and decide on a fresh one.
      const sound = result.recheck?.index === result.killingTest ? result.recheck.passed && worker.fatal.length === 0 : await stillPasses(worker, result.killingTest, settings);
      if (!sound) {
        retire(slot);
        return runDynamic(gremlin, tests, slot, true, runSettings);
      }
    }
    return result;
  };

  const stats = options.stats;
  stats?.mark("execute-start");
  if (stats) stats.stats.workers = options.workers;
  supply.replenish();
  await runPool(
    jobs,
    options.workers,
    async ({ gremlin, plan }, slot) => {
      const tests = plan.kind === "dynamic" && options.testOrder ? options.testOrder.order(gremlin, plan.tests) : plan.tests;
      const attempt = (): Promise<GremlinResult> => (plan.kind === "static" ? runStatic(supply, gremlin.index, null, settings) : runDynamic(gremlin, tests ?? [], slot));
      let result = await attempt();
      if (plan.kind === "dynamic" && hitLimitTripped(result) && settings.hitLimitFor(gremlin.index) < settings.hitLimitCeiling) {
        // The baseline-derived limit is an early guess: before calling it a Timeout, give the gremlin the
        // spawn executor's limit, under which a deep recursion overflows the stack (and a test may see it).
        const ceiling = settings.hitLimitCeiling;
        result = await runDynamic(gremlin, tests ?? [], slot, false, { ...settings, hitLimitFor: () => ceiling });
      }
      if (result.died !== undefined) {
        // A worker that died mid-gremlin may have died for its own reasons: once more on a fresh worker
        // (runDynamic already retired the dead one; a static gremlin always takes a fresh worker).
        result = verdictAfterRetry(result, await attempt());
      }
      if (result.status === "Killed" && plan.kind === "dynamic") {
        const killers = result.failingTests ?? (result.killingTest !== undefined ? [result.killingTest] : []);
        if (killers.length > 0) options.testOrder?.killed(gremlin, killers);
      }
      stats?.gremlin({ index: gremlin.index, status: result.status, static: plan.kind === "static", testsRun: result.testsRun, testMs: result.testMs, durationMs: result.durationMs });
      return report(gremlin, toOutcome(gremlin, result, baseline.tests, plan.kind === "static", plan.kind === "dynamic" ? plan.tests : null));
    },
    options.shouldStop,
  );
  for (let slot = 0; slot < slots.length; slot++) retire(slot);
  stats?.mark("execute-end");
  return outcomes;
}
