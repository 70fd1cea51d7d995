// `defineConfig` for gremlins.config.ts: an identity function whose only job is to type the user's config.
import type { UserConfig } from "../types.ts";

/** Types a gremlins config object; returns it unchanged. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
