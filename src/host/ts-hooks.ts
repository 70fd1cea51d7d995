// Module hooks of the Node host (registered by ts-register.ts with `module.register`): the project's
// .ts/.mts/.cts/.tsx files, outside node_modules, load as JavaScript stripped by gremlins' own stripper
// (line numbers kept, results shared between workers: strip-cache.ts); on a Node that strips types itself
// only the resolution part applies, unless the runner compiles TypeScript (ts-register.ts decides). Resolution adds
// what TypeScript runners do: `./a.js` finds `./a.ts`, and `./a` finds `./a.ts` or `./a/index.ts`; and a
// project module imported by a module of a reloaded graph belongs to that graph (util/module-epoch.ts).

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sharedResult, stripCached } from "./strip-cache.ts";
import { isFile, typeScriptCandidates } from "../config/value-exports.ts";
import { asVitestModule } from "./vitest-module.ts";
import { readPackageJsonFile } from "../util/package-json.ts";
import { inheritEpoch } from "../util/module-epoch.ts";

/** What a hook receives and returns (node:module's hook types, which @types/node 20 does not declare). */
interface ResolveContext {
  parentURL?: string;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
interface Resolved {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
  importAttributes?: Record<string, string>;
}
interface Loaded {
  format: string;
  source?: string | ArrayBuffer | Uint8Array | null;
  shortCircuit?: boolean;
}

const TS_FILE = /\.(?:ts|mts|cts|tsx)$/;
const NATIVE = Boolean((process.features as { typescript?: unknown }).typescript);
/** Where stripped files are shared between workers (set by `initialize` from ts-register's data). */
let cacheDir: string | null = null;
/** gremlins' stripper loads the project's TypeScript (else Node's own does, and only resolution is added). */
let strips = !NATIVE;
/** vitest's module semantics for the project's ES modules (vitest-module.ts). */
let vitestModules = false;

export function initialize(data: { cacheDir?: string; strips?: boolean; vitestModules?: boolean } | undefined): void {
  cacheDir = data?.cacheDir ?? null;
  strips = data?.strips ?? !NATIVE;
  vitestModules = data?.vitestModules === true;
}

/** A project file gremlins strips: TypeScript, on disk, not a dependency's. */
export function isProjectTypeScript(url: string): boolean {
  return url.startsWith("file:") && TS_FILE.test(new URL(url).pathname) && !url.includes("/node_modules/");
}

/** The module format of a stripped file: by extension, then ES module syntax, then the nearest package.json "type". */
export function formatOf(path: string, hasModuleSyntax: boolean): "module" | "commonjs" {
  if (path.endsWith(".mts")) return "module";
  if (path.endsWith(".cts")) return "commonjs";
  if (hasModuleSyntax) return "module";
  return packageType(dirname(path)) === "module" ? "module" : "commonjs";
}

function packageType(dir: string): unknown {
  for (let d = dir; ; d = dirname(d)) {
    const read = readPackageJsonFile(join(d, "package.json"));
    if ("json" in read) return read.json.type;
    if ("error" in read) return undefined;
    if (dirname(d) === d) return undefined;
  }
}

export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: (s: string, c: ResolveContext) => Promise<Resolved>,
): Promise<Resolved> {
  const resolved = await resolveFile(specifier, context, nextResolve);
  const url = inheritEpoch(resolved.url, context.parentURL);
  return url === resolved.url ? resolved : { ...resolved, url };
}

async function resolveFile(
  specifier: string,
  context: ResolveContext,
  nextResolve: (s: string, c: ResolveContext) => Promise<Resolved>,
): Promise<Resolved> {
  try {
    const resolved = await nextResolve(specifier, context);
    return strips ? jsonWithoutAttribute(resolved, context) : resolved;
  } catch (error) {
    const parent = context.parentURL;
    const relative = specifier.startsWith("./") || specifier.startsWith("../");
    if (!relative || !parent || !isProjectFile(parent)) throw error;
    const from = dirname(fileURLToPath(parent));
    for (const candidate of typeScriptCandidates(specifier)) {
      const path = join(from, candidate);
      if (isFile(path)) return { url: pathToFileURL(path).href, shortCircuit: true };
    }
    throw error;
  }
}

/**
 * `import data from "./x.json"` in a stripped TypeScript file: the runners that import TypeScript on Node 20
 * (vitest, ts-jest…) load JSON without `with { type: "json" }`, which Node requires; the attribute is added.
 * (Not where Node strips the types itself: there `node --test` may be the runner, and it requires it too.)
 */
export function jsonWithoutAttribute(resolved: Resolved, context: ResolveContext): Resolved {
  const parent = context.parentURL;
  if (!parent || !isProjectTypeScript(parent) || context.importAttributes?.type) return resolved;
  if (!resolved.url.startsWith("file:") || !new URL(resolved.url).pathname.endsWith(".json")) return resolved;
  return { ...resolved, importAttributes: { ...context.importAttributes, type: "json" } };
}

function isProjectFile(url: string): boolean {
  return url.startsWith("file:") && !url.includes("/node_modules/");
}

export async function load(
  url: string,
  context: { format?: string | null },
  nextLoad: (u: string, c: { format?: string | null }) => Promise<Loaded>,
): Promise<Loaded> {
  if (!strips || !isProjectTypeScript(url)) {
    const loaded = await nextLoad(url, context);
    if (!vitestModules || loaded.format !== "module" || !isProjectFile(url) || loaded.source == null) return loaded;
    const source =
      typeof loaded.source === "string" ? loaded.source : Buffer.from(loaded.source as Uint8Array).toString("utf8");
    return { ...loaded, source: vitestModule(source, fileURLToPath(url)) };
  }
  const path = fileURLToPath(url);
  const { code, hasModuleSyntax } = stripCached(path, readFileSync(path, "utf8"), cacheDir);
  const format = formatOf(path, hasModuleSyntax);
  const source = vitestModules && format === "module" ? vitestModule(code, path) : code;
  return { format, source, shortCircuit: true };
}

/** asVitestModule, computed once per sandbox for all workers (a fresh worker would parse every module again). */
function vitestModule(source: string, path: string): string {
  return cacheDir
    ? sharedResult(cacheDir, ["vitest-module", path, source], () => asVitestModule(source, path))
    : asVitestModule(source, path);
}
