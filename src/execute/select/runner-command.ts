// Takes a test command apart into runner, options and the words that name test files, so the spawn
// executor can run the same command on chosen test files only (with the runner's bail flag).
// A command it cannot take apart (pipes, chains, an unknown program) is left whole: null.

import { readFileSync } from "node:fs";
import { join } from "pathe";
import type { Framework } from "../thread/suite.ts";

export type SpawnRunner = Framework | "deno";

export interface RunnerCommand {
  runner: SpawnRunner;
  /** Words up to the runner's own arguments: env assignments, program, subcommand (`test`, `run`, `--test`). */
  head: string[];
  /** The runner's options with their values, in order (kept in every selected run). */
  options: string[];
  /** The words that name test files, directories, globs or path filters (replaced by the chosen files). */
  specs: string[];
}

/** Package-manager words that only start the runner (the runner is started directly instead). */
const WRAPPERS = /^(npx|bunx|exec|dlx|--)$/;
const PACKAGE_MANAGERS = new Set(["pnpm", "yarn"]);

/** Options that take a value as the next word, per runner (flags and `--x=y` need no entry). */
const VALUE_OPTIONS: Record<SpawnRunner, ReadonlySet<string>> = {
  mocha: new Set(["-r", "--require", "--file", "-R", "--reporter", "-O", "--reporter-option", "--reporter-options", "-u", "--ui", "-g", "--grep", "-f", "--fgrep", "-t", "--timeout", "--timeouts", "-s", "--slow", "--config", "--package", "--extension", "--ignore", "--exclude", "-j", "--jobs", "--retries", "-n", "--node-option", "--watch-files", "--watch-ignore", "--spec"]),
  jest: new Set(["-c", "--config", "-t", "--testNamePattern", "--testPathPattern", "--testPathPatterns", "--testPathIgnorePatterns", "-w", "--maxWorkers", "--selectProjects", "--roots", "--testMatch", "--testRegex", "--reporters", "--coverageDirectory", "--coverageReporters", "--collectCoverageFrom", "--rootDir", "--testTimeout", "--testEnvironment", "--env", "--shard", "--seed", "--outputFile", "--testSequencer", "--resolver", "--globalSetup", "--globalTeardown", "--setupFiles", "--setupFilesAfterEnv", "--moduleNameMapper", "--modulePaths", "--transform"]),
  vitest: new Set(["-c", "--config", "-r", "--root", "--dir", "-t", "--testNamePattern", "--reporter", "--outputFile", "--pool", "--project", "--environment", "--testTimeout", "--hookTimeout", "--maxWorkers", "--minWorkers", "--shard", "--mode", "--exclude", "--sequence.seed", "--retry"]),
  bun: new Set(["--timeout", "--preload", "-r", "-t", "--test-name-pattern", "--rerun-each", "--coverage-reporter", "--coverage-dir", "--reporter", "--reporter-outfile", "--conditions", "--tsconfig-override", "--env-file", "--seed"]),
  "node-test": new Set(["-r", "--require", "--import", "--loader", "--experimental-loader", "-C", "--conditions", "--test-reporter", "--test-reporter-destination", "--test-name-pattern", "--test-skip-pattern", "--test-concurrency", "--test-timeout", "--env-file", "--input-type", "--test-shard", "--test-coverage-include", "--test-coverage-exclude", "--stack-size", "--max-old-space-size", "--title"]),
  uvu: new Set(["-r", "--require", "-i", "--ignore", "-C", "--cwd"]),
  tape: new Set(["-r", "--require", "-i", "--ignore", "--ignore-pattern"]),
  deno: new Set(["-c", "--config", "--import-map", "--filter", "--location", "--seed", "--reporter", "--junit-path", "--ignore", "--env-file", "--lock"]),
};

/** The runner's flag that ends a run at the first failing test (none for node:test on Node 20 and tape). */
const BAIL: Partial<Record<SpawnRunner, string>> = { mocha: "--bail", jest: "--bail", vitest: "--bail=1", bun: "--bail", uvu: "--bail", deno: "--fail-fast" };

/** Splits a command line into words, honouring plain single and double quotes. */
export function shellWords(command: string): string[] {
  const out: string[] = [];
  for (const match of command.matchAll(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g)) {
    out.push(match[0].replace(/"([^"]*)"|'([^']*)'/g, (_, a: string | undefined, b: string | undefined) => a ?? b ?? ""));
  }
  return out;
}

/** Quotes a word for `sh -c` when it holds anything but safe characters. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `npm test` / `npm run x` / `pnpm x` / `yarn x` / `bun run x`: the package.json script it runs; else the command. */
export function expandPackageScript(root: string, command: string): string {
  const m = /^\s*(npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?(test|[\w:-]+)\s*$/.exec(command);
  if (!m || (m[1] === "bun" && m[2] === "test") || (m[1] !== "npm" && m[2] === "exec")) return command;
  try {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> };
    const script = pkg.scripts?.[m[2] as string];
    return typeof script === "string" ? script : command;
  } catch {
    return command;
  }
}

/** Which runner `words` start and how many words make up the head (program and subcommand). */
function runnerHead(words: string[]): { runner: SpawnRunner; head: number } | null {
  let at = 0;
  while (at < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[at] as string)) at++;
  const envEnd = at;
  while (at < words.length && (WRAPPERS.test(words[at] as string) || PACKAGE_MANAGERS.has(words[at] as string))) at++;
  const name = words[at]?.split("/").pop();
  const next = words[at + 1];
  const skipped = at - envEnd;
  if (skipped > 0) words.splice(envEnd, skipped);
  at = envEnd;
  if (name === "bun" && next === "test") return { runner: "bun", head: at + 2 };
  if (name === "deno" && next === "test") return { runner: "deno", head: at + 2 };
  if (name === "vitest") return { runner: "vitest", head: next === "run" ? at + 2 : at + 1 };
  if (name === "jest") return { runner: "jest", head: at + 1 };
  if (name === "mocha" || name === "_mocha") return { runner: "mocha", head: at + 1 };
  if (name === "uvu") return { runner: "uvu", head: at + 1 };
  if (name === "tape") return { runner: "tape", head: at + 1 };
  if (name === "node") {
    // node's own options come before --test; everything after it is the test runner's.
    const test = words.indexOf("--test", at + 1);
    if (test < 0) return null;
    return { runner: "node-test", head: test + 1 };
  }
  return null;
}

/** Takes `command` apart; null when it is not one plain runner invocation gremlins knows. */
export function parseRunnerCommand(command: string): RunnerCommand | null {
  if (/[|;&<>`$()\\]/.test(command)) return null;
  const words = shellWords(command);
  const found = runnerHead(words);
  if (!found) return null;
  const { runner } = found;
  // vitest without `run` would watch in a terminal; it is still one run without one, but be explicit.
  const head = words.slice(0, found.head);
  if (runner === "vitest" && head.at(-1) !== "run") head.push("run");
  const values = VALUE_OPTIONS[runner];
  const options: string[] = [];
  const specs: string[] = [];
  const rest = words.slice(found.head);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (word === "--") return null;
    if (word.startsWith("-")) {
      if (runner === "mocha" && word === "--spec") {
        if (rest[i + 1] !== undefined) specs.push(rest[++i] as string);
        continue;
      }
      if (runner === "mocha" && word.startsWith("--spec=")) {
        specs.push(word.slice("--spec=".length));
        continue;
      }
      options.push(word);
      if (!word.includes("=") && values.has(word) && rest[i + 1] !== undefined) options.push(rest[++i] as string);
      continue;
    }
    specs.push(word);
  }
  return { runner, head, options, specs };
}

/** Uvu matches its pattern against paths relative to its directory. */
function uvuPattern(files: readonly string[], dir: string): string {
  const base = dir === "." || dir === "" ? "" : `${dir.replace(/^\.\//, "").replace(/\/$/, "")}/`;
  const names = files.map((f) => (f.startsWith(base) ? f.slice(base.length) : f).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return `^(?:${names.join("|")})$`;
}

/** The command line that runs only `files` (project-relative), ending at the first failure when `bail`. */
export function commandFor(command: RunnerCommand, files: readonly string[], bail: boolean): string {
  const bailFlag = bail ? BAIL[command.runner] : undefined;
  const words = [...command.head, ...command.options];
  const addBail = bailFlag !== undefined && !command.options.some((o) => o === bailFlag || o.startsWith("--bail") || o === "-b" || o === "--fail-fast");
  // uvu's option parser would read `--bail <dir>` as the flag's value: its flag goes last.
  if (addBail && command.runner !== "uvu") words.push(bailFlag);
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
