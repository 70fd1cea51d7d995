// Where sandbox copies live: in a private temporary directory outside the project, on a path with no dot
// segment (express's `send` refuses dotted paths, older micromatch skips them), so that the user's own runners,
// watchers, tsc, linters and git never see the copies. Above each copy the project's ancestors are mirrored
// by links, so upward lookups (hoisted node_modules, a workspace's package.json, tsconfig or babel config,
// `../shared`) find from the copy what they find from the project.

import { chmodSync, existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { basename, join, parse, dirname } from "pathe";
import { isOwnName } from "../util/own-paths.ts";

/** Names that make a folder part of the project's surroundings (a workspace, a repository). */
const MARKERS = [".git", "package.json", "node_modules", "deno.json", "deno.jsonc", "pnpm-workspace.yaml"];

/** The temporary directory of the sandbox named `id` (`sandbox-<pid>-<random>`): `<tmp>/gremlins-<id>`. */
export function sandboxBase(id: string): string {
  return join(realpathSync(tmpdir()), `gremlins-${id}`);
}

/** True when `target` (a sandbox link's target) is a sandbox directory of the sandbox named `id`. */
export function isSandboxBase(target: string, id: string): boolean {
  return basename(target) === `gremlins-${id}`;
}

/** Creates the sandbox's private directory; fails if it exists (nobody else's directory is ever used). */
export function createBase(base: string): void {
  mkdirSync(base, { mode: 0o700 });
  chmodSync(base, 0o700);
}

/**
 * The ancestors of `root` a copy mirrors, nearest first: up to the highest one holding a project marker
 * (a repository, a workspace), never the home directory, the temp directory or the file-system root.
 */
export function mirroredAncestors(root: string): string[] {
  const stops = new Set([homedir(), tmpdir(), realpathSync(tmpdir()), parse(root).root]);
  const chain: string[] = [];
  let top = 0;
  for (let dir = dirname(root); !stops.has(dir) && dir !== dirname(dir); dir = dirname(dir)) {
    chain.push(dir);
    if (MARKERS.some((marker) => existsSync(join(dir, marker)))) top = chain.length;
  }
  return chain.slice(0, top);
}

/**
 * Builds `<home>/<top ancestor's name>/…/<root's name>`'s parents: each mirrored folder holds a link to
 * every entry of its real ancestor but the one on the way down, `.git` and gremlins' own folders. Returns
 * the path the copy of `root` goes to (not created).
 */
export function mirrorAncestors(home: string, root: string, ancestors: readonly string[]): string {
  let parent = home;
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const real = ancestors[i] as string;
    const down = basename(i === 0 ? root : (ancestors[i - 1] as string));
    parent = join(parent, basename(real));
    mkdirSync(parent, { mode: 0o700 });
    let names: string[];
    try {
      names = readdirSync(real);
    } catch {
      continue;
    }
    for (const name of names) {
      if (name === down || name === ".git" || isOwnName(name)) continue;
      symlinkSync(join(real, name), join(parent, name));
    }
  }
  return join(parent, basename(root));
}
