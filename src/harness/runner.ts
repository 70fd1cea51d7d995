// Replays selected tests as a real runner runs a selection: each file's tests together and in
// registration order, so every describe block is entered once (beforeAll/afterAll once per file per
// run); runs the per-test hooks (beforeEach outer→inner, afterEach inner→outer), timeouts, retries, bail.

import { type Settled, invoke } from "./invoke.ts";
import { type Control, type HookEntry, type SuiteNode, type TestNode, describeError, suitePath } from "./model.ts";
import type { Registry } from "./registry.ts";
import type { SubtestResult } from "./subtests.ts";

export interface TestRunResult {
  index: number;
  status: "passed" | "failed" | "skipped" | "timeout";
  durationMs: number;
  error?: string;
  /** Its timeout ended it early: nothing was left that could finish it, so nothing of it runs later. */
  endedEarly?: true;
  /** What its nested subtests did (tape / node:test `t.test`), in the order they ended (a subtest before its parent); absent when none ran. */
  subtests?: SubtestResult[];
  /** Test APIs it (or its hooks) called that the harness does not emulate: this result may not be the runner's. */
  unsupported?: string[];
}

export interface RunOptions {
  bail: boolean;
  testTimeoutMs: number;
  /** Called with a test's index when it starts, and with a subtest's unit index while that runs. */
  onTestStart?: (index: number) => void;
  /** Test index → keys of the only subtests to run in it (with their ancestors and descendants); others run all. */
  subtests?: ReadonlyMap<number, ReadonlySet<string>>;
}

/** Cross-cutting per-run state (expect state, mocks, fake timers, mocha contexts). */
export interface RunPlugin {
  beforeRun?(): void;
  /** Earlier tests of the file that must run before `test` when it is selected (unreported): snapshot numbering. */
  companions?(test: TestNode, tests: readonly TestNode[]): TestNode[];
  enterSuite?(suite: SuiteNode): void;
  exitSuite?(suite: SuiteNode): void;
  beforeTest?(test: TestNode): void;
  /** Called after the afterEach hooks; a returned error fails a test that passed so far. */
  afterTest?(test: TestNode): unknown;
  afterRun?(): void;
}

interface Entered {
  suite: SuiteNode;
  failure?: Settled;
  last?: TestRunResult;
}

export class Runner {
  constructor(
    private readonly registry: Registry,
    private readonly plugins: RunPlugin[],
  ) {}

  async run(indices: readonly number[], options: RunOptions): Promise<TestRunResult[]> {
    const tests = this.registry.finalize();
    const results: TestRunResult[] = [];
    const stack: Entered[] = [];
    for (const p of this.plugins) p.beforeRun?.();
    this.registry.setRunning(true);
    try {
      const silent = new Set<number>();
      for (const index of this.withCompanions(indices, tests, silent)) {
        const test = tests[index];
        if (!test) throw new RangeError(`harness: no test with index ${index}`);
        if (test.skipped || test.todo) {
          if (!silent.has(index)) results.push({ index, status: "skipped", durationMs: 0 });
          continue;
        }
        options.onTestStart?.(index);
        const path = suitePath(test.suite);
        let common = 0;
        while (common < stack.length && common < path.length && stack[common]!.suite === path[common]) common++;
        while (stack.length > common) await this.leave(stack.pop()!, options);
        for (let i = stack.length; i < path.length; i++) {
          const suite = path[i]!;
          const entry: Entered = { suite };
          stack.push(entry);
          for (const p of this.plugins) p.enterSuite?.(suite);
          if (!stack.some((e) => e.failure)) {
            const outcome = await this.hooks(suite.beforeAll, suite, options);
            if (outcome.kind !== "ok") entry.failure = outcome;
          }
        }
        const blocked = stack.find((e) => e.failure)?.failure;
        const result = blocked
          ? toResult(index, blocked, 0, "beforeAll hook: ")
          : await this.runOne(test, path, options);
        if (silent.has(index)) continue;
        for (const e of stack) e.last = result;
        results.push(result);
        attachUnsupported(result, this.registry.takeRunReasons());
        if (options.bail && (result.status === "failed" || result.status === "timeout")) break;
      }
    } finally {
      while (stack.length > 0) await this.leave(stack.pop()!, options);
      const last = results[results.length - 1];
      if (last) attachUnsupported(last, this.registry.takeRunReasons());
      this.registry.setRunning(false);
      for (const p of this.plugins) p.afterRun?.();
    }
    return results;
  }

  /** The run order of `indices` and their tests' companions (noted in `silent`), each file's tests in file order. */
  private withCompanions(indices: readonly number[], tests: readonly TestNode[], silent: Set<number>): number[] {
    const finders = this.plugins.filter((p) => p.companions);
    const selected = new Set(indices);
    const all = [...indices];
    for (const index of indices) {
      const test = tests[index];
      if (!test) continue;
      for (const companion of finders.flatMap((p) => p.companions!(test, tests))) {
        if (selected.has(companion.index) || silent.has(companion.index)) continue;
        silent.add(companion.index);
        all.push(companion.index);
      }
    }
    return runOrder(all, tests);
  }

  private async leave(entry: Entered, options: RunOptions): Promise<void> {
    const outcome = await this.hooks(entry.suite.afterAll, entry.suite, options);
    for (const p of this.plugins) p.exitSuite?.(entry.suite);
    const last = entry.last;
    if (!last || outcome.kind === "ok" || outcome.kind === "skip") return;
    if (last.status === "passed" || last.status === "skipped") {
      Object.assign(last, toResult(last.index, outcome, last.durationMs, "afterAll hook: "));
    }
  }

  /** Runs hooks in order, stopping at the first that does not succeed. */
  private async hooks(list: HookEntry[], suite: SuiteNode, options: RunOptions): Promise<Settled> {
    for (const hook of list) {
      const outcome = await invoke(
        hook.body,
        { declaredMs: hook.timeoutMs ?? suite.timeoutMs, limitMs: options.testTimeoutMs },
        this.setControl,
      );
      if (outcome.kind !== "ok") return outcome;
    }
    return { kind: "ok" };
  }

  private readonly setControl = (c: Control | null): void => {
    this.registry.control = c;
  };

  private async runOne(test: TestNode, path: SuiteNode[], options: RunOptions): Promise<TestRunResult> {
    const start = performance.now();
    let outcome: Settled = { kind: "ok" };
    let prefix = "";
    this.registry.currentTest = test;
    let subtests: SubtestResult[] = [];
    for (let attempt = 0; attempt <= test.retries; attempt++) {
      this.registry.subtests.startTop(test.index, {
        filter: options.subtests?.get(test.index) ?? null,
        bail: options.bail,
        onUnit: options.onTestStart,
      });
      for (const p of this.plugins) p.beforeTest?.(test);
      outcome = { kind: "ok" };
      prefix = "beforeEach hook: ";
      for (const suite of path) {
        outcome = await this.hooks(suite.beforeEach, suite, options);
        if (outcome.kind !== "ok") break;
      }
      if (outcome.kind === "ok") {
        prefix = "";
        outcome = await invoke(
          test.body,
          { declaredMs: test.timeoutMs, limitMs: options.testTimeoutMs },
          this.setControl,
        );
        if (test.failing) outcome = invertFailing(outcome);
      }
      for (let i = path.length - 1; i >= 0; i--) {
        const after = await this.hooks(path[i]!.afterEach, path[i]!, options);
        if (outcome.kind === "ok" && after.kind !== "ok" && after.kind !== "skip") {
          outcome = after;
          prefix = "afterEach hook: ";
        }
      }
      for (const p of this.plugins) {
        const extra = p.afterTest?.(test);
        if (extra !== undefined && outcome.kind === "ok") outcome = { kind: "error", error: extra };
      }
      subtests = this.registry.subtests.endTop();
      if (outcome.kind !== "error") break;
    }
    this.registry.currentTest = null;
    const result = toResult(test.index, outcome, performance.now() - start, prefix);
    if (subtests.length > 0) result.subtests = subtests;
    return result;
  }
}

/**
 * The order a runner gives the selected tests: by file (files in the order first asked for, so the
 * caller's killer-first or fastest-first choice picks which file runs first), each file's tests in
 * registration order. With one shared root (mocha) too: the root suite stays entered for the whole run
 * (its hooks run as they would), and each file's suites are entered once, as when mocha is handed the
 * files in that order.
 */
export function runOrder(indices: readonly number[], tests: readonly TestNode[]): number[] {
  const byIndex = (a: number, b: number) => a - b;
  const byFile = new Map<string, number[]>();
  for (const index of indices) {
    const file = tests[index]?.file ?? "";
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push(index);
  }
  return [...byFile.values()].flatMap((list) => list.sort(byIndex));
}

function attachUnsupported(result: TestRunResult, reasons: string[]): void {
  if (reasons.length > 0) result.unsupported = [...new Set([...(result.unsupported ?? []), ...reasons])];
}

function invertFailing(outcome: Settled): Settled {
  if (outcome.kind === "error") return { kind: "ok" };
  if (outcome.kind === "ok") return { kind: "error", error: new Error("test marked as failing passed") };
  return outcome;
}

function toResult(index: number, outcome: Settled, durationMs: number, prefix: string): TestRunResult {
  switch (outcome.kind) {
    case "ok":
      return { index, status: "passed", durationMs };
    case "skip":
      return { index, status: "skipped", durationMs };
    case "timeout":
      return {
        index,
        status: "timeout",
        durationMs,
        error: `${prefix}exceeded ${outcome.ms} ms${outcome.early ? " (ended early: nothing left could finish it)" : ""}`,
        ...(outcome.early ? { endedEarly: true as const } : {}),
      };
    case "error":
      return {
        index,
        status: "failed",
        durationMs,
        error: prefix + describeError(outcome.error),
        ...(outcome.early ? { endedEarly: true as const } : {}),
      };
  }
}
