// Whether a runner command can run warm (one long-lived process per worker that re-runs test files), and
// the driver's set-up when it can: mocha, uvu and tape on CommonJS test files, vitest and jest (their node APIs),
// with the options they take on the command line read the way their CLIs read them. Anything else keeps fresh processes, with the reason.

import { createRequire } from "node:module";
import { dirname, join } from "pathe";
import type { RunnerCommand } from "../select/runner-command.ts";
import type { WarmConfig, WarmRunnerName } from "./process.ts";
import { readPackageJson } from "../../util/package-json.ts";

/** Options each runner's warm run honours as its CLI does; the value says whether it takes the next word. */
const ALLOWED: Record<WarmRunnerName, Record<string, boolean>> = {
  mocha: {
    "--reporter": true,
    "-R": true,
    "--reporter-option": true,
    "--reporter-options": true,
    "-O": true,
    "--ui": true,
    "-u": true,
    "--timeout": true,
    "-t": true,
    "--slow": true,
    "-s": true,
    "--retries": true,
    "--global": true,
    "--globals": true,
    "--extension": true,
    "--check-leaks": false,
    "--recursive": false,
    "--bail": false,
    "-b": false,
    "--exit": false,
    "--color": false,
    "--colors": false,
    "-c": false,
    "--no-color": false,
    "--no-colors": false,
    "-C": false,
    "--full-trace": false,
    "--inline-diffs": false,
    "--diff": false,
    "--no-diff": false,
    "--no-timeouts": false,
    "--forbid-only": false,
    "--forbid-pending": false,
    "--allow-uncaught": false,
    "--async-only": false,
    "-A": false,
    "--sort": false,
    "-S": false,
  },
  uvu: { "-r": true, "--require": true, "-i": true, "--ignore": true, "-b": false, "--bail": false, "-c": false },
  tape: { "-r": true, "--require": true },
  // Read by vitest's own parseCLI in the driver; anything else (--no-isolate, --shard) runs fresh.
  vitest: {
    "--config": true,
    "-c": true,
    "--root": true,
    "-r": true,
    "--dir": true,
    "--project": true,
    "--environment": true,
    "--reporter": true,
    "--pool": true,
    "--mode": true,
    "--retry": true,
    "--testTimeout": true,
    "--hookTimeout": true,
    "--teardownTimeout": true,
    "--maxWorkers": true,
    "--exclude": true,
    "--globals": false,
    "--silent": false,
    "--passWithNoTests": false,
    "--allowOnly": false,
    "--color": false,
    "--no-color": false,
    "--run": false,
    "--no-file-parallelism": false,
  },
  // Read by jest's own buildArgv in the driver, which runs in band on the chosen paths.
  jest: {
    "--config": true,
    "-c": true,
    "--rootDir": true,
    "--selectProjects": true,
    "--env": true,
    "--testEnvironment": true,
    "--testTimeout": true,
    "--maxWorkers": true,
    "-w": true,
    "--maxConcurrency": true,
    "--runInBand": false,
    "-i": false,
    "--ci": false,
    "--silent": false,
    "--verbose": false,
    "--colors": false,
    "--color": false,
    "--no-color": false,
    "--no-colors": false,
    "--bail": false,
    "-b": false,
    "--passWithNoTests": false,
    "--forceExit": false,
    "--no-watchman": false,
    "--watchman": false,
    "--no-cache": false,
    "--cache": false,
    "--clearMocks": false,
    "--resetMocks": false,
    "--restoreMocks": false,
    "--errorOnDeprecated": false,
    "--logHeapUsage": false,
    "--useStderr": false,
  },
};

/** Each runner's CLI script, relative to its package. */
const BIN: Record<WarmRunnerName, string> = {
  mocha: "bin/mocha.js",
  uvu: "bin.js",
  tape: "bin/tape",
  vitest: "dist/node.js",
  jest: "build/index.js",
};

function isWarmRunner(name: string): name is WarmRunnerName {
  return name === "mocha" || name === "uvu" || name === "tape" || name === "vitest" || name === "jest";
}

/** The driver's set-up for `command` in the sandbox `root`, or why its runs stay in fresh processes. */
export function warmConfig(
  root: string,
  command: RunnerCommand,
  files: readonly string[],
  bail = true,
): WarmConfig | { reason: string } {
  const runner = command.runner;
  if (!isWarmRunner(runner)) return { reason: `${runner} has no warm mode in gremlins` };
  if (command.head.some((word) => /^[A-Za-z_]\w*=/.test(word)))
    return { reason: "the test command sets environment variables" };
  const allowed = ALLOWED[runner];
  const args: string[] = [];
  const requires: string[] = [];
  for (let i = 0; i < command.options.length; i++) {
    const word = command.options[i] as string;
    const [name, inline] = word.startsWith("--") && word.includes("=") ? word.split(/=(.*)/s) : [word, undefined];
    const takes = allowed[name as string];
    if (takes === undefined) return { reason: `${runner}'s option ${name} is not run warm` };
    const value = takes && inline === undefined ? command.options[++i] : inline;
    if ((runner === "uvu" || runner === "tape") && (name === "-r" || name === "--require")) {
      if (value) requires.push(value);
      continue;
    }
    args.push(word);
    if (takes && inline === undefined && value !== undefined) args.push(value);
  }
  // vitest and jest load every file in a worker or module registry of its own; the others re-require files.
  if (runner !== "vitest" && runner !== "jest") {
    if (files.some((f) => !/\.(?:c?js)$/.test(f)))
      return { reason: "a test file is not a CommonJS script (.js, .cjs)" };
    if (packageType(root) === "module" && !requires.includes("esm"))
      return { reason: 'package.json says "type": "module" (ES modules cannot be loaded again in one process)' };
  }
  let bin: string;
  try {
    const require = createRequire(join(root, "package.json"));
    bin = join(dirname(require.resolve(`${runner}/package.json`)), BIN[runner]);
  } catch {
    return { reason: `${runner} is not installed where the project can require it` };
  }
  return { runner, root, bin, args, requires, bail };
}

function packageType(root: string): unknown {
  return readPackageJson(root)?.type;
}
