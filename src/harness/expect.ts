// The harness's `expect`: the `expect` package (the implementation jest follows) plus bun/vitest
// extras, per-test assertion counting, and a guard that reports matchers it does not know.

import { createRequire } from "node:module";
import * as expectModule from "expect";
import { EXTRA_MATCHERS } from "./matchers.ts";
import type { Registry } from "./registry.ts";
import type { RunPlugin } from "./runner.ts";
import { SESSION_STATE, SNAPSHOT_MATCHERS } from "./snapshot/matchers.ts";
import type { SnapshotSession } from "./snapshot/state.ts";
import type { FakeClock } from "./timers.ts";
import { createPoll, type PollTracker } from "./wait.ts";

/**
 * Old names vitest (and jest before 30) still accept, which the `expect` package 30 dropped: each reads the
 * matcher it names.
 */
const ALIASES: Record<string, string> = {
  toThrowError: "toThrow",
  toBeCalled: "toHaveBeenCalled",
  toBeCalledTimes: "toHaveBeenCalledTimes",
  toBeCalledWith: "toHaveBeenCalledWith",
  lastCalledWith: "toHaveBeenLastCalledWith",
  nthCalledWith: "toHaveBeenNthCalledWith",
  toReturn: "toHaveReturned",
  toReturnTimes: "toHaveReturnedTimes",
  toReturnWith: "toHaveReturnedWith",
  lastReturnedWith: "toHaveLastReturnedWith",
  nthReturnedWith: "toHaveNthReturnedWith",
};

/** Snapshot matchers the harness does not emulate (the others compare read-only, see snapshot/). */
const UNSUPPORTED_MATCHERS = new Set(["toMatchFileSnapshot"]);

// Bun's runtime (unbundled) imports the package's ESM wrapper with `expect` undefined (a CJS
// interop quirk); bundles, Node and Deno get it. Fall back to the CommonJS entry then.
const baseExpect: typeof expectModule.expect =
  expectModule.expect ?? (createRequire(import.meta.url)("expect") as typeof expectModule).expect;

let extended = false;
function extendOnce(): void {
  if (extended) return;
  extended = true;
  const known = baseExpect(0) as unknown as Record<string, unknown>;
  const missing = Object.fromEntries(Object.entries(EXTRA_MATCHERS).filter(([name]) => !(name in known)));
  baseExpect.extend({ ...missing, ...SNAPSHOT_MATCHERS });
}

// `expect` returns objects with matchers and the nested `not`/`resolves`/`rejects` objects.
type AnyObject = Record<string | symbol, unknown>;

export interface HarnessExpect {
  expect: typeof baseExpect;
  plugin: RunPlugin;
}

export function createExpect(registry: Registry, snapshots: SnapshotSession, clock: FakeClock): HarnessExpect {
  extendOnce();
  const softErrors: unknown[] = [];
  const polls: PollTracker = { unawaited: [] };

  const guard = (target: AnyObject): AnyObject =>
    new Proxy(target, {
      get(t, prop, receiver) {
        if (typeof prop === "string" && !(prop in t) && prop in ALIASES) prop = ALIASES[prop] as string;
        if (typeof prop === "string") {
          if (UNSUPPORTED_MATCHERS.has(prop)) {
            registry.unsupported(`snapshot matcher ${prop}()`);
          } else if (!(prop in t) && /^to[A-Z]/.test(prop)) {
            registry.unsupported(`unknown matcher expect().${prop}`);
          }
        }
        const value = Reflect.get(t, prop, receiver);
        return value !== null && typeof value === "object" ? guard(value as AnyObject) : value;
      },
    });

  const soft = (actual: unknown): AnyObject => {
    const softly = (target: AnyObject): AnyObject =>
      new Proxy(target, {
        get(t, prop, receiver) {
          const value = Reflect.get(t, prop, receiver);
          if (value !== null && typeof value === "object") return softly(value as AnyObject);
          if (typeof value !== "function") return value;
          return (...args: unknown[]) => {
            try {
              const r = (value as (...a: unknown[]) => unknown).apply(t, args);
              if (r instanceof Promise) return r.catch((e: unknown) => void softErrors.push(e));
              return r;
            } catch (error) {
              softErrors.push(error);
            }
          };
        },
      });
    return softly(baseExpect(actual) as unknown as AnyObject);
  };

  const extras: AnyObject = {
    soft,
    unreachable(message?: string): never {
      throw new Error(message ?? "expect.unreachable() was reached");
    },
    poll: (fn: () => unknown, options?: { timeout?: number; interval?: number }) =>
      createPoll(expect, clock, polls)(fn, options),
    addSnapshotSerializer() {
      registry.unsupported("expect.addSnapshotSerializer()");
    },
  };

  const expect = new Proxy(baseExpect, {
    apply(target, _this, args: unknown[]) {
      return guard((target as (...a: unknown[]) => unknown)(...args) as AnyObject);
    },
    get(target, prop, receiver) {
      if (typeof prop === "string" && prop in extras) return extras[prop];
      return Reflect.get(target, prop, receiver);
    },
  });

  const plugin: RunPlugin = {
    beforeRun() {
      snapshots.beginRun();
    },
    companions: (test, tests) => snapshots.companionsOf(test, tests),
    beforeTest(test) {
      softErrors.length = 0;
      polls.unawaited.length = 0;
      baseExpect.setState({
        assertionCalls: 0,
        expectedAssertionsNumber: null,
        isExpectingAssertions: false,
        suppressedErrors: [],
        currentTestName: test.fullName,
        testPath: test.file,
        [SESSION_STATE]: snapshots,
      } as Parameters<typeof baseExpect.setState>[0]);
      snapshots.beginTest(test);
    },
    afterTest(test) {
      const errors = baseExpect.extractExpectedAssertionsErrors();
      // Obsolete snapshots only count for a test that passed: the runner ignores the error otherwise.
      const obsolete = snapshots.endTest(test, true, registry.allTests);
      if (softErrors.length > 0) return softErrors[0];
      if (errors.length > 0) return errors[0]!.error;
      // vitest fails a test that left an expect.poll assertion un-awaited (it never ran).
      if (polls.unawaited.length > 0)
        return new Error(`${polls.unawaited[0]} was not awaited. This assertion is asynchronous and must be awaited`);
      return obsolete;
    },
  };
  return { expect, plugin };
}
