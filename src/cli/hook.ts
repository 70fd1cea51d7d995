// `gremlins init --hook`: a git pre-commit hook running `gremlins run --staged` with a threshold, or, when a
// hook manager (husky, lefthook, simple-git-hooks) owns the hooks, the lines to add to its configuration.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "pathe";
import { GremlinsError } from "../errors.ts";
import { readPackageJson } from "../util/package-json.ts";
import { assertGitWorkTree, gitText } from "../diff/git.ts";

/** The line that marks a hook as written by gremlins (so it may be updated without --force). */
export const HOOK_MARKER = "# gremlins pre-commit hook";

export type HookManager = "husky" | "lefthook" | "simple-git-hooks";

const LEFTHOOK_FILES = [
  "lefthook.yml",
  "lefthook.yaml",
  ".lefthook.yml",
  ".lefthook.yaml",
  "lefthook.json",
  "lefthook.toml",
];
const SIMPLE_GIT_HOOKS_FILES = [
  ".simple-git-hooks.json",
  ".simple-git-hooks.js",
  ".simple-git-hooks.cjs",
  "simple-git-hooks.json",
  "simple-git-hooks.js",
  "simple-git-hooks.cjs",
];

function hasDependency(pkg: Record<string, unknown>, names: string[]): boolean {
  for (const field of ["dependencies", "devDependencies"]) {
    const deps = pkg[field];
    if (typeof deps === "object" && deps !== null && names.some((name) => name in deps)) return true;
  }
  return false;
}

/** The hook manager in use in the project (or at the repository top level), with what gave it away. */
export function detectHookManager(dirs: string[]): { manager: HookManager; evidence: string } | null {
  for (const dir of dirs) {
    const pkg = readPackageJson(dir) ?? {};
    if (existsSync(join(dir, ".husky"))) return { manager: "husky", evidence: ".husky/" };
    if (hasDependency(pkg, ["husky"])) return { manager: "husky", evidence: "package.json dependency husky" };
    const lefthook = LEFTHOOK_FILES.find((name) => existsSync(join(dir, name)));
    if (lefthook) return { manager: "lefthook", evidence: lefthook };
    if (hasDependency(pkg, ["lefthook", "@evilmartians/lefthook"]))
      return { manager: "lefthook", evidence: "package.json dependency lefthook" };
    if ("simple-git-hooks" in pkg) return { manager: "simple-git-hooks", evidence: 'package.json "simple-git-hooks"' };
    const simple = SIMPLE_GIT_HOOKS_FILES.find((name) => existsSync(join(dir, name)));
    if (simple) return { manager: "simple-git-hooks", evidence: simple };
    if (hasDependency(pkg, ["simple-git-hooks"]))
      return { manager: "simple-git-hooks", evidence: "package.json dependency simple-git-hooks" };
  }
  return null;
}

/** The command the hook runs, from the repository top level (`--root` when the project is a subdirectory). */
export function hookCommand(projectDir: string, threshold: number): string {
  const root = projectDir === "" ? "" : ` --root ${shellQuote(projectDir)}`;
  return `gremlins run --staged${root} --threshold-break ${threshold}`;
}

function shellQuote(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

/** The pre-commit script: the project's own gremlins (node_modules/.bin) when installed, else the one on PATH. */
export function hookScript(projectDir: string, threshold: number): string {
  const local = `${projectDir === "" ? "." : `./${projectDir}`}/node_modules/.bin/gremlins`;
  const args = hookCommand(projectDir, threshold).slice("gremlins ".length);
  return [
    "#!/bin/sh",
    `${HOOK_MARKER} (installed by \`gremlins init --hook\`): tests only the gremlins on the staged lines.`,
    "# Skip once with `git commit --no-verify`; remove with `rm` on this file.",
    `if [ -x ${shellQuote(local)} ]; then`,
    `  exec ${shellQuote(local)} ${args}`,
    "fi",
    `exec gremlins ${args}`,
    "",
  ].join("\n");
}

/** What to add to the hook manager's configuration. */
export function managerInstructions(manager: HookManager, command: string): string {
  const npx = `npx ${command}`;
  switch (manager) {
    case "husky":
      return `husky manages the git hooks here: add this line to .husky/pre-commit\n\n  ${npx}\n`;
    case "lefthook":
      return `lefthook manages the git hooks here: add this to lefthook.yml\n\npre-commit:\n  commands:\n    gremlins:\n      run: ${npx}\n`;
    case "simple-git-hooks":
      return `simple-git-hooks manages the git hooks here: add this to package.json, then run \`npx simple-git-hooks\`\n\n  "simple-git-hooks": {\n    "pre-commit": "${npx.replace(/"/g, '\\"')}"\n  }\n`;
  }
}

export interface HookResult {
  /** The hook file written, or null when instructions for a hook manager were returned instead. */
  path: string | null;
  /** True when an earlier gremlins hook (or, with force, a foreign one) was replaced. */
  replaced: boolean;
  /** Instructions to print (hook manager case). */
  instructions?: string;
  command: string;
}

/** Installs `<hooks dir>/pre-commit` for the project at `root`, or explains how to with a hook manager. */
export function installPreCommitHook(root: string, options: { force: boolean; threshold: number }): HookResult {
  assertGitWorkTree(root, "--hook");
  const top = gitText(root, ["rev-parse", "--show-toplevel"]).trim();
  const projectDir = relative(top, resolve(root)).replace(/\\/g, "/");
  const command = hookCommand(projectDir, options.threshold);
  const manager = detectHookManager(projectDir === "" ? [root] : [root, top]);
  if (manager) {
    return {
      path: null,
      replaced: false,
      command,
      instructions: `${managerInstructions(manager.manager, command)}\n(detected from ${manager.evidence})`,
    };
  }
  // --git-path honours core.hooksPath and linked worktrees; the answer is relative to `root`.
  const hooksDir = resolve(root, gitText(root, ["rev-parse", "--git-path", "hooks"]).trim());
  const path = join(hooksDir, "pre-commit");
  let replaced = false;
  if (existsSync(path)) {
    const current = readFileSync(path, "utf8");
    if (!current.includes(HOOK_MARKER) && !options.force) {
      throw new GremlinsError(
        `${path} already exists and was not written by gremlins; add \`${command}\` to it yourself, or use --force to replace it`,
      );
    }
    replaced = true;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, hookScript(projectDir, options.threshold));
  chmodSync(path, 0o755);
  return { path, replaced, command };
}
