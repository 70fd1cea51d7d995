// Copies a project tree into a sandbox directory: skips .git and gremlins' own folders, git-ignored directories
// (build output; never ones holding mutated or test files, nor the package's own entry points) and ignored junk
// files; links node_modules.

import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { isAbsolute, join, relative, resolve, dirname } from "pathe";
import ignore, { type Ignore } from "ignore";
import { isTestFile } from "../cache/inputs.ts";
import { isOwnName } from "../util/own-paths.ts";

/** Directory names never copied (node_modules is symlinked instead; gremlins' own folders: `isOwnName`). */
const SKIPPED_DIRS = new Set([".git", ".hg", ".svn"]);

/**
 * Git-ignored files that are skipped. Other ignored files are copied: tests often need local,
 * ignored files such as `.env`; build output lives in ignored directories, which are skipped.
 */
const JUNK_FILE = /\.(log|tsbuildinfo)$|(^|\/)\.DS_Store$/;

export interface CopyOptions {
  /** Project-relative paths (forward slashes) that must be copied whatever .gitignore says. */
  keep?: Iterable<string>;
  /** Project-relative directories copied whole, .gitignore or not (the package's own entry points). */
  keepDirs?: Iterable<string>;
}

export interface CopyStats {
  files: number;
  symlinks: number;
  /** Project-relative paths skipped because .gitignore matched them. */
  ignored: string[];
}

interface IgnoreLayer {
  /** Project-relative directory the .gitignore lives in ("" for the root). */
  base: string;
  rules: Ignore;
}

function readGitignore(dir: string): Ignore | null {
  const file = join(dir, ".gitignore");
  if (!existsSync(file)) return null;
  return ignore().add(readFileSync(file, "utf8"));
}

function isIgnored(layers: IgnoreLayer[], rel: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const local = layer.base === "" ? rel : rel.slice(layer.base.length + 1);
    if (layer.rules.ignores(isDir ? `${local}/` : local)) return true;
  }
  return false;
}

/** True when some kept path lies inside the project-relative directory `rel`. */
function holdsKept(keep: Set<string>, rel: string): boolean {
  const prefix = `${rel}/`;
  for (const path of keep) if (path.startsWith(prefix)) return true;
  return false;
}

/** Copies `root` into `dest` (which must not be inside a skipped directory of root). */
export function copyProject(root: string, dest: string, options: CopyOptions = {}): CopyStats {
  const keep = new Set(options.keep ?? []);
  const keepDirs = new Set(options.keepDirs ?? []);
  const stats: CopyStats = { files: 0, symlinks: 0, ignored: [] };
  const absRoot = resolve(root);

  // `whole`: inside a directory of keepDirs, where .gitignore does not apply.
  const visit = (rel: string, layers: IgnoreLayer[], whole: boolean): void => {
    const srcDir = rel === "" ? absRoot : join(absRoot, rel);
    const own = whole ? null : readGitignore(srcDir);
    const active = own ? [...layers, { base: rel, rules: own }] : layers;
    mkdirSync(rel === "" ? dest : join(dest, rel), { recursive: true });

    for (const entry of readdirSync(srcDir, { withFileTypes: true })) {
      const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      const from = join(absRoot, childRel);
      const to = join(dest, childRel);
      if (entry.name === "node_modules") {
        // Link, never copy: resolution inside the sandbox then finds the project's packages.
        symlinkSync(from, to);
        stats.symlinks++;
        continue;
      }
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || isOwnName(entry.name)) continue;
        const wholeDir = whole || keepDirs.has(childRel);
        if (
          !wholeDir &&
          isIgnored(active, childRel, true) &&
          !isTestFile(`${childRel}/`) &&
          !holdsKept(keep, childRel)
        ) {
          stats.ignored.push(`${childRel}/`);
          continue;
        }
        visit(childRel, active, wholeDir);
      } else if (entry.isSymbolicLink()) {
        copyLink(absRoot, from, to);
        stats.symlinks++;
      } else if (entry.isFile()) {
        if (
          !whole &&
          JUNK_FILE.test(childRel) &&
          isIgnored(active, childRel, false) &&
          !keep.has(childRel) &&
          !isTestFile(childRel)
        ) {
          stats.ignored.push(childRel);
          continue;
        }
        copyFileSync(from, to);
        stats.files++;
      }
      // Sockets, FIFOs and devices are not project content: skipped.
    }
  };

  visit("", [], false);
  return stats;
}

/**
 * Recreates a symlink. A link to somewhere inside the project (relative or absolute) becomes a
 * relative link, so it points into the copy (same layout) and writes through it stay in the sandbox;
 * a link to outside the project is pointed at its absolute target.
 */
function copyLink(root: string, from: string, to: string): void {
  const target = readlinkSync(from);
  const absTarget = isAbsolute(target) ? target : resolve(dirname(from), target);
  const inside = !relative(root, absTarget).startsWith("..");
  symlinkSync(inside ? relative(dirname(from), absTarget) || "." : absTarget, to);
}

/**
 * Replaces every symlinked directory on the way to the project-relative file `rel` whose real path
 * lies outside `dest` by a real copy, so that writing `rel` can never change the user's files.
 */
export function materializePath(dest: string, rel: string): void {
  const home = realpathSync(dest);
  let current = dest;
  for (const part of rel.split("/").slice(0, -1)) {
    current = join(current, part);
    let link = false;
    try {
      link = lstatSync(current).isSymbolicLink();
    } catch {
      return;
    }
    if (!link) continue;
    const real = realpathSync(current);
    if (!relative(home, real).startsWith("..")) continue;
    rmSync(current);
    cpSync(real, current, { recursive: true, verbatimSymlinks: true });
  }
}
