// The thread executor's events and transitions, as pure functions of a run's result: what a run on a
// slot's worker calls for (keep the worker, retire it, check the kill, run again on a fresh one), which
// step a gremlin's attempt takes next, and whether a kill is held for its slot's verification.

import type { Gremlin, Outcome } from "../../types.ts";
import type { GremlinResult } from "./run-gremlin.ts";
import { verdictAfterRetry } from "./verdict.ts";

/** How a gremlin will be tested. */
export type Plan =
  | { kind: "settled"; outcome: Outcome }
  /** Every test of a fresh graph: `tests` (those that reached it in a test first, then the rest, fastest first) in this order. */
  | { kind: "static"; tests: number[] }
  | { kind: "dynamic"; tests: number[] };

/** A gremlin that needs a run, and how. */
export type Job = { gremlin: Gremlin; plan: Exclude<Plan, { kind: "settled" }> };

/** A kill on a long-lived worker, not reported until its slot's next verification passes. */
export interface Provisional {
  job: Job;
  /** The tests it ran, in order (a re-run runs them again). */
  tests: number[];
  result: GremlinResult;
  /** Time spent on it besides the run in `result` (its share of a verification, an earlier attempt): statistics only. */
  extraMs: number;
}

/** The tests that failed with the gremlin active (the killing test first). */
export function killersOf(result: GremlinResult): number[] {
  return result.failingTests ?? (result.killingTest !== undefined ? [result.killingTest] : []);
}

/** A kill (or a hit-limit Timeout) decided by a test on a worker that stays in use: its test must pass again without the gremlin. */
export function needsCheck(result: GremlinResult): result is GremlinResult & { killingTest: number } {
  return (result.status === "Killed" || result.status === "Timeout") && result.killingTest !== undefined;
}

/** The run ended because the active gremlin's site was reached more often than its hit limit. */
export function hitLimitTripped(result: GremlinResult): boolean {
  return result.status === "Timeout" && (result.statusReason ?? "").startsWith("hit limit");
}

/** A Timeout from the wall-clock or memory limit (a hit-limit Timeout is settled by its own re-run). */
export function timedOut(result: GremlinResult): boolean {
  return result.status === "Timeout" && !hitLimitTripped(result);
}

/** The verdict after a Timeout was run again: confirmed when the second run times out too, else the second run's verdict. */
export function confirmedTimeout(first: GremlinResult, second: GremlinResult): GremlinResult {
  if (second.status !== "Timeout") return { ...second, durationMs: first.durationMs + second.durationMs };
  return { ...second, confirmed: true, durationMs: first.durationMs + second.durationMs };
}

/**
 * The steps of one gremlin's attempt, each taken only when the run before calls for it:
 * - `run`: the first run;
 * - `ceiling` (event: hit limit): the baseline-derived hit limit tripped and is below the configured one:
 *   run again under the configured limit, where a deep recursion overflows the stack as under spawn;
 * - `retry` (event: crash): the worker died mid-gremlin, maybe for its own reasons: once more on a fresh one;
 * - `confirm` (event: timeout): a wall-clock or memory Timeout stands only if a second run agrees.
 */
export type AttemptStep = "run" | ExtraStep;
export type ExtraStep = "ceiling" | "retry" | "confirm";

/** The step after `step` ended with `result` (null: the verdict stands). `belowCeiling`: the derived hit limit is below the configured one. */
export function nextStep(step: AttemptStep, result: GremlinResult, belowCeiling: boolean): ExtraStep | null {
  if (step === "run" && belowCeiling && hitLimitTripped(result)) return "ceiling";
  if ((step === "run" || step === "ceiling") && result.died !== undefined) return "retry";
  if (step !== "confirm" && timedOut(result)) return "confirm";
  return null;
}

/** The verdict after step `step` ran again: `before` is the verdict so far, `again` the new run's. */
export function afterStep(step: ExtraStep, before: GremlinResult, again: GremlinResult): GremlinResult {
  if (step === "retry") return verdictAfterRetry(before, again);
  if (step === "confirm") return confirmedTimeout(before, again);
  return again;
}

/** What a run on a slot's worker calls for. */
export type RunEvent =
  /** Nothing ran: reloading the leaking test files cannot reset the worker. Retire it, run again on a fresh one. */
  | { type: "stale"; why: string }
  /** The worker may not serve again (it asked to be recycled, died, or every run needs a fresh one): retire it after. */
  | { type: "unfit" }
  /** Careful mode: a kill counts only if its test passes again without the gremlin on this worker. */
  | { type: "suspect"; test: number }
  /**
   * A kill whose test, re-run at once with the gremlin still active, passed: it rested on state that
   * earlier runs left in the worker (and the failing run healed). Retire the worker, run again on a fresh one.
   */
  | { type: "unrepeated" }
  /**
   * A kill whose test fails without the gremlin too on a worker that ran nothing before (fresh mode, or a
   * fresh spare): the test depends on the tests before it in its file (which the selection left out), or
   * on state this run left. The test files, run whole in their order on a fresh worker as the runner
   * runs them, decide.
   */
  | { type: "order" }
  /** The worker stays; the result stands (a kill may still be held for the slot's verification). */
  | { type: "kept" };

export function runEvent(
  result: GremlinResult,
  worker: { alive: boolean; fresh: boolean; checking: boolean; pristine: boolean },
): RunEvent {
  if (result.stale !== undefined) return { type: "stale", why: result.stale };
  const kill = needsCheck(result);
  // A worker that ran nothing before (a fresh spare) holds no other run's state: what it shows is the runner's.
  if (kill && result.recheck?.passed === false && (worker.fresh || worker.pristine)) return { type: "order" };
  if (result.recycle || worker.fresh || !worker.alive) return { type: "unfit" };
  if (kill && result.reproduced === false && !worker.pristine) return { type: "unrepeated" };
  if (worker.checking && kill && !worker.pristine) return { type: "suspect", test: result.killingTest };
  return { type: "kept" };
}

/**
 * A dynamic gremlin's verdict is held (not reported) until its slot's next verification when it is a kill
 * decided by a test on a worker that stays in use, outside careful mode (where kills are checked at once)
 * and outside fresh mode (where no worker is reused).
 */
export function holdsKill(result: GremlinResult, run: { careful: boolean; fresh: boolean; alive: boolean }): boolean {
  return !run.careful && !run.fresh && needsCheck(result) && !result.recycle && result.died === undefined && run.alive;
}
