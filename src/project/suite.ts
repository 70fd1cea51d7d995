// The runner's part of the project model: from the test step, which runner a project uses, which test files
// it would load and what its options and config ask of the workers; or why the built-in harness cannot.

import { readVitestConfig, type RunnerConfig } from "./vitest-config.ts";
import { readJestConfig } from "./jest-config.ts";
import { readRunnerArgs } from "./runner-args.ts";
import { readTestCommand, type CommandReading, type RunnerName, type RunnerStep } from "./command.ts";
import { readBunTest } from "./bun-test.ts";
import { readMocha } from "./mocha.ts";
import { readNodeTest } from "./node-test.ts";
import { readTape } from "./tape.ts";
import { isBnt, readBnt } from "./bnt.ts";
import { readUvu } from "./uvu.ts";
import { readDenoTest } from "./deno-test.ts";
import type { RunnerRead } from "./types.ts";
import type { JestTransform } from "../harness/jest-transform.ts";
import { AVA_THREAD_REASON } from "./ava.ts";
import type { SnapshotConfig } from "../harness/snapshot/serialize.ts";

/** The runner a suite is written for (the command reader's name for it). */
export type Framework = RunnerName;

export interface Suite {
  framework: Framework;
  /** Project-relative test files, sorted. */
  files: string[];
  /**
   * Modules every worker loads, in this order, after the harness and before the test files: mocha
   * `--require`/`--file` and root hook plugins, uvu/tape `-r`, node `--require`/`--import`, jest
   * `setupFiles`/`setupFilesAfterEach`, vitest `setupFiles`. Project-relative paths ("./x.js") or package specifiers.
   */
  preload?: string[];
  /** Custom `exports` conditions (node `--conditions`/`-C`) for the workers' module resolution. */
  conditions?: string[];
  /** The per-test timeout the runner would apply (ms) when the command or config sets one. */
  testTimeoutMs?: number;
  /** Specifier rewrites (jest moduleNameMapper, vitest resolve.alias), tried in order; `find` is a RegExp source. */
  aliases?: { find: string; replacement: string }[];
  /** mocha's interface (`--ui`): "bdd" (default) or "tdd". */
  ui?: "bdd" | "tdd";
  /** How each option or config key was read (for --verbose): "honoured --check-leaks", "ignored --reporter (output only)". */
  notes?: string[];
  /** Environment the test command sets for the runner (`VAR=x`, `cross-env VAR=x`): the workers get it too. */
  env?: Record<string, string>;
  /** mocha --check-leaks: a test that adds a global variable (not in `allowed`) fails. */
  leakCheck?: { allowed: string[] };
  /** The `esm` package (`uvu -r esm`, `mocha -r esm`): test files load through `require("esm")(module)`, as under the runner. */
  esmLoader?: string;
  /** jest's transformers (ts-jest, babel-jest…): the workers run them and require() the test files, as jest's runtime does. */
  transform?: JestTransform;
  /** jest's snapshotFormat and snapshotSerializers: the harness serialises snapshots with them. */
  snapshot?: SnapshotConfig;
}

/** Why the thread executor cannot run this project (a sentence fragment, printed after "spawn executor: "). */
export interface NoSuite {
  reason: string;
}

/** The runner and test files of the project at `root`, or why the thread executor cannot run them. */
export function detectSuite(root: string, testCommand: string): Suite | NoSuite {
  const reading = readTestCommand(root, testCommand);
  if (!reading.runner)
    return {
      reason: reading.problem ?? `the test command "${testCommand}" is not a runner the built-in harness knows`,
    };
  return withCommand(suiteFor(root, reading.runner), reading);
}

/** The suite of the runner step (src/project/ reads each runner's options and config). */
function suiteFor(root: string, runner: RunnerStep): Suite | NoSuite {
  const { framework, args, command } = runner;
  switch (framework) {
    case "bun":
      return fromSettings(framework, readBunTest(root, command, args), command);
    case "vitest":
    case "jest": {
      const cli = readRunnerArgs(framework, args);
      if ("reason" in cli) return { reason: cli.reason };
      const config = framework === "vitest" ? readVitestConfig(root, cli) : readJestConfig(root, cli);
      if ("reason" in config) return { reason: config.reason };
      const { filters } = cli;
      const files =
        filters.length === 0
          ? config.files
          : config.files.filter((f) =>
              filters.some((p) => (framework === "vitest" ? f.includes(p) : new RegExp(p).test(f))),
            );
      const testTimeoutMs = cli.testTimeoutMs ?? config.testTimeoutMs;
      const env = cli.env || config.env ? { ...cli.env, ...config.env } : undefined;
      return withConfig(finish(framework, files, command), {
        ...config,
        ...(env ? { env } : {}),
        ...(testTimeoutMs === undefined ? {} : { testTimeoutMs }),
        notes: [...cli.notes, ...config.notes],
      });
    }
    case "node-test":
      return fromSettings(
        framework,
        isBnt(runner.program) ? readBnt(root, command, args) : readNodeTest(root, command, args),
        command,
      );
    case "mocha":
      return fromSettings(framework, readMocha(root, command, args), command);
    case "uvu":
      return fromSettings(framework, readUvu(root, command, args), command);
    case "tape":
      return fromSettings(framework, readTape(root, command, args), command);
    case "deno":
      return fromSettings(framework, readDenoTest(root, command, args), command);
    case "ava":
      return { reason: AVA_THREAD_REASON };
  }
}

function finish(framework: Framework, files: string[], command: string): Suite | NoSuite {
  if (files.length === 0) return { reason: `no test files found for "${command}"` };
  return { framework, files };
}

/** The suite with what the runner's config asks of the workers (vitest/jest: src/project/*-config.ts). */
function withConfig(suite: Suite | NoSuite, config: RunnerConfig): Suite | NoSuite {
  if (isNoSuite(suite)) return suite;
  const { preload, aliases, testTimeoutMs, env, notes, transform, snapshot } = config;
  return {
    ...suite,
    ...(transform ? { transform } : {}),
    ...(snapshot ? { snapshot } : {}),
    ...(preload.length > 0 ? { preload } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(testTimeoutMs === undefined ? {} : { testTimeoutMs }),
    ...(env ? { env } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** A runner reader's result as a Suite (only the fields it set). */
function fromSettings(framework: Framework, read: RunnerRead, command: string): Suite | NoSuite {
  if ("reason" in read) return { reason: read.reason };
  const suite = finish(framework, read.files, command);
  if (isNoSuite(suite)) return suite;
  const { preload, conditions, testTimeoutMs, ui, leakCheck, esmLoader, env, notes } = read;
  return {
    ...suite,
    ...(env ? { env } : {}),
    ...(esmLoader ? { esmLoader } : {}),
    ...(preload ? { preload } : {}),
    ...(conditions ? { conditions } : {}),
    ...(testTimeoutMs === undefined ? {} : { testTimeoutMs }),
    ...(ui ? { ui } : {}),
    ...(leakCheck ? { leakCheck } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** Adds the environment the command sets for the runner (its skipped and setup steps are the caller's: see readTestCommand). */
function withCommand(suite: Suite | NoSuite, reading: CommandReading): Suite | NoSuite {
  if (isNoSuite(suite)) return suite;
  // The config's environment (vitest test.env) is set in the test worker, over the command's.
  const env = { ...reading.runner?.env, ...suite.env };
  if (Object.keys(env).length === 0) return suite;
  const notes = [`environment from the command: ${Object.keys(env).join(", ")}`, ...(suite.notes ?? [])];
  return { ...suite, env, notes };
}

export function isNoSuite(value: Suite | NoSuite): value is NoSuite {
  return "reason" in value;
}
