// The diff modes (--since <ref>, --staged, --changed): which lines of which files changed, read from git,
// and which gremlins touch them. For --staged, the staged (index) content of files is what counts.
import type { Gremlin } from "../types.ts";
import { assertGitWorkTree, git, gitText, headOrEmptyTree, resolveCommit, splitNul } from "./git.ts";
import { parseUnifiedDiff, spanTouches, type LineChanges } from "./hunks.ts";
import { readStagedOverlay } from "./staged.ts";

export { parseUnifiedDiff, spanTouches, unquotePath, type LineChanges } from "./hunks.ts";
export { applyOverlay, overlayReader, type Overlay } from "./staged.ts";
export { EMPTY_TREE } from "./git.ts";

export type DiffMode = { kind: "since"; ref: string } | { kind: "staged" } | { kind: "changed" };

export interface ChangeSet {
  mode: DiffMode;
  /** For messages: `staged changes`, `changes since main`, `uncommitted changes`. */
  label: string;
  /** Changed lines per project-relative path. */
  files: Map<string, LineChanges>;
  /** --staged: files whose staged content differs from the working tree → their staged bytes (null: not in the index). */
  overlay: Map<string, Buffer | null>;
}

/** The flag that selected `mode`, for messages. */
export function flagOf(mode: DiffMode): string {
  return mode.kind === "since" ? `--since ${mode.ref}` : `--${mode.kind}`;
}

const DIFF_ARGS = [
  "diff",
  "--unified=0",
  "--no-color",
  "--no-ext-diff",
  "--no-textconv",
  "--no-prefix",
  "-M",
  "--relative",
];

/** Untracked, not ignored files under the root (project-relative): new files count as wholly changed. */
function untrackedFiles(root: string): string[] {
  return splitNul(git(root, ["ls-files", "-z", "--others", "--exclude-standard"]).stdout);
}

/** Reads the changed lines for `mode` from git in `root` (which may be a subdirectory of the repository). */
export function collectChanges(root: string, mode: DiffMode): ChangeSet {
  const flag = flagOf(mode).split(" ")[0]!;
  assertGitWorkTree(root, flag);
  let diff: string;
  let label: string;
  let withUntracked = true;
  let overlay = new Map<string, Buffer | null>();
  if (mode.kind === "since") {
    const commit = resolveCommit(root, mode.ref, flag);
    diff = gitText(root, [...DIFF_ARGS, commit, "--"]);
    label = `changes since ${mode.ref}`;
  } else if (mode.kind === "staged") {
    diff = gitText(root, [...DIFF_ARGS, "--cached", headOrEmptyTree(root), "--"]);
    label = "staged changes";
    withUntracked = false;
    overlay = readStagedOverlay(root);
  } else {
    diff = gitText(root, [...DIFF_ARGS, headOrEmptyTree(root), "--"]);
    label = "uncommitted changes";
  }
  const files = parseUnifiedDiff(diff);
  if (withUntracked) {
    for (const path of untrackedFiles(root)) files.set(path, { whole: true, ranges: [], gaps: [] });
  }
  return { mode, label, files, overlay };
}

/** True when the gremlin's span touches a changed line of its file. */
export function touchesChange(gremlin: Gremlin, changes: ChangeSet): boolean {
  const file = changes.files.get(gremlin.file);
  return file !== undefined && spanTouches(file, gremlin.loc.start.line, gremlin.loc.end.line);
}
export { readSources, type SourceInput } from "./sources.ts";
