// Public API of the gremlins package: `defineConfig` for gremlins.config.ts, and the types a config or plugin needs.
export { defineConfig } from "./config/define.ts";
export type {
  ExecutorName,
  Gremlin,
  Outcome,
  Position,
  ReporterName,
  ResolvedConfig,
  RunResult,
  Status,
  Thresholds,
  UserConfig,
} from "./types.ts";
