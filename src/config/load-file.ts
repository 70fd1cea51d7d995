// Finds and evaluates the user's configuration: gremlins.config.{ts,mts,js,mjs,json} or package.json "gremlins".
// TS configs are imported natively by Bun and Deno and type-stripped first under Node; imports of "gremlins" are
// rewritten to a local identity function, so the config works where gremlins is not installed.
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { basename, dirname, join, relative, resolve } from "pathe";
import { ConfigError } from "../errors.ts";
import { readPackageJsonFile, type PackageJson } from "../util/package-json.ts";
import { CONFIG_FILE_NAMES } from "./defaults.ts";
import { hasModuleSyntax, rewriteGremlinsImport } from "./rewrite-import.ts";
import { stripTypes } from "./strip-types.ts";

/** One raw configuration layer as found on disk, before validation. */
export interface FoundConfig {
  /** Absolute path of the file it came from. */
  file: string;
  /** "config" for gremlins.config.*, "package.json" for the "gremlins" key. */
  kind: "config" | "package.json";
  /** How messages name it, e.g. `gremlins.config.ts` or `package.json "gremlins"`. */
  label: string;
  value: unknown;
}

/** True when this process cannot import TypeScript by itself (Node; Bun and Deno can). */
export function needsTypeStripping(): boolean {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  return g.Bun === undefined && g.Deno === undefined;
}

function packageJsonOf(root: string): PackageJson | null {
  const read = readPackageJsonFile(join(root, "package.json"));
  if ("error" in read) throw new ConfigError(`package.json: invalid JSON (${read.error})`);
  return "json" in read ? read.json : null;
}

/** Locates the configuration of `root` (or the explicit `configPath`) and evaluates it; null when there is none. */
export async function findConfig(root: string, configPath?: string): Promise<FoundConfig | null> {
  if (configPath) {
    const file = resolve(configPath);
    if (!existsSync(file)) throw new ConfigError(`--config: ${configPath} does not exist`);
    return {
      file,
      kind: "config",
      label: labelOf(root, file),
      value: await evaluateConfigFile(file, labelOf(root, file)),
    };
  }
  const present = CONFIG_FILE_NAMES.filter((name) => existsSync(join(root, name)));
  const pkg = packageJsonOf(root);
  const inPackage = pkg !== null && pkg.gremlins !== undefined;
  const sources = [...present, ...(inPackage ? ['package.json "gremlins"'] : [])];
  if (sources.length > 1) {
    throw new ConfigError(`configuration found in ${sources.join(" and ")}; keep only one`);
  }
  if (present[0]) {
    const file = join(root, present[0]);
    return { file, kind: "config", label: present[0], value: await evaluateConfigFile(file, present[0]) };
  }
  if (inPackage)
    return {
      file: join(root, "package.json"),
      kind: "package.json",
      label: 'package.json "gremlins"',
      value: pkg!.gremlins,
    };
  return null;
}

function labelOf(root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith("..") ? file : rel;
}

/** Evaluates one config file and returns its default export (or the parsed JSON). */
export async function evaluateConfigFile(file: string, label = basename(file)): Promise<unknown> {
  const source = await readFile(file, "utf8");
  if (file.endsWith(".json")) {
    try {
      return JSON.parse(source);
    } catch (error) {
      throw new ConfigError(`${label}: invalid JSON (${(error as Error).message})`);
    }
  }
  const isTs = /\.[cm]?ts$/.test(file);
  const { code: rewritten, changed } = rewriteGremlinsImport(source, label);
  const strip = isTs && needsTypeStripping();
  // A .js config with ESM syntax must be evaluated as .mjs: Node 20 reads .js in a CommonJS package as CommonJS.
  const esmInJs = file.endsWith(".js") && hasModuleSyntax(source, label);
  if (!changed && !strip && !esmInJs) return defaultExport(await importFile(file, label), label);
  const code = strip ? stripTypes(rewritten, label) : rewritten;
  const extension = strip || !isTs ? ".mjs" : file.slice(file.lastIndexOf("."));
  // Written next to the original so relative imports and node_modules resolve exactly as they would from it.
  const temp = join(
    dirname(file),
    `.gremlins-config-${process.pid}-${Math.random().toString(36).slice(2, 8)}${extension}`,
  );
  await writeFile(temp, code);
  try {
    return defaultExport(await importFile(temp, label), label);
  } finally {
    await rm(temp, { force: true });
  }
}

async function importFile(file: string, label: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ConfigError(`${label}: failed to load (${message})`);
  }
}

function defaultExport(module: Record<string, unknown>, label: string): unknown {
  if (!("default" in module))
    throw new ConfigError(
      `${label}: must \`export default\` the configuration (e.g. export default defineConfig({ ... }))`,
    );
  return module.default;
}
