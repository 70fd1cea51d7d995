// Messages between the thread executor's coordinator and its worker threads (structured-clone data only).

import type { HarnessTest } from "../../harness/index.ts";

/** A recorded test, as the harness describes it. */
export type WorkerTest = HarnessTest;

export interface WorkerTestResult {
  index: number;
  status: "passed" | "failed" | "skipped" | "timeout";
  durationMs: number;
  error?: string;
}

/** Data every worker starts with. */
export interface WorkerInit {
  /** Int32Array slots over it: see SWITCH_* in src/instrument/runtime.ts. */
  switchBuffer: SharedArrayBuffer;
  /** Absolute paths of the test files, imported in this order. */
  files: string[];
}

export type Request =
  /** Import every test file once (with the switch as the coordinator set it). */
  | { type: "load" }
  /** Run these tests; with `coverage`, report the gremlins each test reached. */
  | {
      type: "run";
      indices: number[];
      bail: boolean;
      testTimeoutMs: number;
      coverage: boolean;
      /** When a test fails with a gremlin active, re-run it with the switch off and report whether it passes (see `ran.recheck`). */
      recheck?: boolean;
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
      unsupported: string[];
      /** The first error thrown while importing a test file. */
      error?: string;
      durationMs: number;
    }
  | {
      type: "ran";
      results: WorkerTestResult[];
      /** [test index, gremlin indices] pairs, when coverage was asked for. */
      reached: [number, number[]][];
      /** Gremlins reached during the run but outside any test (hooks at file level, timers). */
      outside: number[];
      /** With coverage: [gremlin index, idle hits since the worker started] for every gremlin reached. */
      hits: [number, number][];
      /** With `recheck`: the first failing test, re-run with the switch off, and whether it passed then. */
      recheck?: { index: number; passed: boolean };
    }
  /** An error no test owned: unhandled rejection, uncaught exception, a failed import of the harness. */
  | { type: "fatal"; error: string; kind: "unhandled-rejection" | "uncaught-exception" | "boot" };
