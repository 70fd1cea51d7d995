// Finds the source files to mutate: the user's globs (with `!negations`) minus git-ignored files, node_modules
// (even behind symlinks), gremlins' own folders, declaration files and anything that is not JS/TS.
import { realpath } from "node:fs/promises";
import { relative } from "pathe";
import { glob } from "tinyglobby";
import { languageOf } from "../parse/parse.ts";
import { loadGitignores } from "./gitignore.ts";
import { NEVER_WALKED } from "../util/own-paths.ts";

function isInsideNodeModules(path: string): boolean {
  return /(^|[\\/])node_modules([\\/]|$)/.test(path);
}

/** Project-relative, forward-slash, sorted paths of the files under `root` matching `globs`. */
export async function discoverFiles(root: string, globs: string[]): Promise<string[]> {
  const positive = globs.filter((g) => !g.startsWith("!"));
  if (positive.length === 0) return [];
  const negated = globs.filter((g) => g.startsWith("!")).map((g) => g.slice(1));
  const matches = await glob(positive, {
    cwd: root,
    ignore: [...NEVER_WALKED, ...negated],
    onlyFiles: true,
    followSymbolicLinks: true,
  });
  const gitignore = await loadGitignores(root);
  const realRoot = await realpath(root);
  // Several paths may reach one file through symlinks (or a symlink loop): keep one path per real file.
  const byRealPath = new Map<string, string[]>();
  for (const match of new Set(matches)) {
    const file = match.replace(/\\/g, "/").replace(/^\.\//, "");
    if (languageOf(file) === null || isInsideNodeModules(file) || gitignore.ignores(file)) continue;
    const real = await realpath(`${root}/${file}`).catch(() => null);
    // A symlink may lead into a node_modules directory under another name.
    if (real === null || isInsideNodeModules(real)) continue;
    byRealPath.set(real, [...(byRealPath.get(real) ?? []), file]);
  }
  const files: string[] = [];
  for (const [real, paths] of byRealPath) files.push(canonicalPath(realRoot, real, paths));
  return files.sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The path a file really lives at when it was matched there, else the shortest path that matched it. */
function canonicalPath(realRoot: string, real: string, paths: string[]): string {
  const own = relative(realRoot, real).replace(/\\/g, "/");
  if (paths.includes(own)) return own;
  return [...paths].sort((a, b) => a.length - b.length || compare(a, b))[0]!;
}
