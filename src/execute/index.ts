// The spawn executor: gives every gremlin a verdict — Ignored and NoCoverage without running, the
// rest by running the test command with the gremlin active, spread over a pool of sandbox copies.

import type { Gremlin, Outcome } from "../types.ts";
import { runPool } from "./pool.ts";
import { DEFAULT_HIT_LIMIT, runGremlin, type CommandSpec, type WorkerContext } from "./gremlin-run.ts";

export { BaselineError, indentTail, runBaseline, ranZeroTests, outputTail, type Baseline } from "./baseline.ts";
export { resolveWorkers, usableCores, runPool } from "./pool.ts";
export { classify, failingTestName, type Verdict } from "./verdict.ts";
export { runCommand, type SpawnResult } from "./spawn.ts";
export { DEFAULT_HIT_LIMIT, type CommandSpec, type WorkerContext } from "./gremlin-run.ts";

export interface ExecuteOptions {
  gremlins: readonly Gremlin[];
  /** Gremlin indices the baseline reached. */
  reached: ReadonlySet<number>;
  spec: CommandSpec;
  workers: number;
  /** Worker `w`'s context; called before each run (it must hand out a fresh GREMLINS_DIR). */
  context: (worker: number) => WorkerContext;
  timeoutMs: number;
  hitLimit?: number;
  /** Called as each verdict is known (including the ones that need no run). */
  onOutcome?: (gremlin: Gremlin, outcome: Outcome) => void;
  /** Checked before each run: true stops handing out work (the result is then partial). */
  shouldStop?: () => boolean;
}

/** Gremlins that need a run, in the order given. The rest get their verdict immediately. */
export function planRuns(gremlins: readonly Gremlin[], reached: ReadonlySet<number>): { toRun: Gremlin[]; settled: Map<string, Outcome> } {
  const toRun: Gremlin[] = [];
  const settled = new Map<string, Outcome>();
  for (const gremlin of gremlins) {
    if (gremlin.ignoredReason !== undefined) {
      settled.set(gremlin.id, { id: gremlin.id, status: "Ignored", statusReason: gremlin.ignoredReason });
    } else if (!reached.has(gremlin.index)) {
      settled.set(gremlin.id, { id: gremlin.id, status: "NoCoverage", statusReason: "no test reached this code" });
    } else {
      toRun.push(gremlin);
    }
  }
  return { toRun, settled };
}

/** Runs every reached gremlin; returns one outcome per gremlin that got a verdict. */
export async function executeGremlins(options: ExecuteOptions): Promise<Map<string, Outcome>> {
  const { toRun, settled } = planRuns(options.gremlins, options.reached);
  const outcomes = new Map<string, Outcome>();
  for (const gremlin of options.gremlins) {
    const outcome = settled.get(gremlin.id);
    if (!outcome) continue;
    outcomes.set(gremlin.id, outcome);
    options.onOutcome?.(gremlin, outcome);
  }
  await runPool(
    toRun,
    options.workers,
    async (gremlin, worker) => {
      const run = await runGremlin(gremlin.index, options.spec, options.context(worker), options.timeoutMs, options.hitLimit ?? DEFAULT_HIT_LIMIT);
      const outcome: Outcome = {
        id: gremlin.id,
        status: run.status,
        statusReason: run.statusReason,
        durationMs: Math.round(run.durationMs),
      };
      if (run.killedBy) outcome.killedBy = [run.killedBy];
      outcomes.set(gremlin.id, outcome);
      options.onOutcome?.(gremlin, outcome);
      return outcome;
    },
    options.shouldStop,
  );
  return outcomes;
}
