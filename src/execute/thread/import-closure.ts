// Which project files a test file loads, following its imports and require() calls with literal paths
// through the project's own files: bun:test keeps a `mock.module` for every file it runs later in the same
// process, so a mock is emulated per file only when no other test file reaches it (dynamic imports
// included); and whether a mocked module is loaded with the file (static imports) tells how bun applies it.

import { dirname, isAbsolute, join, resolve } from "pathe";
import { aliasMatches, applyAliases, type Alias } from "../../project/aliases.ts";
import { languageOf } from "../../parse/parse.ts";
import { resolveModuleFile } from "./mock-copies.ts";
import { scanSource } from "./redirect.ts";

/** The project file (absolute) `specifier` names from the file `from` (absolute), or null (a package, a missing file). */
export function projectFileOf(dir: string, from: string, specifier: string, aliases: readonly Alias[]): string | null {
  const aliased = aliasMatches(specifier, aliases) ? applyAliases(specifier, from, aliases, dir) : null;
  const target = aliased ?? specifier;
  if (!isAbsolute(target) && !/^\.{1,2}(\/|$)/.test(target)) return null;
  const file = resolveModuleFile(isAbsolute(target) ? target : resolve(dirname(from), target));
  return file !== null && file.startsWith(`${dir}/`) && !file.includes("/node_modules/") ? file : null;
}

/** Reads and follows the files of one sandbox; each file is parsed once. */
export function createClosures(
  dir: string,
  read: (rel: string) => string,
  aliases: readonly Alias[],
): (test: string, withDynamic: boolean) => Set<string> {
  const edges = new Map<string, { file: string; dynamic: boolean }[]>();
  const next = (abs: string): { file: string; dynamic: boolean }[] => {
    let out = edges.get(abs);
    if (out) return out;
    const rel = abs.slice(dir.length + 1);
    const scan = languageOf(rel) === null ? null : scanSource(rel, read(rel), () => true);
    out = (scan?.sites ?? []).flatMap((site) => {
      const file = projectFileOf(dir, abs, site.specifier, aliases);
      return file === null ? [] : [{ file, dynamic: site.dynamic === true }];
    });
    edges.set(abs, out);
    return out;
  };
  return (test, withDynamic) => {
    const seen = new Set<string>();
    const stack = [join(dir, test)];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const edge of next(file)) if (withDynamic || !edge.dynamic) stack.push(edge.file);
    }
    return seen;
  };
}
