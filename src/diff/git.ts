// Read-only git plumbing for the diff modes: runs git in the project root and turns "not a repository"
// and "unknown revision" into clear usage errors (exit 2). gremlins never changes git state.
import { spawnSync } from "node:child_process";
import { GremlinsError } from "../errors.ts";

/** The id of git's empty tree: the base to diff against before the first commit. */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

export interface GitResult {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
}

/** Runs `git <args>` in `cwd` (the caller's environment is kept: hooks rely on GIT_INDEX_FILE). */
export function git(cwd: string, args: string[]): GitResult {
  const result = spawnSync("git", ["-c", "core.quotePath=false", ...args], { cwd, maxBuffer: 512 * 1024 * 1024 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new GremlinsError(
      code === "ENOENT"
        ? "git is not installed (or not on PATH); the diff modes need it"
        : `git could not run: ${result.error.message}`,
    );
  }
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString("utf8").trim() };
}

/** `git <args>` that must succeed; its stdout as text. */
export function gitText(cwd: string, args: string[]): string {
  const result = git(cwd, args);
  if (!result.ok) throw new GremlinsError(`git ${args.join(" ")} failed: ${result.stderr.split("\n")[0] ?? ""}`);
  return result.stdout.toString("utf8");
}

/** Throws a usage error (exit 2) naming `flag` when `root` is not inside a git work tree. */
export function assertGitWorkTree(root: string, flag: string): void {
  const result = git(root, ["rev-parse", "--is-inside-work-tree"]);
  if (!result.ok || result.stdout.toString("utf8").trim() !== "true") {
    throw new GremlinsError(`${flag} needs a git repository, but ${root} is not inside a git work tree`);
  }
}

/** The commit `ref` names, or a usage error naming the flag. */
export function resolveCommit(root: string, ref: string, flag: string): string {
  if (ref.startsWith("-")) throw new GremlinsError(`${flag}: "${ref}" is not a git revision`);
  const result = git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  if (!result.ok) throw new GremlinsError(`${flag}: unknown git revision "${ref}"`);
  return result.stdout.toString("utf8").trim();
}

/** HEAD's commit, or the empty tree when the repository has no commit yet. */
export function headOrEmptyTree(root: string): string {
  const result = git(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  return result.ok ? result.stdout.toString("utf8").trim() : EMPTY_TREE;
}

/** Splits NUL-separated git output (`-z`) into paths. */
export function splitNul(output: Buffer): string[] {
  return output
    .toString("utf8")
    .split("\0")
    .filter((path) => path !== "");
}
