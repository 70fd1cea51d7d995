// The sandbox: copies of the project, one per worker, where instrumented files replace the originals and
// the test command runs. They live outside the project (sandbox/location.ts says where and why), named by
// a pointer file `<root>/.gremlins/sandbox-<pid>-<random>`; each worker's private state dir stays beside it.

import { chmodSync, cpSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, join } from "pathe";
import { STATE_DIR } from "../util/own-paths.ts";
import { copyProject, materializePath, type CopyStats } from "./copy.ts";
import { entryDirectories } from "./entry-dirs.ts";
import { onInterrupt, removeOrphanSandboxes } from "./cleanup.ts";
import { createBase, mirrorAncestors, mirroredAncestors, sandboxBase } from "./location.ts";

export { copyProject } from "./copy.ts";
export { isPidAlive, onInterrupt, removeOrphanSandboxes } from "./cleanup.ts";

export interface Sandbox {
  /** The real project root. */
  readonly root: string;
  /** Worker copies of the project; [0] is the primary (baseline) copy. */
  readonly dirs: string[];
  /** What the first copy did. */
  readonly stats: CopyStats;
  /** Sandboxes of dead earlier runs that were removed. */
  readonly orphansRemoved: string[];
  /** Writes a project-relative file into the primary copy (before `addWorkers`). */
  writeFile(rel: string, text: string): void;
  /** Clones the primary copy until there are `count` worker copies. */
  addWorkers(count: number): void;
  /** The worker's private GREMLINS_DIR (created empty on each call). */
  freshStateDir(worker: number): string;
  /** The worker's private TMPDIR. */
  tmpDir(worker: number): string;
  /** Removes every copy, state and temp dir, and the pointer (and `.gremlins/` itself when that leaves it empty). */
  remove(): void;
}

export interface SandboxOptions {
  /** Project-relative paths always copied (the files being mutated). */
  keep?: Iterable<string>;
}

/**
 * Creates the sandbox `sandbox-<pid>-<random>`: a file naming it in `<root>/.gremlins/`, its private directory
 * in the temp dir holding `w0/<mirrored ancestors>/<root's name>` (a copy of the project) and `tmp/`, and
 * `<root>/.gremlins/sandbox-<pid>-<random>-state/` for the workers' state.
 */
export function createSandbox(root: string, options: SandboxOptions = {}): Sandbox {
  const orphansRemoved = removeOrphanSandboxes(root);
  const home = join(root, STATE_DIR);
  const id = `sandbox-${process.pid}-${randomBytes(4).toString("hex")}`;
  const pointer = join(home, id);
  const base = sandboxBase(id);
  const stateHome = join(home, `${id}-state`);
  const ancestors = mirroredAncestors(root);
  const dirs: string[] = [];
  let removed = false;

  const remove = (): void => {
    if (removed) return;
    removed = true;
    for (const dir of [base, stateHome, pointer]) rmSync(dir, { recursive: true, force: true });
    try {
      if (readdirSync(home).length === 0) rmdirSync(home);
    } catch {
      // Someone else's sandbox is still there, or the directory is already gone.
    }
    unregister();
  };
  const unregister = onInterrupt(remove);

  let stats: CopyStats;
  try {
    // Private: only the user may read the sandboxes, state and temp dirs below (tests may write secrets there).
    mkdirSync(home, { recursive: true, mode: 0o700 });
    chmodSync(home, 0o700);
    // The pointer first: a run killed from here on leaves a trace the next run follows to remove the copies.
    // A file, not a link: tools that walk the project (vitest's include globs, watchers) would follow a link
    // into whole copies of the project, test files and all, during a run and after a crash.
    writeFileSync(pointer, `${base}\n`, { mode: 0o600 });
    createBase(base);
    dirs.push(mirrorAncestors(join(base, "w0"), root, ancestors));
    stats = copyProject(root, dirs[0] as string, { keep: options.keep, keepDirs: entryDirectories(root) });
  } catch (error) {
    remove();
    throw error;
  }
  const primary = dirs[0] as string;

  const workerDir = (worker: number, name: string): string => {
    const dir = join(stateHome, `w${worker}`, name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  };

  return {
    root,
    dirs,
    stats,
    orphansRemoved,
    writeFile(rel, text) {
      const target = join(primary, rel);
      // A symlinked directory on the way would send the instrumented file into the user's tree.
      materializePath(primary, rel);
      mkdirSync(dirname(target), { recursive: true });
      // Unlink first: the copy may be a hard link or read-only in exotic setups.
      rmSync(target, { force: true });
      writeFileSync(target, text);
    },
    addWorkers(count) {
      while (dirs.length < count) {
        const dir = mirrorAncestors(join(base, `w${dirs.length}`), root, ancestors);
        dirs.push(dir);
        cpSync(primary, dir, { recursive: true, verbatimSymlinks: true });
      }
    },
    freshStateDir(worker) {
      const dir = join(stateHome, `w${worker}`, "gremlins");
      rmSync(dir, { recursive: true, force: true });
      return workerDir(worker, "gremlins");
    },
    tmpDir(worker) {
      const dir = join(base, "tmp", `w${worker}`);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return dir;
    },
    remove,
  };
}
