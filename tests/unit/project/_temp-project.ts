// Temporary projects for the project-model and config-reader tests: files written into a temp dir whose node_modules links to
// the repository's, so the project's own vite / jest-config resolve as they do in a real project.
import { afterAll } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const REPO = resolve(import.meta.dir, "../../..");

/**
 * Writes `files` (path → text, or an object written as JSON) into a fresh project dir; returns its path.
 * `nodeModules: false` leaves out the link to the repository's node_modules (no runner or runtime installed).
 */
export function tempProject(files: Record<string, string | object>, options: { nodeModules?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "gremlins-config-"));
  if (options.nodeModules !== false) symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof text === "string" ? text : JSON.stringify(text));
  }
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A `project(files)` maker for one test file: the projects it writes are removed after that file's tests. */
export function tempProjects(
  options: { nodeModules?: boolean } = {},
): (files: Record<string, string | object>) => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) removeProject(dir);
  });
  return (files) => {
    const dir = tempProject(files, options);
    dirs.push(dir);
    return dir;
  };
}
