// Calls one adapted body (test or hook) and settles it (Settled): ok, error, skip or timeout.
// Synchronous bodies return at once without arming any timer (the hot path when replaying). A pending body
// that nothing but its timeout can finish ends at once with that timeout's outcome (loop-stuck.ts).

import { type Body, type Control, SkipSignal, isThenable } from "./model.ts";
import { realClearTimeout, realSetTimeout } from "./timers.ts";
import { unrefTimer } from "./loop-drain.ts";
import { endWhenStuck } from "./loop-stuck.ts";

export type Settled =
  | { kind: "ok" }
  /** `early` (here and on timeout): ended before its timer because nothing was left that could finish it (loop-stuck.ts). */
  | { kind: "error"; error: unknown; early?: true }
  | { kind: "skip" }
  | { kind: "timeout"; ms: number; early?: true };

const OK: Settled = { kind: "ok" };
const NO_CONTROL: Control = { setTimeout() {} };

export interface Limits {
  /** The timeout the test framework would apply (declared by the test); undefined/0 = none. */
  declaredMs?: number;
  /** The executor's limit; past it the outcome is "timeout". <= 0 = none. */
  limitMs: number;
}

function settleError(error: unknown): Settled {
  return error instanceof SkipSignal ? { kind: "skip" } : { kind: "error", error };
}

/** `onControl` receives the control while the body runs (for mocha's `this.timeout`). */
export function invoke(body: Body, limits: Limits, onControl: (c: Control | null) => void): Settled | Promise<Settled> {
  let result: unknown;
  // `this.timeout(ms)` called synchronously, before any timer exists, replaces the declared timeout.
  let requested: number | undefined;
  let rearm: (ms: number) => void = (ms) => void (requested = ms);
  const control: Control = { setTimeout: (ms) => rearm(ms) };
  onControl(control);
  try {
    result = body(control);
  } catch (error) {
    onControl(null);
    return settleError(error);
  }
  if (!isThenable(result)) {
    onControl(null);
    return OK;
  }
  return new Promise<Settled>((resolve) => {
    let declaredTimer: ReturnType<typeof setTimeout> | undefined;
    let limitTimer: ReturnType<typeof setTimeout> | undefined;
    let declaredMs = 0;
    let declaredDue = 0;
    let done = false;
    let stopWatching = (): void => {};
    const finish = (outcome: Settled) => {
      if (done) return;
      done = true;
      if (declaredTimer !== undefined) realClearTimeout(declaredTimer);
      if (limitTimer !== undefined) realClearTimeout(limitTimer);
      stopWatching();
      onControl(null);
      resolve(outcome);
    };
    const declaredError = (ms: number, early = "") => new Error(`Timeout of ${ms}ms exceeded${early}`);
    rearm = (ms) => {
      if (declaredTimer !== undefined) realClearTimeout(declaredTimer);
      declaredTimer = undefined;
      declaredMs = 0;
      // A declared timeout only matters when it is shorter than the executor's limit.
      if (ms > 0 && !(limits.limitMs > 0 && ms >= limits.limitMs)) {
        declaredMs = ms;
        declaredDue = performance.now() + ms;
        declaredTimer = realSetTimeout(() => finish({ kind: "error", error: declaredError(ms) }), ms);
        unrefTimer(declaredTimer);
      }
    };
    rearm(requested ?? limits.declaredMs ?? 0);
    if (limits.limitMs > 0) {
      limitTimer = realSetTimeout(() => finish({ kind: "timeout", ms: limits.limitMs }), limits.limitMs);
      // The harness's own limits keep nothing alive (as node:test's timeouts): a drained loop is still seen.
      unrefTimer(limitTimer);
    }
    if (declaredTimer !== undefined || limitTimer !== undefined) {
      // The first timer to fire is the outcome: the declared timeout when armed (it is the shorter one).
      const limitDue = performance.now() + limits.limitMs;
      stopWatching = endWhenStuck(
        // Nothing armed (`this.timeout(0)` without a limit): no deadline, never ended early.
        () => (declaredMs > 0 ? declaredDue : limitTimer !== undefined ? limitDue : Number.POSITIVE_INFINITY),
        () =>
          finish(
            declaredMs > 0
              ? {
                  kind: "error",
                  error: declaredError(declaredMs, " (ended early: nothing left could finish it)"),
                  early: true,
                }
              : { kind: "timeout", ms: limits.limitMs, early: true },
          ),
      );
    }
    (result as PromiseLike<unknown>).then(
      () => finish(OK),
      (error: unknown) => finish(settleError(error)),
    );
  });
}

export { NO_CONTROL };
