// The files that say which runtime a project is written for (bunfig.toml, bun.lock, deno.json…, a
// `bun:test` import), looked for in one place with one order: Bun's markers before Deno's.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "pathe";
import { isOwnName } from "../util/own-paths.ts";

export const BUN_MARKERS = ["bunfig.toml", "bun.lock", "bun.lockb"] as const;
export const DENO_MARKERS = ["deno.json", "deno.jsonc"] as const;

/** Folders never scanned for test files (gremlins' own ones: `isOwnName`). */
const SCAN_SKIP = new Set(["node_modules", ".git", "dist", "build", "coverage"]);
const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;
const IMPORTS_BUN_TEST = /from\s*["']bun:test["']|require\(\s*["']bun:test["']\s*\)/;

/** The runtime the project's files point at, and the file that says so; null when none does. */
export interface Marker {
  runtime: "bun" | "deno";
  /** Project-relative file: `bun.lock`, `deno.json`, or a test file importing bun:test. */
  file: string;
  /** Why, in words: "a Bun project (bun.lock)", "a Bun project (test/a.test.ts imports bun:test)". */
  reason: string;
}

/** The first Bun marker file of `root`, else its first Deno one (no scan of the sources). */
export function markerFile(root: string): Marker | null {
  const bun = BUN_MARKERS.find((name) => existsSync(join(root, name)));
  if (bun) return { runtime: "bun", file: bun, reason: `a Bun project (${bun})` };
  const deno = DENO_MARKERS.find((name) => existsSync(join(root, name)));
  if (deno) return { runtime: "deno", file: deno, reason: `a Deno project (${deno})` };
  return null;
}

/** markerFile, else the first source file that imports `bun:test`. */
export function projectMarker(root: string): Marker | null {
  const marker = markerFile(root);
  if (marker) return marker;
  const bunTest = findBunTestImport(root);
  return bunTest ? { runtime: "bun", file: bunTest, reason: `a Bun project (${bunTest} imports bun:test)` } : null;
}

/** deno.json or deno.jsonc of `root` (absolute), or null. */
export function denoConfigFile(root: string): string | null {
  const name = DENO_MARKERS.find((n) => existsSync(join(root, n)));
  return name ? join(root, name) : null;
}

/** The first script file (up to `budget` files looked at) that imports `bun:test`, project-relative. */
export function findBunTestImport(root: string, budget = 2000): string | null {
  const stack = [""];
  while (stack.length > 0 && budget > 0) {
    const rel = stack.pop() as string;
    let entries;
    try {
      entries = readdirSync(rel === "" ? root : join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SCAN_SKIP.has(entry.name) && !isOwnName(entry.name) && !entry.name.startsWith(".")) stack.push(childRel);
      } else if (entry.isFile() && SCRIPT_FILE.test(entry.name) && budget-- > 0) {
        try {
          if (IMPORTS_BUN_TEST.test(readFileSync(join(root, childRel), "utf8"))) return childRel;
        } catch {
          // Unreadable file: not a test we can use anyway.
        }
      }
    }
  }
  return null;
}
