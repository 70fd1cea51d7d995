// Chooses the test command when none is configured (package.json "test" script, Bun, Deno) and
// checks that the runtime it needs is installed. Says which command was chosen and why.

import { GremlinsError } from "../errors.ts";
import { findExecutable, projectPath, RUNTIME_INSTALL_HINTS } from "./binaries.ts";
import { projectMarker } from "./markers.ts";
import { readPackageJson, stringEntries, type PackageJson } from "../util/package-json.ts";

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

/** The package.json "test" script, unless empty or npm's placeholder. */
export function testScript(pkg: PackageJson | null): string | null {
  const script = stringEntries(pkg, "scripts").test;
  return script !== undefined && script.trim() !== "" && !NPM_PLACEHOLDER.test(script) ? script : null;
}

/** Picks the command (without checking that it can run); `pkg` is the project's package.json when already read. */
export function chooseTestCommand(
  root: string,
  configured: string | null,
  pkg: PackageJson | null = readPackageJson(root),
): Omit<TestCommand, "path"> {
  if (configured) return { command: configured, reason: "testCommand from the configuration" };
  const script = testScript(pkg);
  if (script) {
    return {
      command: script,
      reason:
        'the "test" script of package.json (run directly, with node_modules/.bin on PATH, like npm; pre/post scripts are not run)',
    };
  }
  const marker = projectMarker(root);
  if (marker?.runtime === "bun") return { command: "bun test", reason: marker.reason };
  if (marker?.runtime === "deno")
    return { command: "deno test -A", reason: `a Deno project (${marker.file}, no package.json "test" script)` };
  throw new GremlinsError(
    'No test command: package.json has no "test" script and this is not a Bun or Deno project. ' +
      'Set testCommand in gremlins.config.ts (or pass --test-command "...").',
  );
}

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
  pkg: PackageJson | null = readPackageJson(root),
): TestCommand {
  const chosen = chooseTestCommand(root, configured, pkg);
  const path = projectPath(root, envPath);
  const program = commandProgram(chosen.command);
  if ((program === "bun" || program === "deno") && !findExecutable(program, path)) {
    throw new GremlinsError(
      `The test command "${chosen.command}" needs ${program}, which was not found on PATH or in node_modules/.bin: ${RUNTIME_INSTALL_HINTS[program]}.`,
    );
  }
  return { ...chosen, path };
}
