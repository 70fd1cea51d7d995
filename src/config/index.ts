// Resolves the configuration of a run: built-in defaults ← gremlins.config.* or package.json "gremlins" ← CLI flags,
// recording where each setting came from.
import { resolve } from "pathe";
import { ConfigError } from "../errors.ts";
import type { ResolvedConfig, UserConfig } from "../types.ts";
import { defaultConfig } from "./defaults.ts";
import { findConfig } from "./load-file.ts";
import { fileOrigin, validateUserConfig, type Origin } from "./validate.ts";

export { defineConfig } from "./define.ts";
export { DEFAULT_MUTATE, CONFIG_FILE_NAMES, REPORTER_NAMES, EXECUTOR_NAMES } from "./defaults.ts";
export type { Origin } from "./validate.ts";

type Source = ResolvedConfig["sources"][string];

/** How CLI flags name config keys in messages. */
export const CLI_FLAG_NAMES: Record<string, string> = {
  mutate: "--mutate",
  testCommand: "--test-command",
  workers: "--workers",
  timeoutMs: "--timeout-ms",
  timeoutFactor: "--timeout-factor",
  thresholds: "--threshold-high/--threshold-low/--threshold-break",
  "thresholds.high": "--threshold-high",
  "thresholds.low": "--threshold-low",
  "thresholds.break": "--threshold-break",
  reporters: "--reporters",
  reportDir: "--report-dir",
  operators: "--operators/--exclude-operators",
  "operators.include": "--operators",
  "operators.exclude": "--exclude-operators",
  executor: "--executor",
  verify: "--verify",
};

export const cliOrigin: Origin = { prefix: "", name: (key) => CLI_FLAG_NAMES[key] ?? key };

export interface LoadConfigOptions {
  /** Explicit config file (`--config`), relative to the working directory. */
  configFile?: string;
}

/** Applies one validated layer onto `config`, marking the keys it set with `source`. */
function applyLayer(config: ResolvedConfig, layer: UserConfig, source: Source): void {
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    if (key === "thresholds" || key === "operators") {
      const target = config[key] as Record<string, unknown>;
      for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
        if (subValue === undefined) continue;
        target[sub] = subValue;
        config.sources[`${key}.${sub}`] = source;
      }
    } else {
      (config as unknown as Record<string, unknown>)[key] = value;
    }
    config.sources[key] = source;
  }
}

/** Loads and merges the configuration for `root`; throws ConfigError naming the first invalid setting. */
export async function loadConfig(
  root: string,
  cli: UserConfig,
  options: LoadConfigOptions = {},
): Promise<ResolvedConfig> {
  const absoluteRoot = resolve(root);
  const defaults = defaultConfig();
  const config: ResolvedConfig = { ...defaults, root: absoluteRoot, sources: {}, configFile: null };
  for (const key of Object.keys(defaults)) config.sources[key] = "default";
  for (const sub of ["high", "low", "break"]) config.sources[`thresholds.${sub}`] = "default";

  const found = await findConfig(absoluteRoot, options.configFile);
  if (found) {
    applyLayer(config, validateUserConfig(found.value, fileOrigin(found.label)), found.kind);
    config.configFile = found.file;
  }
  applyLayer(config, validateUserConfig(cli, cliOrigin), "cli");

  const { high, low } = config.thresholds;
  if (low > high) {
    const where = (key: string): string => describeSource(config, key, found?.label);
    throw new ConfigError(
      `thresholds.low (${low}, from ${where("thresholds.low")}) must not be greater than thresholds.high (${high}, from ${where("thresholds.high")})`,
    );
  }
  return config;
}

/** "the defaults", "gremlins.config.ts", "package.json" or "the command line", for messages. */
export function describeSource(config: ResolvedConfig, key: string, label?: string): string {
  const source = config.sources[key] ?? "default";
  if (source === "default") return "the defaults";
  if (source === "cli") return "the command line";
  return label ?? (config.configFile ? config.configFile : source);
}
