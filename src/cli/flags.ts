// The flags of every command, as citty argument definitions: one source for both parsing and --help.
import type { ArgsDef } from "citty";

/** Flags that set a configuration key (shared by `run` and `list`). */
export const CONFIG_FLAGS = {
  mutate: {
    type: "string",
    valueHint: "glob",
    description: 'Files to mutate; repeatable or comma-separated, "!glob" excludes',
  },
  "test-command": { type: "string", valueHint: "cmd", description: "Command that runs the tests (default: detected)" },
  workers: { type: "string", valueHint: "n|auto|50%", description: "Parallel workers (default: auto)" },
  "timeout-ms": { type: "string", valueHint: "ms", description: "Extra time allowed per gremlin (default: 5000)" },
  "timeout-factor": {
    type: "string",
    valueHint: "x",
    description: "Multiplier on the baseline test time (default: 1.5)",
  },
  "threshold-high": {
    type: "string",
    valueHint: "0-100",
    description: "Score at or above which the result is good (default: 80)",
  },
  "threshold-low": {
    type: "string",
    valueHint: "0-100",
    description: "Score below which the result is poor (default: 60)",
  },
  "threshold-break": {
    type: "string",
    valueHint: "0-100|none",
    description: "Exit with code 1 below this score (default: none)",
  },
  reporters: {
    type: "string",
    valueHint: "list",
    description: "progress, clear-text, json, html, markdown (comma-separated)",
  },
  "report-dir": { type: "string", valueHint: "dir", description: "Where report files go (default: reports/gremlins)" },
  "cache-dir": {
    type: "string",
    valueHint: "dir",
    description: "Where verdicts are cached (default: .gremlins/cache)",
  },
  "baseline-runs": {
    type: "string",
    valueHint: "n",
    description:
      "Baseline runs of the spawn executor; a test that passes in one and fails in another is named as flaky in the reports (default: 2)",
  },
  operators: { type: "string", valueHint: "list", description: "Only these operators (comma-separated)" },
  "exclude-operators": { type: "string", valueHint: "list", description: "Skip these operators (comma-separated)" },
  executor: { type: "string", valueHint: "auto|thread|spawn", description: "How gremlins are run (default: auto)" },
  verify: {
    type: "string",
    valueHint: "n|p%",
    description:
      "After a thread run, re-check this many verdicts with the spawn executor (default: 20 or 2%, whichever is larger, stopped at 15% of the run's wall time; 0 = off, 100% = all)",
  },
} as const satisfies ArgsDef;

/** Flags every command takes. */
export const COMMON_FLAGS = {
  root: { type: "string", valueHint: "dir", description: "Project root (default: current directory)" },
  verbose: { type: "boolean", description: "Print more detail" },
  quiet: { type: "boolean", alias: "q", description: "Print only errors and the final result" },
  help: { type: "boolean", alias: "h", description: "Show this help" },
} as const satisfies ArgsDef;

export const RUN_FLAGS = {
  config: {
    type: "string",
    valueHint: "path",
    description: 'Config file (default: gremlins.config.* or package.json "gremlins")',
  },
  ...CONFIG_FLAGS,
  ...COMMON_FLAGS,
} as const satisfies ArgsDef;

/** Incremental runs (`run` only): diff modes and the result cache. */
export const INCREMENTAL_FLAGS = {
  since: {
    type: "string",
    valueHint: "ref",
    description: "Test only gremlins on lines changed since this git revision (committed or not)",
  },
  staged: {
    type: "boolean",
    description: "Test only gremlins on staged lines, in their staged content (the pre-commit case)",
  },
  changed: {
    type: "boolean",
    description: "Test only gremlins on lines changed in the working tree (vs HEAD, new files included)",
  },
  cache: {
    type: "boolean",
    description: "Reuse verdicts whose inputs did not change (default; --no-cache ignores the cache)",
  },
} as const satisfies ArgsDef;

/** Scheduling (`run` only): sharding across CI machines and the killing-test list. */
export const SCHEDULE_FLAGS = {
  shard: {
    type: "string",
    valueHint: "i/n",
    description: "Test only shard i of n (deterministic, cost-balanced); combine the reports with `gremlins merge`",
  },
  bail: {
    type: "boolean",
    description:
      "Stop each gremlin at its first failing test (default; --no-bail runs every covering test and lists every killer)",
  },
} as const satisfies ArgsDef;

/** `gremlins merge <reports...>`: where the combined reports go and which ones. */
export const MERGE_FLAGS = {
  reporters: CONFIG_FLAGS.reporters,
  "report-dir": CONFIG_FLAGS["report-dir"],
  ...COMMON_FLAGS,
} as const satisfies ArgsDef;

export const CACHE_FLAGS = {
  config: RUN_FLAGS.config,
  ...COMMON_FLAGS,
} as const satisfies ArgsDef;

export const LIST_FLAGS = {
  json: { type: "boolean", description: "Print JSON instead of text" },
  ...RUN_FLAGS,
} as const satisfies ArgsDef;

export const EXPLAIN_FLAGS = {
  report: {
    type: "string",
    valueHint: "path",
    description: "Report to read (default: <report-dir>/mutation.json, else mutation.html)",
  },
  "report-dir": CONFIG_FLAGS["report-dir"],
  config: RUN_FLAGS.config,
  ...COMMON_FLAGS,
} as const satisfies ArgsDef;

export const INIT_FLAGS = {
  force: {
    type: "boolean",
    description: "Overwrite an existing config file (with --hook: an existing pre-commit hook)",
  },
  hook: {
    type: "boolean",
    description:
      "Install a git pre-commit hook running `gremlins run --staged` (or print the lines for husky, lefthook, simple-git-hooks)",
  },
  ...COMMON_FLAGS,
} as const satisfies ArgsDef;

export const ROOT_FLAGS = {
  help: { type: "boolean", alias: "h", description: "Show this help" },
  version: { type: "boolean", alias: "v", description: "Print the version" },
} as const satisfies ArgsDef;
