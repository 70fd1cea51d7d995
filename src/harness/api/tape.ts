// tape: `test(name, opts, t => …)` with t.equal/deepEqual/ok/throws/…, t.plan, t.end, t.test
// subtests (run after their parent ends), async callbacks and teardown. Assertions record failures
// instead of throwing; a test fails when any of its (or its subtests') assertions failed.

import { deepEqual as looseDeepEqual } from "node:assert";
import { isDeepStrictEqual } from "node:util";
import { isThenable } from "../model.ts";
import type { Registry } from "../registry.ts";
import { guardApi } from "../jest-object.ts";
import { realClearTimeout, realSetTimeout } from "../timers.ts";

type AnyFn = (...args: unknown[]) => unknown;
type Opts = { skip?: unknown; todo?: unknown; timeout?: number };

function parseArgs(args: unknown[]): { name: string; opts: Opts; cb?: AnyFn } {
  let name = "(anonymous)";
  let opts: Opts = {};
  let cb: AnyFn | undefined;
  for (const a of args) {
    if (typeof a === "string") name = a;
    else if (typeof a === "function") cb = a as AnyFn;
    else if (a && typeof a === "object") opts = a as Opts;
  }
  return { name, opts, cb };
}

const looseEqual = (a: unknown, b: unknown) => {
  try {
    looseDeepEqual(a, b);
    return true;
  } catch {
    return false;
  }
};

function throwsMatch(error: unknown, expected: unknown): boolean {
  if (expected === undefined) return true;
  // tape matches a RegExp against the thrown value as a string: "TypeError: message" for errors.
  if (expected instanceof RegExp) return expected.test(String(error));
  if (typeof expected === "function") {
    const proto = (expected as { prototype?: unknown }).prototype;
    if (proto !== undefined && error instanceof (expected as new () => unknown)) return true;
    if (proto !== undefined && (expected as { prototype?: unknown }).prototype instanceof Error) return false;
    return Boolean((expected as AnyFn)(error));
  }
  if (expected && typeof expected === "object") {
    // As tape does: the expected object's own keys, plus name and message when it is an Error instance.
    const keys: string[] = Object.keys(expected);
    if (expected instanceof Error) keys.push("name", "message");
    const expectedFields = expected as Record<string, unknown>;
    return keys.every((k) => {
      const v = expectedFields[k];
      const actual = (error as Record<string, unknown> | null | undefined)?.[k];
      return v instanceof RegExp ? v.test(String(actual)) : isDeepStrictEqual(actual, v);
    });
  }
  return true;
}

/** The options object tape accepts after an assertion's message. */
interface AssertExtra {
  skip?: unknown;
  todo?: unknown;
}

class TapeTest {
  private failures: string[] = [];
  private count = 0;
  private plan: number | undefined;
  private ended = false;
  private readonly subtests: { name: string; opts: Opts; cb?: AnyFn }[] = [];
  private readonly teardowns: AnyFn[] = [];
  private finish: () => void = () => {};
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly t: Record<string, unknown>;

  constructor(
    /** The test's name (tape's timeout message names it). */
    private readonly name: string,
    private readonly registry: Registry,
    private readonly todo: boolean,
    /** Subtest key (see ../subtests.ts) and names below the top-level test; the top-level test's own: []. */
    private readonly key: string,
    private readonly path: readonly string[],
  ) {
    const a = (ok: unknown, message: unknown, fallback: string, extra?: AssertExtra) => {
      // tape's last argument `{ skip }` / `{ todo }`: the assertion is counted but not checked.
      if (extra && typeof extra === "object" && (extra.skip || extra.todo)) return this.assert(true, message, fallback);
      return this.assert(Boolean(ok), message, fallback);
    };
    const api: Record<string, unknown> = {
      plan: (n: number) => void (this.plan = n),
      end: (err?: unknown) => {
        if (err) a(false, String(err), "end(err)");
        if (this.ended) this.failures.push(".end() already called");
        this.ended = true;
        this.finish();
      },
      test: (...args: unknown[]) => void this.subtests.push(parseArgs(args)),
      teardown: (fn: AnyFn) => void this.teardowns.push(fn),
      intercept: (target: object, property: PropertyKey, descriptor?: PropertyDescriptor) =>
        this.intercept(target, property, descriptor),
      comment: () => undefined,
      timeoutAfter: (ms: number) => this.timeoutAfter(ms),
      pass: (m?: unknown, o?: AssertExtra) => a(true, m, "pass", o),
      fail: (m?: unknown, o?: AssertExtra) => a(false, m, "fail", o),
      // tape counts a skipped assertion (it matters for t.plan).
      skip: (m?: unknown) => this.assert(true, m, "skip"),
      ok: (v: unknown, m?: unknown, o?: AssertExtra) => a(v, m, "should be truthy", o),
      notOk: (v: unknown, m?: unknown, o?: AssertExtra) => a(!v, m, "should be falsy", o),
      error: (e: unknown, m?: unknown, o?: AssertExtra) => a(!e, m ?? String(e), "error", o),
      equal: (x: unknown, y: unknown, m?: unknown, o?: AssertExtra) =>
        a(Object.is(x, y), m, "should be strictly equal", o),
      notEqual: (x: unknown, y: unknown, m?: unknown, o?: AssertExtra) =>
        a(!Object.is(x, y), m, "should not be strictly equal", o),
      looseEqual: (x: unknown, y: unknown, m?: unknown, o?: AssertExtra) => a(x == y, m, "should be loosely equal", o),
      notLooseEqual: (x: unknown, y: unknown, m?: unknown, o?: AssertExtra) =>
        a(x != y, m, "should not be loosely equal", o),
      deepEqual: (x: unknown, y: unknown, m?: unknown, o?: AssertExtra) =>
        a(isDeepStrictEqual(x, y), m, "should be deeply equivalent", o),
      notDeepEqual: (x: unknown, y: unknown, m?: unknown, o?: AssertExtra) =>
        a(!isDeepStrictEqual(x, y), m, "should not be deeply equivalent", o),
      deepLooseEqual: (x: unknown, y: unknown, m?: unknown, o?: AssertExtra) =>
        a(looseEqual(x, y), m, "should be loosely deeply equivalent", o),
      notDeepLooseEqual: (x: unknown, y: unknown, m?: unknown, o?: AssertExtra) =>
        a(!looseEqual(x, y), m, "should not be loosely deeply equivalent", o),
      match: (s: string, re: RegExp, m?: unknown, o?: AssertExtra) => a(re.test(s), m, "should match", o),
      doesNotMatch: (s: string, re: RegExp, m?: unknown, o?: AssertExtra) => a(!re.test(s), m, "should not match", o),
      throws: (fn: AnyFn, expected?: unknown, m?: unknown) => {
        if (typeof expected === "string") [m, expected] = [expected, undefined];
        try {
          fn();
        } catch (error) {
          return a(throwsMatch(error, expected), m, "should throw the expected error");
        }
        return a(false, m, "should throw");
      },
      doesNotThrow: (fn: AnyFn, m?: unknown) => {
        try {
          fn();
          return a(true, m, "should not throw");
        } catch (error) {
          return a(false, m ?? String(error), "should not throw");
        }
      },
    };
    const aliases: Record<string, string[]> = {
      ok: ["true", "assert"],
      notOk: ["false", "notok"],
      error: ["ifError", "ifErr", "iferror"],
      equal: ["equals", "isEqual", "strictEqual", "strictEquals", "is"],
      notEqual: [
        "notEquals",
        "isNotEqual",
        "doesNotEqual",
        "isInequal",
        "notStrictEqual",
        "notStrictEquals",
        "isNot",
        "not",
      ],
      looseEqual: ["looseEquals"],
      notLooseEqual: ["notLooseEquals"],
      deepEqual: ["deepEquals", "isEquivalent", "same"],
      notDeepEqual: [
        "notDeepEquals",
        "notEquivalent",
        "notDeeply",
        "notSame",
        "isNotDeepEqual",
        "isNotDeeply",
        "isNotEquivalent",
        "isInequivalent",
      ],
      deepLooseEqual: [],
      notDeepLooseEqual: [],
    };
    for (const [name, list] of Object.entries(aliases)) for (const alias of list) api[alias] = api[name];
    this.t = guardApi(registry, "t", api);
  }

  /**
   * `t.intercept(obj, prop, desc)`: defines `prop` on `obj` for the rest of the test and restores the
   * previous property at teardown. Recording accesses is not implemented: calling the returned
   * `results()` marks the suite unsupported (so the spawn executor runs it) instead of answering wrongly.
   */
  private intercept(
    target: object,
    property: PropertyKey,
    descriptor: PropertyDescriptor = { value: undefined, writable: true },
  ): () => unknown[] {
    const previous = Object.getOwnPropertyDescriptor(target, property);
    Object.defineProperty(target, property, { enumerable: true, ...descriptor, configurable: true });
    this.teardowns.unshift(() => {
      if (previous) Object.defineProperty(target, property, previous);
      else delete (target as Record<PropertyKey, unknown>)[property];
    });
    return () => {
      this.registry.unsupported("tape t.intercept() results");
      return [];
    };
  }

  private assert(ok: boolean, message: unknown, fallback: string): void {
    this.count++;
    if (!ok && !this.todo) this.failures.push(typeof message === "string" && message ? message : fallback);
    if (this.ended && !(this.plan !== undefined && this.count <= this.plan))
      this.failures.push(`assertion after end(): ${String(message ?? fallback)}`);
    if (this.plan !== undefined && this.count + this.subtests.length >= this.plan) this.finish();
  }

  /** `t.timeoutAfter(ms)` (and the `timeout` option): the test fails and ends when it has not ended within `ms`. */
  private timeoutAfter(ms: number): void {
    if (!ms) throw new Error("timeoutAfter requires a timespan");
    if (this.timer !== undefined) realClearTimeout(this.timer);
    this.timer = realSetTimeout(() => {
      this.timer = undefined;
      if (this.ended) return;
      this.assert(false, `${this.name} timed out after ${ms}ms`, "fail");
      this.ended = true;
      this.finish();
    }, ms);
  }

  /** Runs the callback until end/plan/promise, then the subtests; returns the failures. */
  async run(cb: AnyFn, timeoutMs?: number): Promise<string[]> {
    const ended = new Promise<void>((resolve) => (this.finish = resolve));
    if (timeoutMs != null) this.timeoutAfter(timeoutMs);
    const result = cb(this.t);
    if (isThenable(result)) {
      await Promise.resolve(result).then(
        () => {
          if (!this.ended) this.finish();
        },
        (error: unknown) => {
          this.failures.push(String((error as Error)?.stack ?? error));
          this.finish();
        },
      );
    }
    if (this.subtests.length > 0 && this.plan === undefined) this.finish();
    if (this.plan !== undefined && this.count + this.subtests.length >= this.plan) this.finish();
    await ended;
    if (this.timer !== undefined) realClearTimeout(this.timer);
    this.timer = undefined;
    const subtests = this.subtests.splice(0);
    for (let ordinal = 0; ordinal < subtests.length; ordinal++) {
      const sub = subtests[ordinal]!;
      this.count++;
      if (!sub.cb || sub.opts.skip) continue;
      const handle = this.registry.subtests.enter(this.key, ordinal, sub.name, this.path);
      if (!handle.run) continue;
      const todo = this.todo || Boolean(sub.opts.todo);
      const child = new TapeTest(sub.name, this.registry, todo, handle.key, handle.path);
      let failures: string[];
      try {
        failures = await child.run(sub.cb, sub.opts.timeout);
      } catch (error) {
        this.registry.subtests.exit(handle, { error });
        throw error;
      }
      this.registry.subtests.exit(handle, failures.length > 0 ? { error: failures.join("\n") } : {});
      for (const f of failures) this.failures.push(`${sub.name}: ${f}`);
    }
    for (const fn of this.teardowns) await fn();
    if (this.plan !== undefined && this.count !== this.plan)
      this.failures.push(`plan != count (${this.plan} != ${this.count})`);
    return this.failures;
  }
}

export function createTapeModule(registry: Registry): Record<string, unknown> {
  const register =
    (only: boolean, skip: boolean) =>
    (...args: unknown[]) => {
      const { name, opts, cb } = parseArgs(args);
      registry.addTest({
        name,
        onlyGlobal: true,
        only,
        skipped: skip || Boolean(opts.skip),
        todo: !cb,
        body: async () => {
          const failures = await new TapeTest(name, registry, Boolean(opts.todo), registry.subtests.topKey, []).run(
            cb!,
            opts.timeout,
          );
          if (failures.length > 0) throw new Error(failures.join("\n"));
        },
      });
    };
  const unsupported = (what: string) => () => {
    registry.unsupported(`tape ${what}`);
  };
  const test = Object.assign(register(false, false), {
    only: register(true, false),
    skip: register(false, true),
    onFinish: unsupported("test.onFinish()"),
    onFailure: unsupported("test.onFailure()"),
    createStream: unsupported("test.createStream()"),
    createHarness: unsupported("test.createHarness()"),
    getHarness: unsupported("test.getHarness()"),
  });
  return { default: test, test };
}
