// Built-in defaults: the lowest layer of configuration, and the list of keys a user may set.
import type { ExecutorName, ReporterName, ResolvedConfig } from "../types.ts";
import { STATE_DIR } from "../util/own-paths.ts";

const SOURCE_GLOB = "**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}";

/** Sources under src/ and lib/, minus tests, declaration files and build output. */
export const DEFAULT_MUTATE: readonly string[] = [
  `src/${SOURCE_GLOB}`,
  `lib/${SOURCE_GLOB}`,
  "!**/*.{test,spec}.*",
  "!**/__tests__/**",
  "!**/*.d.{ts,mts,cts}",
  "!**/node_modules/**",
  "!**/{dist,build,coverage,out}/**",
];

export const REPORTER_NAMES: readonly ReporterName[] = ["progress", "clear-text", "json", "html", "markdown"];
export const EXECUTOR_NAMES: readonly ExecutorName[] = ["auto", "thread", "spawn"];

/** The default reporters: live progress on a terminal only, the clear-text report and the HTML page. */
export function defaultReporters(tty: boolean): ReporterName[] {
  return tty ? ["progress", "clear-text", "html"] : ["clear-text", "html"];
}

/** Config file names, in the order they are looked for. */
export const CONFIG_FILE_NAMES = [
  "gremlins.config.ts",
  "gremlins.config.mts",
  "gremlins.config.js",
  "gremlins.config.mjs",
  "gremlins.config.json",
] as const;

export type Configurable = Omit<ResolvedConfig, "root" | "sources" | "configFile">;

/** Every key a user may write in a config file. */
export const CONFIG_KEYS: readonly (keyof Configurable)[] = [
  "mutate",
  "testCommand",
  "workers",
  "timeoutMs",
  "timeoutFactor",
  "thresholds",
  "reporters",
  "reportDir",
  "operators",
  "executor",
  "cacheDir",
  "baselineRuns",
  "verify",
];

/** A fresh copy of the defaults (callers may mutate it). */
export function defaultConfig(): Configurable {
  return {
    mutate: [...DEFAULT_MUTATE],
    testCommand: null,
    workers: "auto",
    timeoutMs: 5000,
    timeoutFactor: 1.5,
    thresholds: { high: 80, low: 60, break: null },
    reporters: defaultReporters(Boolean(process.stderr.isTTY)),
    reportDir: "reports/gremlins",
    operators: {},
    executor: "auto",
    cacheDir: `${STATE_DIR}/cache`,
    baselineRuns: 2,
    verify: "default",
  };
}
