// Finding executables the way a shell would: `node_modules/.bin` of the project and its ancestors
// first (as npm does for scripts), then PATH.

import { accessSync, constants, statSync } from "node:fs";
import { delimiter } from "node:path";
import { dirname, join, resolve } from "pathe";

/** What to do when a runtime the project needs is not installed. */
export const RUNTIME_INSTALL_HINTS: Record<"bun" | "deno" | "node", string> = {
  bun: "install Bun (https://bun.sh) or add it to the project: npm install -D bun",
  deno: "install Deno (https://deno.com) or add it to the project: npm install -D deno",
  node: "install Node.js 20 or later (https://nodejs.org)",
};

/** `<dir>/node_modules/.bin` for `root` and every ancestor, nearest first. */
export function binDirs(root: string): string[] {
  const dirs: string[] = [];
  let dir = resolve(root);
  for (;;) {
    dirs.push(join(dir, "node_modules", ".bin"));
    const parent = dirname(dir);
    if (parent === dir) return dirs;
    dir = parent;
  }
}

/** PATH with the project's bin dirs prepended (npm-style). */
export function projectPath(root: string, path: string = process.env.PATH ?? ""): string {
  return [...binDirs(root), ...path.split(delimiter).filter(Boolean)].join(delimiter);
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of `name` on the given PATH string, or null. */
export function findExecutable(name: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}
