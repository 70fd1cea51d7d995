// Whether a TypeScript file's tsconfig keeps its imports verbatim (`verbatimModuleSyntax`, or the older
// `preserveValueImports`), which turns import elision off (import-elision.ts). Read as vite and esbuild read
// it: the nearest tsconfig.json above the file, with its `extends` chain (relative paths and packages).

import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { readJsonc } from "../util/jsonc.ts";

interface CompilerOptions {
  verbatimModuleSyntax?: unknown;
  preserveValueImports?: unknown;
}

const byDirectory = new Map<string, boolean>();

/** True when the tsconfig.json nearest to `file` keeps every import binding not marked `type`. */
export function keepsImportsVerbatim(file: string): boolean {
  const dir = dirname(file);
  let known = byDirectory.get(dir);
  if (known === undefined) {
    const config = nearestTsconfig(dir);
    const options = config ? compilerOptions(config, new Set()) : {};
    known = options.verbatimModuleSyntax === true || options.preserveValueImports === true;
    byDirectory.set(dir, known);
  }
  return known;
}

function nearestTsconfig(dir: string): string | null {
  for (let d = dir; ; d = dirname(d)) {
    const file = join(d, "tsconfig.json");
    if (existsSync(file)) return file;
    if (dirname(d) === d) return null;
  }
}

/** The two options as `file` and what it extends set them (later `extends` entries win, the file itself last). */
function compilerOptions(file: string, seen: Set<string>): CompilerOptions {
  if (seen.has(file)) return {};
  seen.add(file);
  let config: { extends?: unknown; compilerOptions?: CompilerOptions };
  try {
    config = readJsonc(readFileSync(file, "utf8")) as typeof config;
  } catch {
    return {}; // unreadable: TypeScript's default (elision) applies
  }
  const bases =
    typeof config.extends === "string"
      ? [config.extends]
      : Array.isArray(config.extends)
        ? config.extends.filter((e): e is string => typeof e === "string")
        : [];
  const merged: CompilerOptions = {};
  for (const base of bases) {
    const path = extendedFile(base, dirname(file));
    if (path) Object.assign(merged, compilerOptions(path, seen));
  }
  return { ...merged, ...pick(config.compilerOptions) };
}

function pick(options: CompilerOptions | undefined): CompilerOptions {
  const picked: CompilerOptions = {};
  if (options && "verbatimModuleSyntax" in options) picked.verbatimModuleSyntax = options.verbatimModuleSyntax;
  if (options && "preserveValueImports" in options) picked.preserveValueImports = options.preserveValueImports;
  return picked;
}

/** `./base`, `./base.json`, `@tsconfig/node20/tsconfig.json`, `@tsconfig/node20` (its tsconfig.json). */
function extendedFile(base: string, from: string): string | null {
  if (base.startsWith(".") || base.startsWith("/")) {
    const path = resolve(from, base);
    return [path, `${path}.json`].find((file) => statSync(file, { throwIfNoEntry: false })?.isFile()) ?? null;
  }
  const require = createRequire(join(from, "tsconfig.json"));
  for (const candidate of [base, `${base}.json`, `${base}/tsconfig.json`]) {
    try {
      return require.resolve(candidate);
    } catch {
      // try the next form
    }
  }
  return null;
}
