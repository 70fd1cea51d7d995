// Type stripping (and vitest's module semantics) for the Node host's workers, shared between them: each worker
// thread loads the same files, and parsing them (oxc on Node 20 goes through JSON) costs tens of ms per file.
// The first worker to transform a file writes the result under the sandbox's `.gremlins-harness/stripped/`,
// keyed by the inputs' hash (the source, and whether its tsconfig keeps imports verbatim); the others read it.

import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripTypeScript } from "../config/strip-types.ts";
import { keepsImportsVerbatim } from "../config/tsconfig-imports.ts";

/** The error's way out, for syntax stripping cannot run (enums computed from members, namespaces…). */
export const ADVICE =
  "type stripping cannot run it, so this suite needs the spawn executor (or Node >= 22.18 with --experimental-transform-types)";

export interface Stripped {
  code: string;
  hasModuleSyntax: boolean;
}

/** The cache directory of a sandbox copy (the worker's `root`). */
export function strippedDir(root: string): string {
  return join(root, ".gremlins-harness", "stripped");
}

/** Strips `source` (the file at `path`), through the cache in `dir` when there is one. */
export function stripCached(path: string, source: string, dir: string | null): Stripped {
  // The sandbox's files do not change while its workers run, so what a file re-exports from another (read
  // by followReExports) is the same for every worker: the source's hash still keys the result.
  const options = { verbatimModuleSyntax: keepsImportsVerbatim(path), followReExports: true };
  const strip = (): string => {
    const stripped = stripTypeScript(source, path, ADVICE, options);
    return `${stripped.hasModuleSyntax ? "esm" : "cjs"}\n${stripped.code}`;
  };
  const mode = options.verbatimModuleSyntax ? "verbatim" : "elide";
  const cached = dir ? sharedResult(dir, [mode, source], strip) : strip();
  return { hasModuleSyntax: cached.startsWith("esm\n"), code: cached.slice(4) };
}

/**
 * What `compute` makes of the inputs `parts`, computed once for all workers of a sandbox: the first worker
 * writes it under `dir`, keyed by the parts' hash; the others read it.
 */
export function sharedResult(dir: string, parts: readonly string[], compute: () => string): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  const file = join(dir, `${hash.digest("hex").slice(0, 40)}.txt`);
  try {
    return readFileSync(file, "utf8");
  } catch {
    // Not computed yet.
  }
  const text = compute();
  try {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch {
    // Best effort: the next worker computes it again.
  }
  return text;
}
