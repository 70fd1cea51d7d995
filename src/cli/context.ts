// What every command receives from main(): its parsed flags and the invocation's streams, plus shared helpers
// that turn flags into a resolved configuration.
import type { ConsolaInstance } from "consola";
import { resolve } from "pathe";
import type { ResolvedConfig } from "../types.ts";
import type { Io } from "./output.ts";
import { lastValue, type ParsedFlags } from "./parse-argv.ts";
import { userConfigFromFlags } from "./to-user-config.ts";

export interface CommandData {
  flags: ParsedFlags;
  io: Io;
  /** consola, on stderr; debug lines appear with --verbose, info is hidden by --quiet. */
  logger: ConsolaInstance;
  /** The arguments gremlins was started with (after the executable and script), for a run handed to another runtime. */
  argv: readonly string[];
}

/** The project root: --root resolved against the working directory, else the working directory. */
export function rootOf(data: CommandData): string {
  return resolve(data.io.cwd, lastValue(data.flags, "root") ?? ".");
}

/**
 * Loads the configuration for `run`/`list` (defaults ← config file ← flags). Heavy modules load lazily.
 * `log: false` leaves the --verbose lines to a later `logConfig` (a run handed to another runtime logs them there).
 */
export async function resolveConfigFromFlags(
  data: CommandData,
  options: { log?: boolean } = {},
): Promise<ResolvedConfig> {
  const { loadConfig } = await import("../config/index.ts");
  const configFile = lastValue(data.flags, "config");
  const config = await loadConfig(rootOf(data), userConfigFromFlags(data.flags), {
    configFile: configFile === undefined ? undefined : resolve(data.io.cwd, configFile),
  });
  if (options.log !== false) logConfig(data, config);
  return config;
}

/** The --verbose lines saying where the configuration came from. */
export function logConfig(data: CommandData, config: ResolvedConfig): void {
  data.logger.debug(`root: ${config.root}`);
  data.logger.debug(`config file: ${config.configFile ?? "none (defaults and flags only)"}`);
  for (const key of Object.keys(config.sources).filter((k) => !k.includes("."))) {
    const value = (config as unknown as Record<string, unknown>)[key];
    data.logger.debug(`  ${key} = ${JSON.stringify(value)}  (${config.sources[key]})`);
  }
}
