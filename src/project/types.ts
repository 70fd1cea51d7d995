// What reading a runner's options and config gives the thread executor (copied into the Suite).

export interface RunnerSettings {
  /** Project-relative test files, in the order the runner loads them. */
  files: string[];
  /** Modules loaded after the harness and before the test files: "./path" (project-relative) or a package specifier. */
  preload?: string[];
  /** Custom `exports` conditions for module resolution. */
  conditions?: string[];
  /** The runner's per-test timeout (ms), when the command or config sets one; 0 = none. */
  testTimeoutMs?: number;
  ui?: "bdd" | "tdd";
  /** mocha --check-leaks: a test that adds a global (not in `allowed`) fails. */
  leakCheck?: { allowed: string[] };
  /**
   * The `esm` package (absolute path) when the runner preloads it (`uvu -r esm`, `mocha -r esm`): test
   * files are then loaded through `require("esm")(module)`, which reads ES syntax with CommonJS resolution.
   */
  esmLoader?: string;
  /** Environment the runner itself sets before loading the tests (uvu's --color: FORCE_COLOR=1). */
  env?: Record<string, string>;
  /** How each option or config key was read, for --verbose. */
  notes: string[];
}

export type RunnerRead = RunnerSettings | { reason: string };
