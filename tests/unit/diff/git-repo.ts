// Test helper: throwaway git repositories in the temp dir (identity and GIT_* variables pinned, so the
// tests behave the same inside a git hook or on a machine without git config).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** The environment for git in tests: no GIT_DIR/GIT_INDEX_FILE leaking in from a hook, a fixed identity. */
export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_")) env[key] = value;
  return {
    ...env,
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@example.com",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@example.com",
    GIT_CONFIG_NOSYSTEM: "1",
  };
}

export function run(cwd: string, ...args: string[]): string {
  const result = spawnSync("git", ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    env: gitEnv(),
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

export function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A new repository holding `files`, committed once (unless `commit` is false). */
export function makeRepo(files: Record<string, string>, commit = true): string {
  const root = mkdtempSync(join(tmpdir(), "gremlins-git-"));
  run(root, "init", "-q");
  write(root, files);
  if (commit) {
    run(root, "add", "-A");
    run(root, "commit", "-qm", "initial");
  }
  return root;
}
