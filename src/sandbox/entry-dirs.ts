// The project's own published entry points (package.json main/module/exports/imports/bin…): their top-level
// directories are copied into the sandbox even when git-ignored, since tests that import the package by name
// (or a `#internal` import) load them, and a baseline without them fails.
import { statSync } from "node:fs";
import { join } from "pathe";
import { readPackageJson } from "../util/package-json.ts";

/** package.json fields whose values (strings, or objects/arrays of them) are paths inside the package. */
const ENTRY_FIELDS = ["main", "module", "types", "typings", "browser", "bin", "exports", "imports"] as const;

/** Every "./x/…" (or "x/…") path string in a package.json field value, however deeply conditions nest. */
function entryPaths(value: unknown, into: string[]): void {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) entryPaths(item, into);
  else if (value && typeof value === "object") for (const item of Object.values(value)) entryPaths(item, into);
}

/** The first path segment of a package-relative entry path, or null for a file at the root or outside it. */
function topDirectory(path: string): string | null {
  const rel = path.replace(/^\.\//, "");
  if (rel.startsWith("../") || rel.startsWith("/") || rel.includes(":")) return null;
  const slash = rel.indexOf("/");
  if (slash <= 0) return null;
  const dir = rel.slice(0, slash);
  return dir === "." || dir === ".." || dir === "node_modules" || dir.includes("*") ? null : dir;
}

/** Project-relative directories that hold the project's entry points and exist on disk. */
export function entryDirectories(root: string): string[] {
  const pkg = readPackageJson(root);
  if (!pkg) return [];
  const paths: string[] = [];
  for (const field of ENTRY_FIELDS) entryPaths(pkg[field], paths);
  const dirs = new Set<string>();
  for (const path of paths) {
    const dir = topDirectory(path);
    if (dir && statSync(join(root, dir), { throwIfNoEntry: false })?.isDirectory()) dirs.add(dir);
  }
  return [...dirs].sort();
}
