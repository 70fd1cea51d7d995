// Runs a jest project's own transformers (ts-jest, babel-jest, any module with jest's transformer interface)
// on the project's files in a test worker, through require's extension handlers, so that files load as
// jest's runtime loads them: transformed, then CommonJS. Outputs are shared between workers on disk,
// keyed by the transformer's getCacheKey, as jest's own transform cache is.

import { HARNESS_GLOBAL } from "./shim.ts";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** What a worker needs to transform like jest (structured-clone data: made by project/jest-config.ts). */
export interface JestTransform {
  /** [pattern (a RegExp source), the transformer's absolute path, its options], in jest's order. */
  entries: [string, string, unknown][];
  /** transformIgnorePatterns (RegExp sources), matched against absolute paths. */
  ignore: string[];
  /** jest's normalised project config, as transformers receive it. */
  config: Record<string, unknown>;
  /** The project's jest major version: before 27 transformers take `process(source, path, config, options)`. */
  jestMajor: number;
  /** Extensions (".ts") whose files may be transformed: jest's moduleFileExtensions but .json, .node, .mjs, .mts. */
  extensions: string[];
  /** Where outputs are shared between workers (the worker sets it; absent: not shared). */
  cacheDir?: string;
}

/** Where a sandbox copy's transformed files are shared (beside the harness shims, removed with them). */
export function transformedDir(root: string): string {
  return join(root, ".gremlins-harness", "transformed");
}

/** The part of jest's transformer interface used here (jest's docs, "Code Transformation"). */
interface Transformer {
  process?: (...args: unknown[]) => string | { code: string };
  processAsync?: unknown;
  getCacheKey?: (...args: unknown[]) => string;
}

type Compile = (module: { _compile(code: string, file: string): void }, file: string) => void;

/** The transformer a module path exports: `createTransformer(options)` when it has one, else the module itself. */
async function loadTransformer(path: string, options: unknown): Promise<Transformer> {
  const loaded = createRequire(path)(path) as Record<string, unknown>;
  const module = (loaded.__esModule && loaded.default ? loaded.default : loaded) as Record<string, unknown>;
  const made =
    typeof module.createTransformer === "function"
      ? await (module.createTransformer as (o: unknown) => unknown)(options)
      : module;
  return made as Transformer;
}

/** Why a transformer cannot run in a worker (null when it can): only a synchronous `process` serves require(). */
function transformerProblem(path: string, transformer: Transformer): string | null {
  if (typeof transformer.process === "function") return null;
  const why = transformer.processAsync
    ? "it only has processAsync, which jest uses for ES modules"
    : "it has no process function";
  return `the jest transformer ${path} cannot transform CommonJS files (${why})`;
}

/**
 * Installs the project's transformers for require() in this worker. Returns a one-line problem instead
 * when one of them cannot be run as jest would run it.
 */
export async function installJestTransform(spec: JestTransform): Promise<string | null> {
  const transformers: { pattern: RegExp; path: string; options: unknown; transformer: Transformer }[] = [];
  for (const [pattern, path, options] of spec.entries) {
    let transformer: Transformer;
    try {
      transformer = await loadTransformer(path, options);
    } catch (error) {
      return `the jest transformer ${path} could not be loaded (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
    }
    const problem = transformerProblem(path, transformer);
    if (problem) return problem;
    transformers.push({ pattern: new RegExp(pattern), path, options, transformer });
  }
  const ignore = spec.ignore.map((source) => new RegExp(source));
  const configString = JSON.stringify(spec.config);
  const cacheFS = new Map<string, string>();
  const transformFor = (file: string) =>
    ignore.some((re) => re.test(file)) ? undefined : transformers.find((t) => t.pattern.test(file));

  const transform = (file: string, source: string, entry: (typeof transformers)[number]): string => {
    // jest 27+: process(source, path, options); before: process(source, path, config, options).
    const options = {
      config: spec.config,
      configString,
      cacheFS,
      instrument: false,
      supportsDynamicImport: false,
      supportsExportNamespaceFrom: false,
      supportsStaticESM: false,
      supportsTopLevelAwait: false,
      transformerConfig: entry.options,
    };
    const args = spec.jestMajor >= 27 ? [source, file, options] : [source, file, spec.config, { instrument: false }];
    const key = cacheKey(entry, args, spec.jestMajor, configString);
    const cached = key !== null && spec.cacheDir ? readCached(spec.cacheDir, key) : null;
    if (cached !== null) return harnessGlobals(cached);
    const result = (entry.transformer.process as (...a: unknown[]) => string | { code: string })(...args);
    const code = typeof result === "string" ? result : result.code;
    if (key !== null && spec.cacheDir) writeCached(spec.cacheDir, key, code);
    return harnessGlobals(code);
  };

  // Why the cast: Module._extensions and module._compile are Node internals (Bun has them too) without public types.
  const extensions = (createRequire(import.meta.url)("node:module") as { _extensions: Record<string, Compile> })
    ._extensions;
  const plain = extensions[".js"] as Compile;
  for (const ext of spec.extensions) {
    const next = extensions[ext] ?? plain;
    extensions[ext] = (module, file) => {
      const entry = transformFor(file);
      if (!entry) return next(module, file);
      module._compile(transform(file, readFileSync(file, "utf8"), entry), file);
    };
  }
  return null;
}

/**
 * The transform's own `require("@jest/globals")` (babel-plugin-jest-hoist and ts-jest add one to reach `jest`
 * from hoisted jest.mock calls) reads the harness's namespace, as the sandbox's rewritten requires do.
 */
export function harnessGlobals(code: string): string {
  return code.replace(
    /(?<![.\w$])require\((["'])@jest\/globals\1\)/g,
    `globalThis.${HARNESS_GLOBAL}.moduleFor("@jest/globals")`,
  );
}

/** The shared-cache key of one transformation: the transformer's getCacheKey, with its path; null without getCacheKey. */
function cacheKey(
  entry: { path: string; transformer: Transformer },
  args: unknown[],
  jestMajor: number,
  configString: string,
): string | null {
  const getCacheKey = entry.transformer.getCacheKey;
  if (typeof getCacheKey !== "function") return null;
  const [source, file, options] = args;
  const own =
    jestMajor >= 27
      ? getCacheKey.call(entry.transformer, source, file, options)
      : getCacheKey.call(entry.transformer, source, file, configString, { instrument: false });
  return createHash("sha256")
    .update(entry.path)
    .update("\0")
    .update(String(file))
    .update("\0")
    .update(String(own))
    .digest("hex")
    .slice(0, 40);
}

function readCached(dir: string, key: string): string | null {
  try {
    return readFileSync(join(dir, `${key}.js`), "utf8");
  } catch {
    return null;
  }
}

function writeCached(dir: string, key: string, code: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${key}.js`);
    const temp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, file);
  } catch {
    // Best effort: another worker transforms the file again.
  }
}
