// The built-in re-runnable test harness: test files are imported once (framework imports redirected
// to it), their registrations recorded, and any subset of tests replayed many times in-thread.

import { createMochaContextRoot, mochaContextPlugin } from "./api/mocha.ts";
import { createExpect } from "./expect.ts";
import { createMocker } from "./mocks.ts";
import { createCallOrder } from "./call-order.ts";
import { createStubs } from "./stubs.ts";
import { createModuleMocks, type ModuleMocks } from "./module-mocks/runtime.ts";
import { epochUrl } from "../util/module-epoch.ts";
import { SPECIFIERS, createModules } from "./modules.ts";
import { Registry } from "./registry.ts";
import { Runner, type RunOptions, type RunPlugin, type TestRunResult } from "./runner.ts";
import { snapshotConfigProblem, timersConfigProblem } from "./snapshot/config-check.ts";
import { SnapshotSession } from "./snapshot/state.ts";
import type { SnapshotConfig } from "./snapshot/serialize.ts";
import { createTimerScope } from "./timer-scope.ts";
import { FakeClock } from "./timers.ts";

export type { RunOptions, TestRunResult } from "./runner.ts";
export type { SubtestResult } from "./subtests.ts";
export { HARNESS_GLOBAL, shimSource } from "./shim.ts";
export { DENO_TEST_KEY } from "./modules.ts";
export { noteOwnResources } from "./loop-alive.ts";
export { setTimersProbe } from "./loop-stuck.ts";

export interface HarnessTest {
  index: number;
  id: string;
  name: string;
  fullName: string;
  file: string;
  skipped: boolean;
}

export interface Harness {
  /** The module namespace standing in for a test-framework specifier, or undefined if not handled. */
  moduleFor(specifier: string): Record<string, unknown> | undefined;
  /** Framework specifiers this harness replaces. */
  readonly specifiers: readonly string[];
  /** Puts jest/vitest/mocha-style globals on `target`. */
  installGlobals(target: object): void;
  /** Registrations between beginFile/endFile belong to that (project-relative) file. */
  beginFile(file: string): void;
  endFile(): Promise<void>;
  /**
   * Registers `file`'s tests again after its module graph was reloaded (`load` evaluates it afresh; it
   * may throw): they keep their indices. Resolves with how the new registrations differ from the old
   * ones (null when they match: same tests, same root hooks).
   */
  reregister(file: string, load: () => unknown): Promise<string | null>;
  /** All recorded tests, in registration order; id = `${file} > ${fullName}` (stable, unique). */
  tests(): HarnessTest[];
  /** Runs the given tests with their hooks, in the given order; results only for tests that ran. */
  run(indices: readonly number[], options: RunOptions): Promise<TestRunResult[]>;
  /** The key of a unit index passed to `onTestStart`: a test's index, or a nested subtest's key ("4/0/2"). */
  unitKey(unit: number): string;
  /** Reasons this harness cannot faithfully run what was loaded; empty if none. */
  unsupported(): string[];
  /** vitest's module mocks: a mocking test file is loaded through `moduleMocks.load`. */
  readonly moduleMocks: ModuleMocks;
}

export interface HarnessOptions {
  /**
   * Mocha semantics for the globals: hooks at a file's top level are root hooks that apply to the
   * tests of every file, and `.only` applies across files. Default false (jest/vitest: per file).
   */
  sharedRoot?: boolean;
  /** Extra run plugins, after the built-in ones (mocha --check-leaks). */
  plugins?: RunPlugin[];
  /** The directory test files are registered relative to (where `.snap` files are read); default: the cwd. */
  root?: string;
  /** The runner the project uses ("jest", "vitest"…), when known: the snapshot rules of files using globals. */
  framework?: string;
  /** The project's snapshotFormat and snapshotSerializers (read from its jest config): applied to every snapshot. */
  snapshot?: SnapshotConfig;
}

export function createHarness(options: HarnessOptions = {}): Harness {
  let registry: Registry | undefined;
  const mochaRoot = createMochaContextRoot(() => registry!);
  registry = new Registry({ sharedRoot: options.sharedRoot, rootContext: mochaRoot });
  const reg = registry;
  const clock = new FakeClock();
  const mocks = createMocker();
  const callOrder = createCallOrder(mocks.mocker, () => reg.allTests);
  let configProblem: string | undefined;
  let timersProblem: string | undefined;
  const snapshots = new SnapshotSession({
    root: options.root ?? process.cwd(),
    framework: options.framework,
    apiOf: (t) => t.api,
    ...(options.snapshot ? { config: options.snapshot } : {}),
  });
  const expect = createExpect(reg, snapshots, clock);
  const timerScope = createTimerScope(clock);
  const stubs = createStubs(reg);
  const moduleMocks = createModuleMocks(
    mocks.mocker,
    (file, epoch) => import(epochUrl(file, epoch)),
    (reason) => reg.unsupported(reason),
  );
  const modules = createModules({
    registry: reg,
    clock,
    mocks,
    expect: expect.expect,
    moduleMocks,
    stubs,
    root: options.root,
  });
  const runner = new Runner(reg, [
    expect.plugin,
    mocks.plugin,
    callOrder.plugin,
    timerScope.plugin,
    mochaContextPlugin(),
    modules.plugin,
    stubs.plugin,
    ...(options.plugins ?? []),
  ]);

  return {
    specifiers: SPECIFIERS,
    moduleFor: modules.moduleFor,
    installGlobals(target) {
      Object.assign(target, modules.globals());
    },
    beginFile: (file) => {
      reg.beginFile(file);
      callOrder.fileLoading(file);
    },
    async endFile() {
      const file = reg.file;
      await reg.endFile();
      callOrder.fileLoaded(file);
      timerScope.fileLoaded(file);
      stubs.fileLoaded(file);
      checkSnapshotConfig(
        reg,
        file,
        (configProblem ??= snapshotConfigProblem(options.root ?? process.cwd(), options.snapshot !== undefined) ?? ""),
      );
      const orphans = snapshots.orphansOf(file, reg.allTests);
      if (orphans.length > 0)
        reg.unsupported(
          `obsolete snapshot \`${orphans[0]}\` of ${file}, which none of its tests has (jest, and vitest 4 in CI, fail the run on it; not emulated)`,
        );
      timersProblem ??= timersConfigProblem(options.root ?? process.cwd()) ?? "";
      if (timersProblem) reg.unsupported(`the option ${timersProblem} (not applied by the harness)`);
    },
    async reregister(file, load) {
      reg.beginReplace(file);
      let thrown: { error: unknown } | undefined;
      try {
        await load();
      } catch (error) {
        thrown = { error };
      }
      await reg.endFile();
      timerScope.fileLoaded(file);
      stubs.fileLoaded(file);
      const problem = reg.endReplace();
      if (thrown) throw thrown.error;
      return problem;
    },
    tests: () =>
      reg.finalize().map((t) => ({
        index: t.index,
        id: t.id,
        name: t.name,
        fullName: t.fullName,
        file: t.file,
        skipped: t.skipped || t.todo,
      })),
    run: (indices, runOptions) => runner.run(indices, runOptions),
    unitKey: (unit) => reg.subtests.keyOf(unit),
    unsupported: () => reg.reasonsList(),
    moduleMocks,
  };
}

/**
 * Files using snapshots under a config whose snapshot options the harness does not apply are refused. (Tests
 * sharing a name number their snapshots across the file: a run selecting one runs the others before it too.)
 */
function checkSnapshotConfig(reg: Registry, file: string, configProblem: string): void {
  if (!configProblem || !reg.allTests.some((t) => t.file === file && t.usesSnapshots)) return;
  // Said once for the suite, not once per file.
  reg.unsupported(`snapshot option ${configProblem} (not applied by the harness), used by snapshot tests`);
}
