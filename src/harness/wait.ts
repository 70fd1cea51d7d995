// Polling helpers with vitest's semantics: `vi.waitFor` (until the callback stops throwing),
// `vi.waitUntil` (until it returns something truthy) and `expect.poll` (until a matcher passes), on
// real timers; with fake timers on, each poll first advances the fake clock by the interval.

import type { FakeClock } from "./timers.ts";
import { realClearTimeout, realSetTimeout } from "./timers.ts";

type AnyFn = (...args: unknown[]) => unknown;
export type WaitOptions = number | { timeout?: number; interval?: number };

const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;

function optionsOf(options: WaitOptions | undefined): { timeout: number; interval: number } {
  const o = typeof options === "number" ? { timeout: options } : (options ?? {});
  return { timeout: o.timeout ?? 1000, interval: o.interval ?? 50 };
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && typeof v === "object" && typeof (v as { then?: unknown }).then === "function";

/**
 * Calls `callback` now and every `interval` ms until `settle` says it is done, or the timeout passes.
 * `settle` receives each outcome and returns true to stop; `onTimeout` gives the rejection.
 */
function poll(
  callback: AnyFn,
  options: WaitOptions | undefined,
  clock: FakeClock,
  settle: (
    outcome: { value?: unknown; error?: unknown; threw: boolean },
    resolve: (v: unknown) => void,
    reject: (e: unknown) => void,
  ) => boolean,
  onTimeout: () => unknown,
): Promise<unknown> {
  const { timeout, interval } = optionsOf(options);
  return new Promise((resolve, reject) => {
    let pending = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ticker: ReturnType<typeof setInterval> | undefined;
    const stop = () => {
      if (timer !== undefined) realClearTimeout(timer);
      if (ticker !== undefined) realClearInterval(ticker);
    };
    const done = (v: unknown) => (stop(), resolve(v));
    const fail = (e: unknown) => (stop(), reject(e));
    const check = (): boolean => {
      if (clock.isInstalled()) clock.advance(interval);
      if (pending) return false;
      let value: unknown;
      try {
        value = callback();
      } catch (error) {
        return settle({ error, threw: true }, done, fail);
      }
      if (isThenable(value)) {
        pending = true;
        value.then(
          (v) => {
            pending = false;
            settle({ value: v, threw: false }, done, fail);
          },
          (error: unknown) => {
            pending = false;
            settle({ error, threw: true }, done, fail);
          },
        );
        return false;
      }
      return settle({ value, threw: false }, done, fail);
    };
    if (check()) return;
    timer = realSetTimeout(() => fail(onTimeout()), timeout);
    ticker = realSetInterval(check, interval);
  });
}

/** vi.waitFor: resolves with the first value the callback returns (or resolves to) without throwing. */
export function waitFor(callback: AnyFn, options: WaitOptions | undefined, clock: FakeClock): Promise<unknown> {
  let lastError: unknown;
  return poll(
    callback,
    options,
    clock,
    (o, resolve) => {
      if (o.threw) {
        lastError = o.error;
        return false;
      }
      resolve(o.value);
      return true;
    },
    () => lastError ?? new Error("Timed out in waitFor!"),
  );
}

/** vi.waitUntil: resolves with the first truthy value; a throw (or rejection) fails at once. */
export function waitUntil(callback: AnyFn, options: WaitOptions | undefined, clock: FakeClock): Promise<unknown> {
  return poll(
    callback,
    options,
    clock,
    (o, resolve, reject) => {
      if (o.threw) {
        reject(o.error ?? new Error("Timed out in waitUntil!"));
        return true;
      }
      if (!o.value) return false;
      resolve(o.value);
      return true;
    },
    () => new Error("Timed out in waitUntil!"),
  );
}

const POLL_REFUSED = new Set([
  "toMatchSnapshot",
  "toMatchInlineSnapshot",
  "toThrowErrorMatchingSnapshot",
  "toThrowErrorMatchingInlineSnapshot",
  "toThrow",
  "toThrowError",
]);

export interface PollTracker {
  /** Polls created in the running test that were never awaited. */
  unawaited: string[];
}

/**
 * expect.poll(fn, options): every matcher returns a promise that calls `fn`, applies the matcher to its
 * result, and retries every `interval` ms until it passes; after `timeout` the last attempt's error
 * is thrown (with the cause "Matcher did not succeed in time.").
 */
export function createPoll(expect: (value: unknown) => unknown, clock: FakeClock, tracker: PollTracker) {
  return (fn: AnyFn, options: { timeout?: number; interval?: number; message?: string } = {}) => {
    const { timeout, interval } = optionsOf(options);
    const chain = (negate: boolean): object =>
      new Proxy(
        {},
        {
          get(_t, key) {
            if (key === "not") return chain(!negate);
            if (typeof key !== "string" || key === "then") return undefined;
            if (key === "resolves" || key === "rejects")
              throw new SyntaxError(`expect.poll() is not supported in combination with .${key}`);
            if (POLL_REFUSED.has(key)) {
              throw new SyntaxError(
                `expect.poll() is not supported in combination with .${key}(). Use vi.waitFor() if your assertion condition is unstable.`,
              );
            }
            return (...args: unknown[]) => {
              const name = `expect.poll(assertion).${negate ? "not." : ""}${key}()`;
              tracker.unawaited.push(name);
              let started: Promise<unknown> | undefined;
              const run = async () => {
                let timedOut = false;
                const timer = realSetTimeout(() => void (timedOut = true), timeout);
                try {
                  for (;;) {
                    const last = timedOut;
                    try {
                      const value = await fn();
                      const target = expect(value) as Record<string, unknown>;
                      const matcher = (negate ? (target.not as Record<string, unknown>) : target)[key] as AnyFn;
                      return await matcher(...args);
                    } catch (error) {
                      if (last) {
                        if (error instanceof Error && error.cause == null)
                          error.cause = new Error("Matcher did not succeed in time.");
                        throw error;
                      }
                      await new Promise((r) => realSetTimeout(r, interval));
                      if (clock.isInstalled()) clock.advance(interval);
                    }
                  }
                } finally {
                  realClearTimeout(timer);
                }
              };
              const start = () => {
                const i = tracker.unawaited.indexOf(name);
                if (i >= 0) tracker.unawaited.splice(i, 1);
                return (started ??= run());
              };
              return {
                then: (ok?: (v: unknown) => unknown, ko?: (e: unknown) => unknown) => start().then(ok, ko),
                catch: (ko?: (e: unknown) => unknown) => start().catch(ko),
                finally: (f?: () => void) => start().finally(f),
                [Symbol.toStringTag]: "Promise",
              };
            };
          },
        },
      );
    return chain(false);
  };
}
