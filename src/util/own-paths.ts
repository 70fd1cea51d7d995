// What gremlins itself writes inside a project or a sandbox copy: every such entry is named `.gremlins` or
// `.gremlins-<something>`. Every file walker and ignore list asks this module, so none of them can drift.

/** The state directory in the project root: the result cache, and one link per live sandbox. */
export const STATE_DIR = ".gremlins";

/** A file or folder name gremlins writes (`.gremlins`, `.gremlins-harness`, `.gremlins-config-…`). */
export const OWN_NAME = /^\.gremlins(-.*)?$/s;

/** True for a file or folder name gremlins writes. */
export function isOwnName(name: string): boolean {
  return OWN_NAME.test(name);
}

/** Glob ignore patterns for gremlins' own entries at any depth and everything under them. */
export const OWN_GLOBS: readonly string[] = [`**/${STATE_DIR}/**`, `**/${STATE_DIR}-*/**`, `**/${STATE_DIR}-*`];

/** What no file walker ever enters: dependencies, git's store and gremlins' own entries. */
export const NEVER_WALKED: readonly string[] = ["**/node_modules/**", "**/.git/**", ...OWN_GLOBS];

/** Matches a forward-slash path (relative or absolute) with one segment that is one of gremlins' own names. */
export const OWN_SEGMENT = /(^|\/)\.gremlins(-[^/]*)?(\/|$)/;

/** The lines `gremlins init` adds to .gitignore for them. */
export const OWN_GITIGNORE: readonly string[] = [`${STATE_DIR}/`, `${STATE_DIR}-*`];
