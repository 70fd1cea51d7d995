// Adapts user callbacks to runner bodies for each calling convention: plain, done-callback
// (jest, bun, mocha, node:test), vitest's test context, and mocha's `this`.

import { type Body, SkipSignal, isThenable } from "./model.ts";
import type { Registry } from "./registry.ts";

export type UserFn = (...args: unknown[]) => unknown;

/** Would mocha/jest treat the first parameter as a `done` callback (and not a destructured context)? */
export function takesDone(fn: UserFn, argsBefore = 0): boolean {
  if (fn.length <= argsBefore) return false;
  if (argsBefore > 0) return true;
  const src = Function.prototype.toString.call(fn);
  const params = /^(?:async\s*)?(?:function\b[^(]*)?\(\s*([^)]*)/.exec(src)?.[1];
  return !(params !== undefined && params.trimStart().startsWith("{"));
}

function asError(value: unknown): unknown {
  return value instanceof Error ? value : new Error(String(value));
}

/** Calls `fn(...args, done)` and settles when done is called (or the returned promise rejects). */
export function doneBody(fn: UserFn, thisArg: unknown, args: unknown[] = []): Body {
  return () =>
    new Promise<void>((resolve, reject) => {
      let called = false;
      const done = (error?: unknown) => {
        if (called) return;
        called = true;
        if (error) reject(asError(error));
        else resolve();
      };
      (done as unknown as { fail: (m?: string) => void }).fail = (m) => done(new Error(m ?? "failed"));
      const result = fn.call(thisArg, ...args, done);
      if (isThenable(result)) result.then(undefined, (e: unknown) => done(e ?? new Error("rejected")));
    });
}

export function plainBody(fn: UserFn, thisArg: unknown, args: unknown[] = []): Body {
  return () => fn.apply(thisArg, args);
}

/** A vitest test context; `onTestFinished`/`onTestFailed` callbacks run after the body. */
export function vitestBody(fn: UserFn, registry: Registry, expect: unknown, args: unknown[] = []): Body {
  return () => {
    const finished: UserFn[] = [];
    const failed: UserFn[] = [];
    const test = registry.currentTest;
    const context = {
      expect,
      task: { name: test?.name ?? "", id: test?.id ?? "", file: { name: test?.file ?? "" } },
      skip(condition?: unknown) {
        if (condition === undefined || condition === true || (typeof condition !== "string" && condition)) {
          throw new SkipSignal();
        }
        if (typeof condition === "string") throw new SkipSignal(condition);
      },
      onTestFinished: (cb: UserFn) => void finished.push(cb),
      onTestFailed: (cb: UserFn) => void failed.push(cb),
      get signal() {
        return new AbortController().signal;
      },
    };
    const after = async (error: unknown, threw: boolean) => {
      if (threw) for (const cb of failed) await cb(context);
      for (const cb of finished) await cb(context);
      if (threw) throw error;
    };
    let result: unknown;
    try {
      result = fn(...args, context);
    } catch (error) {
      if (finished.length + failed.length === 0) throw error;
      return after(error, true);
    }
    if (isThenable(result))
      return Promise.resolve(result).then(
        () => after(undefined, false),
        (e) => after(e, true),
      );
    if (finished.length + failed.length > 0) return after(undefined, false);
    return undefined;
  };
}

const SNAPSHOT_HINT = /\bto(?:Match|ThrowErrorMatching)(?:Inline)?Snapshot\s*\(/;

/** The snapshot matcher a callback's source calls, if any (seen at registration time). */
export function snapshotMatcherIn(fn: UserFn): string | null {
  const m = SNAPSHOT_HINT.exec(Function.prototype.toString.call(fn));
  return m ? m[0].replace(/\s*\($/, "") : null;
}
