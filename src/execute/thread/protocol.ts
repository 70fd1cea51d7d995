// Messages between the thread executor's coordinator and its worker threads (structured-clone data only).

import type { JestTransform } from "../../harness/jest-transform.ts";
import type { SnapshotConfig } from "../../harness/snapshot/serialize.ts";
import type { HarnessTest, SubtestResult } from "../../harness/index.ts";
import type { MockedFile } from "../../harness/module-mocks/runtime.ts";

/** A recorded test, as the harness describes it. */
export type WorkerTest = HarnessTest;

export interface WorkerTestResult {
  index: number;
  status: "passed" | "failed" | "skipped" | "timeout";
  durationMs: number;
  error?: string;
  /** Its timeout was ended early: the body was stuck, nothing of it runs later (the worker stays sound). */
  endedEarly?: true;
  /** Its nested subtests' results (tape / node:test `t.test`), when it has any. */
  subtests?: SubtestResult[];
  /** Test APIs it called that the harness does not emulate: its result may not be the runner's. */
  unsupported?: string[];
}

/** Data every worker starts with. */
export interface WorkerInit {
  /** Int32Array slots over it: see SWITCH_* in src/instrument/runtime.ts. */
  switchBuffer: SharedArrayBuffer;
  /** Absolute paths of the test files, imported in this order. */
  files: string[];
  /** The project copy they are in: test ids name files relative to it, the same in every run. */
  root: string;
  /** What the runner's command and config ask of every worker (preloads, mocha's ui, env…). */
  setup?: WorkerSetup;
}

/** What the runner's options ask of a worker (see worker-setup.ts); structured-clone data only. */
export interface WorkerSetup {
  /** Loaded in order after the harness, before the test files: "./project/relative" paths or package specifiers. */
  preload: string[];
  /** mocha: hooks at a file's top level (and root hook plugins) are root hooks for every file. */
  sharedRoot: boolean;
  /** mocha --ui tdd: suite/test/suiteSetup/suiteTeardown/setup/teardown globals. */
  ui: "bdd" | "tdd";
  /** mocha --check-leaks: globals a test may add. */
  leakCheck?: { allowed: string[] };
  /** Environment the test command sets (`VAR=x`), applied before anything loads. */
  env: Record<string, string>;
  /** Custom exports conditions (Node: passed as the worker's execArgv). */
  conditions: string[];
  /** The `esm` package's main file: test files are loaded with `require("esm")(module)` instead of import(). */
  esmLoader?: string;
  /** Test files that mock modules (project-relative): each loads from its own project copy (mock-copies.ts). */
  mockedFiles?: Record<string, MockedFile>;
  /** jest's transformers: installed for require(), and the test files are required (harness/jest-transform.ts). */
  transform?: JestTransform;
  /** A Deno.test suite: the harness's Deno.test stands in for the runtime's (the workers run in Deno). */
  deno?: boolean;
  /** jest's snapshotFormat and snapshotSerializers, for the harness's snapshot matchers. */
  snapshot?: SnapshotConfig;
  /**
   * The runner compiles the project's TypeScript itself (vitest, jest): gremlins' stripper loads it even on a
   * Node that strips types natively, whose strip-only mode refuses enums and parameter properties.
   */
  compilesTypeScript?: boolean;
  /** vitest runs the suite: the project's ES modules get its module semantics (host/vitest-module.ts). */
  vitestModules?: boolean;
}

export type Request =
  /** Import every test file once (with the switch as the coordinator set it). */
  | { type: "load" }
  /**
   * A fresh module graph in this worker (only when `loaded.reloadable`): drop the project's modules, import
   * again. `files` (project-relative): the files whose tests will run; where each test file has modules of its
   * own, only those of them that must are loaded again (their tests keep their indices): the files of `scope`
   * (whose load reaches the active gremlin; absent: unknown, all of `files`), and those whose last load ran
   * the gremlin then active.
   */
  | { type: "reload"; files?: string[]; scope?: string[] }
  /** Run these tests; with `coverage`, report the gremlins each test reached. */
  | {
      type: "run";
      indices: number[];
      bail: boolean;
      testTimeoutMs: number;
      coverage: boolean;
      /** [test index, subtest keys]: in these tests run only those subtests (see harness/subtests.ts). */
      subtests?: [number, string[]][];
      /** When a test fails with a gremlin active, re-run it with the switch off and report whether it passes (see `ran.recheck`). */
      recheck?: boolean;
      /** When a test fails with a gremlin active, re-run it at once with the switch still on and report whether it fails again (see `ran.reproduced`). */
      reproduce?: boolean;
      /** Test files that leak state (project-relative): reloaded first when the run selects tests of theirs that ran before (leak-reset.ts). */
      isolate?: string[];
    }
  /** Forget the coverage already reported, so a second pass reports again. */
  | { type: "reset-coverage" };

export type Reply =
  | { type: "ready" }
  | {
      type: "loaded";
      tests: WorkerTest[];
      /** Gremlins reached while the test files loaded (outside any test). */
      staticReached: number[];
      /** [gremlin, test files (project-relative) it can affect] for load-time gremlins whose reach is known (load-scope.ts); others may affect every test. */
      staticScopes?: [number, string[]][];
      unsupported: string[];
      /** The first error thrown while importing a test file. */
      error?: string;
      /** Every test file is in require's cache (CommonJS; ES modules on Bun): a `reload` request gives a fresh module graph in this worker. False after a load that threw under Bun, whose failed modules keep their error. */
      reloadable: boolean;
      /** A `reload` that was refused (nothing was loaded): why the worker cannot give a fresh graph. */
      stale?: string;
      /** A `reload` that loaded only the files it named. */
      partial?: true;
      durationMs: number;
    }
  | {
      type: "ran";
      results: WorkerTestResult[];
      /** [unit key, gremlin indices] pairs, when coverage was asked for: a test's index as a string, or a subtest's key. */
      reached: [string, number[]][];
      /** Gremlins reached during the run but outside any test (hooks at file level, timers). */
      outside: number[];
      /** With coverage: [gremlin index, idle hits since the worker started] for every gremlin reached. */
      hits: [number, number][];
      /** With `recheck`: the first failing test, re-run with the switch off, and whether it passed then. */
      recheck?: { index: number; key?: string; passed: boolean };
      /** With `reproduce`: whether the first failing test, re-run alone with the gremlin still active, failed again. */
      reproduced?: boolean;
      /** `isolate` files reloaded before the run. */
      reloaded?: string[];
      /** Nothing ran: a reload cannot reset this worker (the run needs a fresh one). */
      stale?: string;
      /** Nothing ran: a reloaded file threw while loading (with the gremlin active). */
      loadError?: string;
      /** The worker holds too many module graphs (ES modules are never unloaded): retire it after this run. */
      retire?: string;
    }
  /** One more test file finished loading (load, reload): a load with no gremlin active starts its time limit again. */
  | { type: "progress" }
  /** An error no test owned: unhandled rejection, uncaught exception, a failed import of the harness. */
  | { type: "fatal"; error: string; kind: "unhandled-rejection" | "uncaught-exception" | "boot" };
