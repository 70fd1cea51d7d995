// The one reader of a project's package.json: parsed once per version of the file (size and mtime),
// shared by the project model, the config loader, `init`, the hook installer and the executors.

import { readFileSync, statSync } from "node:fs";
import { join } from "pathe";

export type PackageJson = Record<string, unknown>;

/** What reading one package.json gave: no file, its top-level object, or why it could not be parsed. */
export type PackageJsonRead = { missing: true } | { json: PackageJson } | { error: string };

const cache = new Map<string, { stamp: string; read: PackageJsonRead }>();

/** Reads the package.json at `file` (a path ending in package.json, or any JSON file mocha's --package names). */
export function readPackageJsonFile(file: string): PackageJsonRead {
  let stamp: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { missing: true };
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return { missing: true };
  }
  const known = cache.get(file);
  if (known?.stamp === stamp) return known.read;
  let read: PackageJsonRead;
  try {
    const value: unknown = JSON.parse(readFileSync(file, "utf8"));
    // Valid JSON that is not an object (npm refuses it) has none of the keys anyone asks for.
    read = { json: typeof value === "object" && value !== null && !Array.isArray(value) ? (value as PackageJson) : {} };
  } catch (error) {
    read = { error: error instanceof Error ? error.message : String(error) };
  }
  cache.set(file, { stamp, read });
  return read;
}

/** The package.json of `dir`, or null when there is none or it cannot be parsed (callers that must report that use readPackageJsonFile). */
export function readPackageJson(dir: string): PackageJson | null {
  const read = readPackageJsonFile(join(dir, "package.json"));
  return "json" in read ? read.json : null;
}

/** The string-valued entries of an object field (`scripts`, `dependencies`…); {} when absent or not an object. */
export function stringEntries(pkg: PackageJson | null, field: string): Record<string, string> {
  const value = pkg?.[field];
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** dependencies and devDependencies together (names → ranges). */
export function dependencies(pkg: PackageJson | null): Record<string, string> {
  return { ...stringEntries(pkg, "dependencies"), ...stringEntries(pkg, "devDependencies") };
}
