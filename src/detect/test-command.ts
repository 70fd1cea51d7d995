// Chooses the test command when none is configured (package.json "test" script, Bun, Deno) and
// checks that the runtime it needs is installed. Says which command was chosen and why.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "pathe";
import { GremlinsError } from "../errors.ts";
import { findExecutable, projectPath } from "./binaries.ts";
import { isOwnName } from "../util/own-paths.ts";

export interface TestCommand {
  /** Shell command line, run with `sh -c` in the sandbox. */
  command: string;
  /** Why this command was chosen, for the run's log. */
  reason: string;
  /** PATH to run it with: the project's (and ancestors') node_modules/.bin first. */
  path: string;
}

/** What `npm init` writes when a project has no tests. */
const NPM_PLACEHOLDER = /no test specified/;

const BUN_MARKERS = ["bunfig.toml", "bun.lock", "bun.lockb"];
const DENO_MARKERS = ["deno.json", "deno.jsonc"];
/** Folders never scanned for test files (gremlins' own ones: `isOwnName`). */
const SCAN_SKIP = new Set(["node_modules", ".git", "dist", "build", "coverage"]);
const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;
const IMPORTS_BUN_TEST = /from\s*["']bun:test["']|require\(\s*["']bun:test["']\s*\)/;

function readTestScript(root: string): string | null {
  const file = join(root, "package.json");
  if (!existsSync(file)) return null;
  try {
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { scripts?: Record<string, unknown> };
    const script = pkg.scripts?.test;
    return typeof script === "string" && script.trim() !== "" && !NPM_PLACEHOLDER.test(script) ? script : null;
  } catch {
    return null;
  }
}

/** The first script file (up to `budget` files looked at) that imports `bun:test`, project-relative. */
export function findBunTestImport(root: string, budget = 2000): string | null {
  const stack = [""];
  while (stack.length > 0 && budget > 0) {
    const rel = stack.pop() as string;
    let entries;
    try {
      entries = readdirSync(rel === "" ? root : join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SCAN_SKIP.has(entry.name) && !isOwnName(entry.name) && !entry.name.startsWith(".")) stack.push(childRel);
      } else if (entry.isFile() && SCRIPT_FILE.test(entry.name) && budget-- > 0) {
        try {
          if (IMPORTS_BUN_TEST.test(readFileSync(join(root, childRel), "utf8"))) return childRel;
        } catch {
          // Unreadable file: not a test we can use anyway.
        }
      }
    }
  }
  return null;
}

/** Picks the command (without checking that it can run). */
export function chooseTestCommand(root: string, configured: string | null): Omit<TestCommand, "path"> {
  if (configured) return { command: configured, reason: "testCommand from the configuration" };
  const script = readTestScript(root);
  if (script) {
    return {
      command: script,
      reason:
        'the "test" script of package.json (run directly, with node_modules/.bin on PATH, like npm; pre/post scripts are not run)',
    };
  }
  const bunMarker = BUN_MARKERS.find((name) => existsSync(join(root, name)));
  if (bunMarker) return { command: "bun test", reason: `a Bun project (${bunMarker})` };
  const denoMarker = DENO_MARKERS.find((name) => existsSync(join(root, name)));
  if (denoMarker)
    return { command: "deno test -A", reason: `a Deno project (${denoMarker}, no package.json "test" script)` };
  const bunTest = findBunTestImport(root);
  if (bunTest) return { command: "bun test", reason: `a Bun project (${bunTest} imports bun:test)` };
  throw new GremlinsError(
    'No test command: package.json has no "test" script and this is not a Bun or Deno project. ' +
      'Set testCommand in gremlins.config.ts (or pass --test-command "...").',
  );
}

const INSTALL_HINTS: Record<string, string> = {
  bun: "install Bun (https://bun.sh) or add it to the project: npm install -D bun",
  deno: "install Deno (https://deno.com) or add it to the project: npm install -D deno",
};

/** The executable a command line starts with, skipping `VAR=value` prefixes. */
export function commandProgram(command: string): string | null {
  for (const word of command.trim().split(/\s+/)) {
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) continue;
    return /^[\w./-]+$/.test(word) ? word : null;
  }
  return null;
}

/** Chooses the test command and makes sure Bun/Deno is installed when the command needs it. */
export function detectTestCommand(
  root: string,
  configured: string | null,
  envPath: string = process.env.PATH ?? "",
): TestCommand {
  const chosen = chooseTestCommand(root, configured);
  const path = projectPath(root, envPath);
  const program = commandProgram(chosen.command);
  if (program && program in INSTALL_HINTS && !findExecutable(program, path)) {
    throw new GremlinsError(
      `The test command "${chosen.command}" needs ${program}, which was not found on PATH or in node_modules/.bin: ${INSTALL_HINTS[program]}.`,
    );
  }
  return { ...chosen, path };
}
