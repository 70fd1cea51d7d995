// `node:test`: test / describe / it / suite, before / after / beforeEach / afterEach, `mock`, and the
// TestContext (`t.test` subtests, `t.skip`, `t.todo`, `t.mock`, `t.assert`, `t.plan`, `t.diagnostic`).
// As in node, beforeEach/afterEach get the test's own TestContext; its `t.mock` is reset after them.
// A test or hook still pending when nothing is left to run fails as node --test fails it (loop-drain.ts).

import * as nodeAssert from "node:assert";
import { type Body, type TestNode, SkipSignal, isThenable } from "../model.ts";
import type { HookKind, Registry } from "../registry.ts";
import type { RunPlugin } from "../runner.ts";
import type { FakeClock } from "../timers.ts";
import { NodeMockTracker } from "./node-mock.ts";
import { guardApi } from "../jest-object.ts";
import { failOnDrain } from "../loop-drain.ts";

type AnyFn = (...args: unknown[]) => unknown;
type Options = {
  skip?: unknown;
  todo?: unknown;
  only?: unknown;
  timeout?: number;
  concurrency?: unknown;
  plan?: number;
};

/**
 * `t.plan(n)` as node counts it: every `t.assert.*` call and every `t.test()` call made after the plan was
 * set; the test fails when the count differs once the test function (and its subtests) finished.
 */
class Plan {
  actual = 0;
  constructor(readonly expected: number) {}
  check(): void {
    if (this.actual !== this.expected)
      throw new Error(`plan expected ${this.expected} assertions but received ${this.actual}`);
  }
}

/** What node's `t.assert` holds (Node 20-22); newer methods (snapshot, partialDeepStrictEqual) are reported as not emulated. */
const CONTEXT_ASSERTIONS = [
  "deepEqual",
  "deepStrictEqual",
  "doesNotMatch",
  "doesNotReject",
  "doesNotThrow",
  "equal",
  "fail",
  "ifError",
  "match",
  "notDeepEqual",
  "notDeepStrictEqual",
  "notEqual",
  "notStrictEqual",
  "rejects",
  "strictEqual",
  "throws",
  "ok",
] as const;

/** `t.assert`: node:assert's assertion functions, each call counted by the test's plan (when it has one). */
function countingAssert(registry: Registry, plan: () => Plan | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = nodeAssert as unknown as Record<string, AnyFn>;
  for (const name of CONTEXT_ASSERTIONS) {
    out[name] = (...args: unknown[]) => {
      const counting = plan();
      if (counting) counting.actual++;
      return source[name]!(...args);
    };
  }
  return guardApi(registry, "t.assert", out);
}

function parseArgs(args: unknown[]): { name: string; options: Options; fn?: AnyFn } {
  const rest = [...args];
  let name = typeof rest[0] === "string" ? (rest.shift() as string) : undefined;
  const options = (rest[0] && typeof rest[0] === "object" ? rest.shift() : {}) as Options;
  const fn = typeof rest[0] === "function" ? (rest[0] as AnyFn) : undefined;
  name ??= fn?.name || "<anonymous>";
  return { name, options, fn };
}

/** One running test (or subtest): its context object and what it still has to wait for. */
class RunningTest {
  skipped = false;
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private readonly failures: unknown[] = [];
  private tracker: NodeMockTracker | undefined;
  private readonly subHooks: Record<HookKind, AnyFn[]> = { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
  private beforeDone = false;
  /** `t.test` calls so far: the next subtest's ordinal in its key. */
  private started = 0;
  private plan: Plan | null = null;
  /** `t.assert` was read: a plan set afterwards is counted differently across Node versions. */
  private assertRead = false;
  readonly context: Record<string, unknown>;

  constructor(
    readonly name: string,
    private readonly deps: { registry: Registry; clock: FakeClock },
    /** Subtest key (see ../subtests.ts) and names below the top-level test; the top-level test's own: []. */
    private readonly key: string,
    private readonly path: readonly string[],
  ) {
    const self = this;
    const assert = countingAssert(deps.registry, () => self.plan);
    this.context = {
      name,
      fullName: name,
      get signal() {
        return new AbortController().signal;
      },
      get assert() {
        self.assertRead = true;
        return assert;
      },
      diagnostic: () => undefined,
      // Skips every subtest without `only`: not emulated, so a test that asks for it runs in the spawn executor.
      runOnly: (only: unknown) => void (only ? deps.registry.unsupported("node:test t.runOnly(true)") : undefined),
      skip: () => void (self.skipped = true),
      todo: () => void (self.skipped = true),
      plan: (count: number, options?: { wait?: unknown }) => self.setPlan(count, options),
      test: (...args: unknown[]) => {
        if (self.plan) self.plan.actual++;
        return self.subtest(args);
      },
      before: (fn: AnyFn) => void self.subHooks.beforeAll.push(fn),
      after: (fn: AnyFn) => void self.subHooks.afterAll.push(fn),
      beforeEach: (fn: AnyFn) => void self.subHooks.beforeEach.push(fn),
      afterEach: (fn: AnyFn) => void self.subHooks.afterEach.push(fn),
      get mock() {
        self.tracker ??= new NodeMockTracker(deps.registry, deps.clock);
        return self.tracker;
      },
    };
  }

  /** `t.plan(count, options)` (or the `plan` test option). */
  setPlan(count: number, options?: { wait?: unknown }): void {
    if (this.plan) throw new Error("cannot set plan more than once");
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`The "count" argument must be a non-negative integer. Received ${String(count)}`);
    // Waiting for late assertions is not emulated: such a test runs in the spawn executor.
    if (options?.wait) this.deps.registry.unsupported("node:test t.plan() with the wait option");
    // Node 20 counts only through a `t.assert` first read after the plan was set; later versions count every call.
    if (this.assertRead) this.deps.registry.unsupported("node:test t.plan() after t.assert was read");
    this.plan = new Plan(count);
  }

  get busy(): boolean {
    return this.pending > 0 || this.tracker !== undefined || this.subHooks.afterAll.length > 0;
  }

  /** Subtests run one after another, in the order they were started, awaited or not. */
  private subtest(args: unknown[]): Promise<void> {
    const { name, options, fn } = parseArgs(args);
    const ordinal = this.started++;
    if (!fn || options.skip || options.todo) return Promise.resolve();
    this.pending++;
    const tracker = this.deps.registry.subtests;
    const run = async () => {
      const handle = tracker.enter(this.key, ordinal, name, this.path);
      if (!handle.run) {
        this.pending--;
        return;
      }
      let failure: { error?: unknown; skipped?: boolean } = {};
      const fail = (error: unknown): void => {
        this.failures.push(error);
        if (failure.error === undefined) failure = { error };
      };
      try {
        if (!this.beforeDone) {
          this.beforeDone = true;
          for (const h of this.subHooks.beforeAll) await h(this.context);
        }
        const child = new RunningTest(name, this.deps, handle.key, handle.path);
        try {
          if (options.plan !== undefined) child.setPlan(options.plan);
          for (const h of this.subHooks.beforeEach) await h(child.context);
          await child.execute(fn);
        } catch (error) {
          if (error instanceof SkipSignal) failure = { skipped: true };
          else fail(error);
        } finally {
          for (const h of this.subHooks.afterEach) {
            try {
              await h(child.context);
            } catch (error) {
              fail(error);
            }
          }
          child.dispose();
        }
      } finally {
        this.pending--;
        tracker.exit(handle, failure);
      }
    };
    this.chain = this.chain.then(run);
    return this.chain;
  }

  /** Runs `fn(t)` (or `fn(t, done)`) and everything it started; throws its first failure. */
  execute(fn: AnyFn): unknown {
    const result = fn.length >= 2 ? withDone(fn, this.context) : fn(this.context);
    if (!isThenable(result) && !this.busy) return this.finish();
    return Promise.resolve(result).then(() => this.settle());
  }

  private async settle(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.chain) {
      seen = this.chain;
      await seen;
    }
    for (const h of this.subHooks.afterAll) await h(this.context);
    return this.finish();
  }

  /** Restores what `t.mock` replaced: node does it once the test ended, after its afterEach hooks. */
  dispose(): void {
    this.tracker?.reset();
  }

  private finish(): undefined {
    if (this.failures.length > 0) throw this.failures[0];
    if (this.skipped) throw new SkipSignal();
    this.plan?.check();
    return undefined;
  }
}

/** A pending body fails as under node --test once nothing is left to run (loop-drain.ts); a synchronous result is returned as is. */
function drainable(result: unknown): unknown {
  return isThenable(result) ? failOnDrain(Promise.resolve(result)) : result;
}

function withDone(fn: AnyFn, context: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const r = fn(context, (error?: unknown) => (error ? reject(error) : resolve()));
    if (isThenable(r)) r.then(undefined, reject);
  });
}

export function createNodeTestModule(
  registry: Registry,
  clock: FakeClock,
): { namespace: Record<string, unknown>; plugin: RunPlugin } {
  const deps = { registry, clock };
  const mock = new NodeMockTracker(registry, clock);
  /** The tests registered here, by node; the running one (its context is what its beforeEach/afterEach hooks get). */
  const names = new WeakMap<TestNode, string>();
  let running: { test: TestNode; run: RunningTest } | null = null;
  const runningFor = (test: TestNode | null): RunningTest | null =>
    running && running.test === test ? running.run : null;

  const register = (...args: unknown[]): Promise<void> => {
    const { name, options, fn } = parseArgs(args);
    const body: Body = fn
      ? () => {
          const run = runningFor(registry.currentTest) ?? new RunningTest(name, deps, registry.subtests.topKey, []);
          if (options.plan !== undefined) run.setPlan(options.plan);
          return drainable(run.execute(fn));
        }
      : () => undefined;
    const node = registry.addTest({
      name,
      body,
      skipped: Boolean(options.skip),
      todo: Boolean(options.todo) || !fn,
      timeoutMs: options.timeout,
    });
    names.set(node, name);
    return Promise.resolve();
  };
  const describe = (...args: unknown[]): Promise<void> => {
    const { name, options, fn } = parseArgs(args);
    const suite = registry.addSuite(name, { skipped: Boolean(options.skip || options.todo) });
    if (options.timeout !== undefined) suite.timeoutMs = options.timeout;
    if (fn) registry.collect(suite, () => fn({ name, signal: new AbortController().signal }));
    return Promise.resolve();
  };
  const variant =
    (base: (...a: unknown[]) => Promise<void>, extra: Options) =>
    (...args: unknown[]) => {
      const { name, options, fn } = parseArgs(args);
      return base(name, { ...options, ...extra }, ...(fn ? [fn] : []));
    };
  const withVariants = (base: (...a: unknown[]) => Promise<void>) =>
    Object.assign(base, {
      skip: variant(base, { skip: true }),
      todo: variant(base, { todo: true }),
      only: variant(base, {}),
    });

  const hook = (kind: HookKind) => (fn: AnyFn, options?: { timeout?: number }) => {
    // before/after get the SuiteContext of the suite they are in (name, signal); beforeEach/afterEach the
    // TestContext of the test they run around. A hook of a test that is not node:test's gets a bare one.
    const suiteContext = { name: registry.currentSuite().name, signal: new AbortController().signal };
    const perTest = kind === "beforeEach" || kind === "afterEach";
    const contextOf = (): unknown =>
      perTest ? (runningFor(registry.currentTest)?.context ?? suiteContext) : suiteContext;
    const body: Body = fn.length >= 2 ? () => drainable(withDone(fn, contextOf())) : () => drainable(fn(contextOf()));
    registry.addHook(kind, { body, timeoutMs: options?.timeout });
  };

  const test = withVariants(register);
  const exported = {
    test,
    it: withVariants((...a: unknown[]) => register(...a)),
    describe: withVariants(describe),
    suite: withVariants((...a: unknown[]) => describe(...a)),
    before: hook("beforeAll"),
    after: hook("afterAll"),
    beforeEach: hook("beforeEach"),
    afterEach: hook("afterEach"),
    mock,
    run: () => {
      registry.unsupported("node:test run()");
    },
  };
  Object.assign(test, exported);
  const plugin: RunPlugin = {
    beforeRun: () => mock.resetCalls(),
    beforeTest: (node) => {
      const name = names.get(node);
      running =
        name === undefined ? null : { test: node, run: new RunningTest(name, deps, registry.subtests.topKey, []) };
    },
    afterTest: () => {
      running?.run.dispose();
      running = null;
      return undefined;
    },
  };
  return { namespace: { ...exported, default: test }, plugin };
}
