// What a gremlin costs: the estimated wall time of its run (for ordering, distribution and the ETA),
// a machine-independent weight (for sharding), and the time it had to take (the efficiency bound).
import type { Gremlin, Outcome } from "../types.ts";

/** What the thread baseline measured that costs depend on (shared by the cost model and its builder). */
export interface ThreadCostFacts {
  /** Test index → baseline duration (ms). */
  durations: ReadonlyMap<number, number>;
  /** Gremlin index → covering tests. */
  coverage: ReadonlyMap<number, readonly number[]>;
  /** Reached while the test files load: a fresh import, then every test (or those of `staticTests`). */
  staticGremlins: ReadonlySet<number>;
  /** Static gremlin → the tests it can affect, when known. */
  staticTests?: ReadonlyMap<number, readonly number[]>;
  /** Reached outside any test (file-level hooks): every test. */
  outside: ReadonlySet<number>;
  runnable: readonly number[];
  /** Importing the test files in a fresh worker (ms). */
  loadMs: number;
}

/** The baseline facts costs are derived from, per executor. */
export type CostModel =
  | (ThreadCostFacts & {
      kind: "thread";
      /** Test id (as in Outcome.killedBy) → test index. */
      testIndex: ReadonlyMap<string, number>;
    })
  | {
      kind: "spawn";
      /** One run of the test command (the baseline's duration, ms). */
      runMs: number;
      reached: ReadonlySet<number>;
      /** A gremlin's run when only its test files run (per-file selection); undefined = the whole command. */
      runMsOf?: (gremlin: Gremlin) => number | undefined;
    };

/** A fixed allowance per gremlin run (switch, message, verdict), so zero-duration tests still cost something. */
export const RUN_OVERHEAD_MS = 0.5;

function sum(tests: readonly number[], durations: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const t of tests) total += durations.get(t) ?? 0;
  return total;
}

/** The tests a gremlin runs in the thread executor (null = settled without a run). */
function testsOf(gremlin: Gremlin, model: Extract<CostModel, { kind: "thread" }>): readonly number[] | null {
  if (gremlin.ignoredReason !== undefined) return null;
  if (model.staticGremlins.has(gremlin.index)) return model.staticTests?.get(gremlin.index) ?? model.runnable;
  if (model.outside.has(gremlin.index)) return model.runnable;
  const tests = model.coverage.get(gremlin.index);
  return tests && tests.length > 0 ? tests : null;
}

/** Estimated wall time of testing `gremlin` when no test kills it (ms); 0 when it needs no run. */
export function costMs(gremlin: Gremlin, model: CostModel): number {
  if (model.kind === "spawn")
    return gremlin.ignoredReason === undefined && model.reached.has(gremlin.index)
      ? (model.runMsOf?.(gremlin) ?? model.runMs)
      : 0;
  const tests = testsOf(gremlin, model);
  if (tests === null) return 0;
  const load = model.staticGremlins.has(gremlin.index) ? model.loadMs : 0;
  return load + sum(tests, model.durations) + RUN_OVERHEAD_MS;
}

/**
 * The sharding weight: machine-independent, so every shard computes the same partition. Measured
 * durations differ between machines (and runs), coverage does not: the number of tests a gremlin
 * runs (every test, plus one for the import, for a static gremlin); 1 per run in the spawn executor.
 */
export function shardWeight(gremlin: Gremlin, model: CostModel): number {
  if (model.kind === "spawn") return gremlin.ignoredReason === undefined && model.reached.has(gremlin.index) ? 1 : 0;
  const tests = testsOf(gremlin, model);
  if (tests === null) return 0;
  return tests.length + (model.staticGremlins.has(gremlin.index) ? 1 : 0);
}

/**
 * The least time `gremlin`'s verdict could have taken: a survivor's every covering test; a killed
 * gremlin's fastest killing test alone (the ideal order); the import for a static one; a timeout's
 * measured time (its limit had to pass). Errors and settled verdicts: 0.
 */
export function requiredMs(gremlin: Gremlin, outcome: Outcome, model: CostModel): number {
  const full = costMs(gremlin, model);
  if (full === 0 || outcome.cached) return 0;
  switch (outcome.status) {
    case "Survived":
      return full;
    case "Timeout":
      return outcome.durationMs ?? full;
    case "Killed": {
      if (model.kind === "spawn") return Math.min(full, outcome.durationMs ?? full);
      const load = model.staticGremlins.has(gremlin.index) ? model.loadMs : 0;
      const killers = (outcome.killedBy ?? [])
        .map((id) => model.testIndex.get(id))
        .filter((t): t is number => t !== undefined);
      if (killers.length === 0) return load;
      return load + Math.min(...killers.map((t) => model.durations.get(t) ?? 0));
    }
    default:
      return 0;
  }
}
