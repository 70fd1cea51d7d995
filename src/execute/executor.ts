// The one interface both executors offer the orchestrator: take the baseline, describe themselves
// (which executor, why, which time limit), execute the planned gremlins, close. Each executor keeps
// its own options; only what every executor honours is in ExecuteRequest.

import type { FlakyTest, Gremlin, Outcome, RunResult } from "../types.ts";
import type { CostModel } from "../plan/cost.ts";
import type { FileCoverage } from "./select/index.ts";

export interface ExecutorBaseline {
  /** Gremlin indices some test reached. */
  reached: ReadonlySet<number>;
  /** The baseline's duration (ms), as stored with the cached coverage. */
  durationMs: number;
  /** What each gremlin's run is expected to cost (ordering, sharding, ETA). */
  model: CostModel;
  /** True when the reached set came from the cache (no baseline run). */
  cached: boolean;
  /** Tests whose result changed between baseline runs (the run goes on; the reports name them). */
  flaky: Omit<FlakyTest, "gremlins">[];
}

export interface ExecuteRequest {
  /** The gremlins to test, in the order to hand them out (settled ones get their verdict at once). */
  gremlins: readonly Gremlin[];
  workers: number;
  /** False (--no-bail): every covering test runs and every killing test is listed. */
  bail: boolean;
  /** Called as each verdict is known (including the ones that need no run). */
  onOutcome?: (gremlin: Gremlin, outcome: Outcome) => void;
  /** Something about how the run goes that the user should be told once. */
  onNotice?: (message: string) => void;
}

export interface Executor {
  readonly name: "spawn" | "thread";
  /** Runs (or reuses) the baseline: green suite, reached gremlins, costs. Throws GremlinsError when red. */
  baseline(): Promise<ExecutorBaseline>;
  /** Lines for the run's log after the baseline: the time limits that apply, the test selection. */
  describe(): string[];
  execute(request: ExecuteRequest): Promise<Map<string, Outcome>>;
  /** Test ids → names and files, for the reports (killing tests named in the outcomes). */
  tests(outcomes: ReadonlyMap<string, Outcome>): RunResult["tests"];
  /** Thread executor: which test files reach each gremlin, from its baseline (the spawn re-check of --verify runs just those). */
  fileCoverage?(): FileCoverage;
  /**
   * Thread executor: done with the sandbox, it puts back what it rewrote there (framework imports pointed at
   * the harness, aliases), so that the user's own runner can run in it (the --verify re-check).
   */
  releaseSandbox?(): void;
  close(): void;
}

/** Test "ids" of the spawn executor are the failing tests' names as the runner printed them. */
export function testsFromOutcomes(outcomes: ReadonlyMap<string, Outcome>): RunResult["tests"] {
  const tests: RunResult["tests"] = new Map();
  for (const outcome of outcomes.values()) {
    for (const name of outcome.killedBy ?? []) tests.set(name, { name });
  }
  return tests;
}
