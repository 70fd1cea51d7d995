// --staged works on what will be committed: for each file whose working-tree content differs from the
// index, the staged bytes (`git show :path`) replace the working-tree file in reading and in the sandbox.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "pathe";
import { git, splitNul } from "./git.ts";

/** Project-relative path → staged bytes, or null when the path is not in the index (deleted there). */
export type Overlay = Map<string, Buffer | null>;

/** Files with unstaged changes (working tree ≠ index), with their staged content. */
export function readStagedOverlay(root: string): Overlay {
  const overlay: Overlay = new Map();
  const paths = splitNul(git(root, ["diff", "--name-only", "-z", "--no-ext-diff", "--relative"]).stdout);
  for (const path of paths) {
    // `:./path` is resolved against the working directory (the project root may be a subdirectory).
    const shown = git(root, ["show", `:./${path}`]);
    overlay.set(path, shown.ok ? shown.stdout : null);
  }
  return overlay;
}

/** Writes the overlay into a copy of the project (the sandbox): staged bytes in, index-deleted files out. */
export function applyOverlay(dir: string, overlay: Overlay): void {
  for (const [path, bytes] of overlay) {
    const target = join(dir, path);
    rmSync(target, { force: true });
    if (bytes === null) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
}

/** A reader of project-relative files that sees the overlay (staged bytes) before the working tree. */
export function overlayReader(root: string, overlay: Overlay): (path: string) => Buffer | null {
  return (path) => {
    if (overlay.has(path)) return overlay.get(path) ?? null;
    return readFileSync(join(root, path));
  };
}
