// The child-process script that evaluates vitest/vite config files with the project's own vite
// (`loadConfigFromFile`, what vitest itself uses): TypeScript, defineConfig, mergeConfig, functions of the
// environment, async configs and imports of local files are handled exactly as vitest handles them.

import { ANSWER_SNIPPET } from "./config-child.ts";

/** What the child answers. */
export interface VitestEvalAnswer {
  /** vitest's `configDefaults` (include, exclude…) from the installed vitest. */
  defaults: { include?: string[]; exclude?: string[] };
  /** vitest's version, e.g. "4.1.12". */
  version: string;
  /** Each evaluated file's config, in the order asked (plain form: see ANSWER_SNIPPET). */
  configs: { file: string; config: Record<string, unknown> }[];
}

/** argv: root, then the config files (absolute) to evaluate. The environment is vitest's (`VITEST`, mode "test"). */
export const VITEST_EVAL_SCRIPT = `
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
${ANSWER_SNIPPET}
try {
  const [root, ...files] = process.argv.slice(1);
  const configUrl = import.meta.resolve("vitest/config");
  const vitestRequire = createRequire(fileURLToPath(configUrl));
  let vite;
  try {
    vite = await import("vite");
  } catch {
    vite = await import(pathToFileURL(vitestRequire.resolve("vite")).href);
  }
  const { configDefaults } = await import(configUrl);
  const version = vitestRequire("vitest/package.json").version;
  const configs = [];
  for (const file of files) {
    const env = { command: "serve", mode: process.env.VITEST_MODE_NAME || "test", isSsrBuild: false, isPreview: false };
    const loaded = await vite.loadConfigFromFile(env, file, dirname(file), "silent");
    if (!loaded) throw new Error(file + " did not give a config");
    const config = { ...loaded.config };
    if (Array.isArray(config.plugins)) {
      const names = [];
      const walk = async (list) => {
        for (let item of list) {
          item = await item;
          if (Array.isArray(item)) await walk(item);
          else if (item) names.push(String(item.name ?? "unnamed"));
        }
      };
      await walk(config.plugins);
      config.plugins = names;
    }
    configs.push({ file, config });
  }
  answer({ defaults: { include: configDefaults.include, exclude: configDefaults.exclude }, version, configs });
} catch (error) {
  fail(error);
}
`;
