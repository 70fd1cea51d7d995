// Project file globbing shared by the runner readers: never node_modules, .git or gremlins' own folders.

import { globSync } from "tinyglobby";
import { languageOf } from "../parse/parse.ts";
import { NEVER_WALKED } from "../util/own-paths.ts";

/** Project-relative JS/TS files matching `patterns` under `root`, sorted. */
export function globFiles(
  root: string,
  patterns: string[],
  options: { ignore?: string[]; dot?: boolean } = {},
): string[] {
  if (patterns.length === 0) return [];
  return globSync(patterns, {
    cwd: root,
    ignore: [...NEVER_WALKED, ...(options.ignore ?? [])],
    onlyFiles: true,
    dot: options.dot ?? false,
    expandDirectories: false,
  })
    .map((f) => f.replace(/\\/g, "/").replace(/^\.\//, ""))
    .filter((f) => languageOf(f) !== null)
    .sort();
}

/** "./a/b" and "a/b/" → "a/b". */
export function normalise(path: string): string {
  return (
    path
      .replace(/\\/g, "/")
      .replace(/^(\.\/)+/, "")
      .replace(/\/+$/, "") || "."
  );
}

/** A preload as Suite.preload holds it: "./x" for a path relative to the project, absolute paths and package names as they are. */
export function preloadPath(specifier: string): string {
  if (specifier.startsWith("/")) return specifier;
  return specifier.startsWith(".") ? `./${normalise(specifier)}` : specifier;
}

/** The `esm` package's main file (resolved): loaded by gremlins as the test files' loader, not as a preload. */
export function isEsmPackage(resolved: string): boolean {
  return resolved === "esm" || /[\\/]node_modules[\\/]esm[\\/]esm\.js$/.test(resolved);
}
