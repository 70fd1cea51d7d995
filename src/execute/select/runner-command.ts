// Takes the runner's step of a test command (as the command reader in src/project reads it) apart into
// options and the words that name test files, so the spawn executor can run the same command on chosen
// test files only, with the runner's bail flag. A command it cannot take apart is left whole.

import { readTestCommand, type RunnerName, type RunnerStep } from "../../project/command.ts";
import type { OptionSpec } from "../../project/options.ts";
import { MOCHA_OPTIONS } from "../../project/mocha.ts";
import { UVU_OPTIONS } from "../../project/uvu.ts";
import { TAPE_OPTIONS } from "../../project/tape.ts";
import { NODE_TEST_OPTIONS } from "../../project/node-test.ts";
import { BNT_OPTIONS } from "../../project/bnt.ts";
import { NODE_VALUE_OPTIONS } from "../../project/node-options.ts";
import { BUN_TEST_OPTIONS } from "../../project/bun-test.ts";
import { AVA_VALUE_OPTIONS, avaRefusedOption } from "../../project/ava.ts";
import { titleFilter } from "./title-filter.ts";
import { DENO_TEST_OPTIONS } from "../../project/deno-test.ts";
import { runnerValueOptions } from "../../project/runner-args.ts";

export type SpawnRunner = RunnerName;

export interface RunnerCommand {
  runner: SpawnRunner;
  /** Words up to the runner's own arguments: env assignments, program, subcommand (`test`, `run`, `--test`). */
  head: string[];
  /** The runner's options with their values, in order (kept in every selected run). */
  options: string[];
  /** The words that name test files, directories, globs or path filters (replaced by the chosen files). */
  specs: string[];
}

/** Option names that take a value as the next word in a command reader's option table. */
function valueNames(table: readonly OptionSpec[]): string[] {
  return table.filter((spec) => spec.value && !spec.equalsOnly).flatMap((spec) => spec.names);
}

/**
 * Options that take a value as the next word, per runner (flags and `--x=y` need no entry): the
 * command reader's tables (src/project) plus options those tables leave out because the thread
 * executor refuses them anyway (spawn passes every option on as written).
 */
const VALUE_OPTIONS: Record<SpawnRunner, ReadonlySet<string>> = {
  mocha: new Set([...valueNames(MOCHA_OPTIONS), "--spec"]),
  jest: new Set([
    ...runnerValueOptions("jest"),
    "-t",
    "--testNamePattern",
    "--testPathIgnorePatterns",
    "--selectProjects",
    "--roots",
    "--testMatch",
    "--testRegex",
    "--collectCoverageFrom",
    "--rootDir",
    "--shard",
    "--seed",
    "--testSequencer",
    "--resolver",
    "--globalSetup",
    "--globalTeardown",
    "--setupFiles",
    "--setupFilesAfterEnv",
    "--moduleNameMapper",
    "--modulePaths",
    "--transform",
  ]),
  vitest: new Set([
    ...runnerValueOptions("vitest"),
    "-t",
    "--testNamePattern",
    "--project",
    "--shard",
    "--mode",
    "--exclude",
    "--retry",
  ]),
  bun: new Set([
    ...valueNames(BUN_TEST_OPTIONS),
    "--preload",
    "-r",
    "-t",
    "--test-name-pattern",
    "--rerun-each",
    "--coverage-reporter",
    "--coverage-dir",
    "--tsconfig-override",
    "--env-file",
    "--seed",
  ]),
  // bnt's value options too (`bnt --coverage 100`): node has none of these names.
  "node-test": new Set([...NODE_VALUE_OPTIONS, ...valueNames(NODE_TEST_OPTIONS), ...valueNames(BNT_OPTIONS)]),
  uvu: new Set(valueNames(UVU_OPTIONS).filter((name) => name !== "--bail" && name !== "-b")),
  tape: new Set(valueNames(TAPE_OPTIONS)),
  ava: new Set(AVA_VALUE_OPTIONS),
  // deno's --coverage, --fail-fast, --ignore and --env-file take a value only with `=` (equalsOnly in the table).
  deno: new Set([...valueNames(DENO_TEST_OPTIONS), "--filter", "--location", "--seed"]),
};

/** The runner's flag that ends a run at the first failing test (none for node:test on Node 20 and tape). */
const BAIL: Partial<Record<SpawnRunner, string>> = {
  mocha: "--bail",
  jest: "--bail",
  vitest: "--bail=1",
  bun: "--bail",
  uvu: "--bail",
  deno: "--fail-fast",
  ava: "--fail-fast",
};

/** Quotes a word for `sh -c` when it holds anything but safe characters. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The subcommand words that belong to the head: `bun test`, `deno test`, `vitest run`, node's options up to `--test`. */
function headOf(step: RunnerStep): { head: string[]; args: string[] } {
  const env = Object.entries(step.env).map(([key, value]) => `${key}=${value}`);
  switch (step.framework) {
    case "bun":
    case "deno":
      return { head: [...env, step.program, "test"], args: step.args };
    case "vitest":
      return { head: [...env, step.program, "run"], args: step.args };
    case "node-test": {
      const at = step.args.indexOf("--test");
      return { head: [...env, step.program, ...step.args.slice(0, at + 1)], args: step.args.slice(at + 1) };
    }
    default:
      return { head: [...env, step.program], args: step.args };
  }
}

/** Splits the runner's arguments into options (with their values) and the words that name test files. */
export function splitRunnerArgs(runner: SpawnRunner, head: string[], args: readonly string[]): RunnerCommand | null {
  const values = VALUE_OPTIONS[runner];
  const options: string[] = [];
  const specs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === "--") return null;
    if (word.startsWith("-")) {
      if (runner === "mocha" && word === "--spec") {
        if (args[i + 1] !== undefined) specs.push(args[++i] as string);
        continue;
      }
      if (runner === "mocha" && word.startsWith("--spec=")) {
        specs.push(word.slice("--spec=".length));
        continue;
      }
      options.push(word);
      if (!word.includes("=") && values.has(word) && args[i + 1] !== undefined) options.push(args[++i] as string);
      continue;
    }
    specs.push(word);
  }
  return { runner, head, options, specs };
}

/**
 * Reads `command` in the project at `root` with the command reader (package scripts, `npx`, `VAR=x`
 * prefixes, wrappers, the runner's step of a chain) and takes the runner's step apart; the reason
 * when it is not one runner gremlins can pass test files to.
 */
export function readRunnerCommand(root: string, command: string): RunnerCommand | { reason: string } {
  const reading = readTestCommand(root, command);
  if (!reading.runner)
    return { reason: reading.problem ?? `the test command "${command}" starts no runner gremlins knows` };
  const { head, args } = headOf(reading.runner);
  const split = splitRunnerArgs(reading.runner.framework, head, args);
  if (!split) return { reason: `"${reading.runner.command}" passes arguments after --` };
  if (split.runner === "ava") {
    const refused = avaRefusedOption(split.options);
    if (refused) return { reason: `"${reading.runner.command}": ava's ${refused} cannot run per gremlin` };
    // `file.js:12` selects tests by line: a file spec gremlins would replace.
    const lines = split.specs.find((s) => /:[\d,-]+$/.test(s));
    if (lines) return { reason: `"${reading.runner.command}" selects tests by line number (${lines})` };
  }
  return split;
}

/** Uvu matches its pattern against paths relative to its directory. */
function uvuPattern(files: readonly string[], dir: string): string {
  const base = dir === "." || dir === "" ? "" : `${dir.replace(/^\.\//, "").replace(/\/$/, "")}/`;
  const names = files.map((f) =>
    (f.startsWith(base) ? f.slice(base.length) : f).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
  );
  return `^(?:${names.join("|")})$`;
}

/**
 * The command line that runs only `files` (project-relative), ending at the first failure when `bail`;
 * with `tests`, only the tests of those titles, where the runner filters by title (src/execute/select/title-filter.ts).
 */
export function commandFor(
  command: RunnerCommand,
  files: readonly string[],
  bail: boolean,
  tests?: readonly string[],
): string {
  const bailFlag = bail ? BAIL[command.runner] : undefined;
  const words = [...command.head, ...command.options];
  const addBail =
    bailFlag !== undefined &&
    !command.options.some((o) => o === bailFlag || o.startsWith("--bail") || o === "-b" || o === "--fail-fast");
  // uvu's option parser would read `--bail <dir>` as the flag's value: its flag goes last.
  if (addBail && command.runner !== "uvu") words.push(bailFlag);
  if (tests && tests.length > 0) words.push(...(titleFilter(command.runner, tests) ?? []));
  switch (command.runner) {
    case "jest":
      words.push("--runTestsByPath", ...files);
      break;
    case "bun":
      words.push(...files.map((f) => (f.startsWith("/") ? f : `./${f}`)));
      break;
    case "uvu": {
      const dir = command.specs[0] ?? ".";
      words.push(dir, uvuPattern(files, dir));
      if (addBail) words.push(bailFlag);
      break;
    }
    default:
      words.push(...files);
  }
  return words.map(shellQuote).join(" ");
}
