// Test-time type checks (ts-jest, ts-node) in the sandbox copy: the instrumented copies infer other types
// (an emptied block returns undefined), so every TypeScript file that may import them gets `// @ts-nocheck`.

import { readFileSync, writeFileSync } from "node:fs";
import { globSync } from "tinyglobby";
import { join } from "pathe";
import { withNoCheck } from "../instrument/index.ts";
import { NEVER_WALKED } from "../util/own-paths.ts";
import { readPackageJson, stringEntries } from "../util/package-json.ts";

/** Packages that type-check TypeScript as the tests load it (unless told not to). */
const TYPE_CHECKERS = ["ts-jest", "ts-node", "ts-mocha"];

/** The type-checking loader the project depends on (package.json), or null. */
export function typeCheckingLoader(dir: string): string | null {
  const pkg = readPackageJson(dir);
  for (const field of ["devDependencies", "dependencies", "optionalDependencies"]) {
    const found = TYPE_CHECKERS.find((name) => name in stringEntries(pkg, field));
    if (found) return found;
  }
  return null;
}

/**
 * Adds `// @ts-nocheck` to the project's TypeScript files in the sandbox copy `dir` (not declaration files,
 * node_modules, gremlins' own folders, nor `skip`: the instrumented copies have theirs). Returns how many.
 * Each gets one line more; a type checker then reports only what the unmutated project reports: nothing.
 */
export function disableTypeChecks(dir: string, skip: ReadonlySet<string>): number {
  const files = globSync(["**/*.{ts,tsx,mts,cts}"], {
    cwd: dir,
    ignore: [...NEVER_WALKED, "**/*.d.{ts,mts,cts}", "**/*.d.*.ts"],
    onlyFiles: true,
    followSymbolicLinks: false,
  });
  let count = 0;
  for (const rel of files) {
    if (skip.has(rel)) continue;
    const abs = join(dir, rel);
    writeFileSync(abs, withNoCheck(readFileSync(abs, "utf8")));
    count++;
  }
  return count;
}
