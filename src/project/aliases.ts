// Module aliases as the thread executor applies them (Suite.aliases): vite's resolve.alias and jest's
// moduleNameMapper turned into one form ({ find: RegExp source, replacement }, first match wins), and the
// lookup of an aliased specifier the way the runners do it (extensions, index files, root-relative paths).

import { statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "pathe";
import { functionName, regexpOf } from "./config-child.ts";

export interface Alias {
  /** A RegExp source, matched against the specifier. */
  find: string;
  /** `specifier.replace(new RegExp(find), replacement)`: `$1`… are the groups of `find`. */
  replacement: string;
}

/** Extensions tried after an aliased path, in order (vite's defaults, then jest's others). */
const EXTENSIONS = [".mjs", ".js", ".mts", ".ts", ".jsx", ".tsx", ".json", ".cjs", ".cts"];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * vite's `resolve.alias` (an object or an array of { find, replacement }) in Suite form; a reason when an
 * entry cannot be honoured (a customResolver). A string `find` matches the whole specifier or a prefix up to "/".
 */
export function viteAliases(value: unknown): Alias[] | { reason: string } {
  if (value === undefined || value === null) return [];
  const entries: { find: unknown; replacement: unknown; customResolver?: unknown }[] = Array.isArray(value)
    ? (value as { find: unknown; replacement: unknown }[])
    : Object.entries(value as Record<string, unknown>).map(([find, replacement]) => ({ find, replacement }));
  const out: Alias[] = [];
  for (const entry of entries) {
    if (entry.customResolver !== undefined) return { reason: "an alias with a customResolver" };
    if (typeof entry.replacement !== "string")
      return { reason: `an alias whose replacement is not a string (${JSON.stringify(entry.replacement)})` };
    const re = regexpOf(entry.find);
    if (re) out.push({ find: re.source, replacement: entry.replacement });
    else if (typeof entry.find === "string")
      out.push({ find: `^${escapeRegExp(entry.find)}(?=/|$)`, replacement: entry.replacement });
    else
      return {
        reason: `an alias whose find is ${functionName(entry.find) ? "a function" : JSON.stringify(entry.find)}`,
      };
  }
  return out;
}

/**
 * jest's normalised moduleNameMapper ([regex, path | paths][], `<rootDir>` already replaced) in Suite form.
 * jest replaces the WHOLE specifier with the mapped path, so `find` is widened to match all of it; an
 * array of paths becomes one alias per path (the lookup moves on when a path does not exist).
 */
export function jestAliases(mapper: readonly (readonly [string, string | readonly string[]])[]): Alias[] {
  const out: Alias[] = [];
  for (const [regex, target] of mapper) {
    for (const replacement of typeof target === "string" ? [target] : target) {
      out.push({ find: `^[\\s\\S]*?(?:${regex})[\\s\\S]*$`, replacement: replacement.replace(/\$(?![0-9])/g, "$$$$") });
    }
  }
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file a path-like aliased specifier names: as is, with an extension, or a folder's index file. */
export function lookUpFile(base: string): string | null {
  if (isFile(base)) return base;
  for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext;
  for (const ext of EXTENSIONS) if (isFile(join(base, `index${ext}`))) return join(base, `index${ext}`);
  return null;
}

/**
 * What `specifier`, imported from the file `importer` (absolute), becomes under `aliases`: an absolute file
 * path, a bare package specifier, or null when no alias applies (or none leads to an existing file).
 * `root` is the project root, for vite's root-relative paths ("/src/x").
 */
export function applyAliases(
  specifier: string,
  importer: string,
  aliases: readonly Alias[],
  root: string,
): string | null {
  for (const alias of aliases) {
    const re = compiled(alias.find);
    if (!re.test(specifier)) continue;
    const result = specifier.replace(re, alias.replacement);
    if (!/^(\.{1,2}(\/|$)|\/)/.test(result) && !isAbsolute(result)) return result;
    const base = isAbsolute(result) ? result : resolve(dirname(importer), result);
    const found = lookUpFile(base) ?? (isAbsolute(result) ? lookUpFile(join(root, result)) : null);
    if (found) return found;
  }
  return null;
}

const cache = new Map<string, RegExp>();
/** The RegExp of an alias's `find` (compiled once). */
function compiled(find: string): RegExp {
  let re = cache.get(find);
  if (!re) cache.set(find, (re = new RegExp(find)));
  return re;
}

/** Whether some alias's `find` matches `specifier`. */
export function aliasMatches(specifier: string, aliases: readonly Alias[]): boolean {
  return aliases.some((alias) => compiled(alias.find).test(specifier));
}

/** Whether any alias could apply to some string literal of `source` (a cheap pre-filter before parsing). */
export function mentionsAlias(source: string, aliases: readonly Alias[]): boolean {
  if (aliases.length === 0) return false;
  for (const match of source.matchAll(/(["'`])([^"'`\n\r]{1,400})\1/g))
    if (aliasMatches(match[2] as string, aliases)) return true;
  return false;
}
