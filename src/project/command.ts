// Reads a project's test command: finds the test runner's step in a chain, skips lint / typecheck /
// format steps (with a note), keeps build and housekeeping steps to run once before the baseline, and
// gives the runner's step as its own command line, so both executors run just the tests.

import { readFileSync } from "node:fs";
import { globSync } from "tinyglobby";
import { join } from "pathe";
import { expandCommand, type Step } from "./scripts.ts";
import { joinWords, plain, quoteWord, type Word } from "./shell-words.ts";
import { nodeOptionsOf } from "./node-options.ts";

export type RunnerName = "bun" | "vitest" | "jest" | "node-test" | "mocha" | "uvu" | "tape" | "deno" | "ava";

/** Per-test timeouts of the runners that have one by default (ms); others never time a test out. */
export const RUNNER_TEST_TIMEOUT: Partial<Record<RunnerName, number>> = {
  bun: 5000,
  vitest: 5000,
  jest: 5000,
  mocha: 2000,
  // ava's `timeout` is an inactivity timeout (no test finished for 10 s), the nearest thing it has.
  ava: 10_000,
};

/**
 * Runners that run each test file apart (node --test: a process per file; vitest, jest, ava: a worker per file):
 * a test that never ends stops only its own file, and the run still reports the other files' failures.
 */
export const SEPARATE_FILE_RUNS: ReadonlySet<RunnerName> = new Set(["node-test", "vitest", "jest", "ava"]);

export interface RunnerStep {
  framework: RunnerName;
  /** The program as written (`mocha`, `node`, `node_modules/.bin/uvu`). */
  program: string;
  /** Its arguments after the program (and after `test` / `run`), shell globs expanded as `sh` would. */
  args: string[];
  /** Environment the command sets for it (`VAR=x`, `cross-env VAR=x`). */
  env: Record<string, string>;
  /** The step alone as an `sh` command line (prefixes kept as `VAR=x`, `npx`/`nyc` wrappers dropped). */
  command: string;
}

/** A step of the chain that is not the runner, and what gremlins does with it. */
export interface OtherStep {
  command: string;
  /** "lint", "typecheck", "format", "coverage report" (skipped) or "build" / "setup" (run once before the baseline). */
  kind: string;
}

export interface CommandReading {
  /** The test runner's step; null when there is none the built-in harness knows (see `problem`). */
  runner: RunnerStep | null;
  /** Steps before the runner to run once in the sandbox, in order, before the baseline. */
  setup: OtherStep[];
  /** Lint, typecheck, format and coverage-report steps that are not run. */
  skipped: OtherStep[];
  /** Why the command cannot be split into the steps above (both executors then run it whole). */
  problem?: string;
}

/** Programs that only check or format code: they cannot kill a gremlin that the tests would miss. */
const CHECKERS: Record<string, string> = {
  eslint: "lint",
  oxlint: "lint",
  xo: "lint",
  standard: "lint",
  "ts-standard": "lint",
  semistandard: "lint",
  tslint: "lint",
  jshint: "lint",
  stylelint: "lint",
  markdownlint: "lint",
  "markdownlint-cli2": "lint",
  "lockfile-lint": "lint",
  knip: "lint",
  depcheck: "lint",
  madge: "lint",
  publint: "lint",
  attw: "lint",
  commitlint: "lint",
  "sort-package-json": "lint",
  "type-coverage": "typecheck",
  prettier: "format",
  dprint: "format",
  biome: "lint",
  tsd: "typecheck",
  "vue-tsc": "typecheck",
  dtslint: "typecheck",
  "size-limit": "lint",
  oxfmt: "format",
  remark: "format",
  flow: "typecheck",
  "flow-bin": "typecheck",
  "check-dts": "typecheck",
  "are-the-types-wrong": "typecheck",
};
const COVERAGE_REPORTS = /^(codecov|coveralls)$/;
/** Words of a script name (`check:type:ts`, `test-lint`) that make its steps checks even when they run a program not listed above. */
const CHECK_WORDS = new Set([
  "lint",
  "eslint",
  "format",
  "fmt",
  "prettier",
  "typecheck",
  "type",
  "types",
  "tsc",
  "tsd",
  "typings",
  "dts",
  "flow",
]);
const isCheckScript = (name: string): boolean =>
  name.split(/[:_-]/).some((w) => CHECK_WORDS.has(w)) || /^(type-?check|check-?types)$/.test(name);

/** What `words` (a step with its program first) is: a runner, a check, or something else. */
function classify(
  step: Step,
  root: string | null = null,
): { runner: Omit<RunnerStep, "command" | "env"> } | { kind: string } | null {
  const words = step.words.map((w) => w.text);
  const name = (words[0] ?? "").split("/").pop() as string;
  const rest = words.slice(1);
  if (name === "bun" && rest[0] === "test")
    return { runner: { framework: "bun", program: words[0] as string, args: rest.slice(1) } };
  if (name === "deno" && rest[0] === "test")
    return { runner: { framework: "deno", program: words[0] as string, args: rest.slice(1) } };
  if (name === "vitest") {
    if (rest[0] === "typecheck") return { kind: "typecheck" };
    if (rest[0] === "bench") return { kind: "benchmark" };
    return {
      runner: { framework: "vitest", program: words[0] as string, args: rest[0] === "run" ? rest.slice(1) : rest },
    };
  }
  if (name === "jest") return { runner: { framework: "jest", program: words[0] as string, args: rest } };
  if (name === "mocha" || name === "_mocha")
    return { runner: { framework: "mocha", program: words[0] as string, args: rest } };
  if (name === "uvu") return { runner: { framework: "uvu", program: words[0] as string, args: rest } };
  if (name === "tape") return { runner: { framework: "tape", program: words[0] as string, args: rest } };
  // `ava debug` waits for a debugger: not a test run.
  if (name === "ava" && rest[0] !== "debug" && rest[0] !== "reset-cache")
    return { runner: { framework: "ava", program: words[0] as string, args: rest } };
  if (name === "node" && nodeOptionsOf(rest).options.includes("--test"))
    return { runner: { framework: "node-test", program: words[0] as string, args: rest } };
  // better-node-test: `node --test` behind a wrapper that picks the files (src/project/bnt.ts reads its options).
  if (name === "bnt") return { runner: { framework: "node-test", program: words[0] as string, args: rest } };
  if ((name === "tsc" || name === "vue-tsc" || name === "tsgo") && rest.some((w) => /^--noEmit(=true)?$/.test(w)))
    return { kind: "typecheck" };
  if (name === "node" && root !== null) {
    // `node [options] test.js` where test.js imports node:test runs that file's tests as node --test would.
    const { rest: after } = nodeOptionsOf(rest);
    if (after.length === 1 && importsNodeTest(root, after[0] as string))
      return { runner: { framework: "node-test", program: words[0] as string, args: rest } };
  }
  if (name === "tsc" && rest.some((w) => /^(--version|-v|--help|-h)$/.test(w))) return { kind: "typecheck" };
  if (name === "prettier" && rest.some((w) => w === "--write" || w === "-w")) return { kind: "format" };
  const checker = CHECKERS[name];
  if (checker) return { kind: checker };
  if ((name === "nyc" || name === "c8") && /^(report|check-coverage|merge)$/.test(rest[0] ?? ""))
    return { kind: "coverage report" };
  if (COVERAGE_REPORTS.test(name)) return { kind: "coverage report" };
  if (step.scripts.some(isCheckScript))
    return {
      kind: /format|fmt|prettier/.test(step.scripts.join(" "))
        ? "format"
        : /lint/.test(step.scripts.join(" "))
          ? "lint"
          : "typecheck",
    };
  return null;
}

/** The file (project-relative) imports or requires `node:test`. */
function importsNodeTest(root: string, file: string): boolean {
  try {
    return /(from\s*|import\s*\(\s*|require\(\s*)["']node:test["']/.test(readFileSync(join(root, file), "utf8"));
  } catch {
    return false;
  }
}

/** A word with unquoted glob characters, expanded as `sh` would (`**` is `*`, no dot files, sorted; kept as is when nothing matches). */
function shellExpand(root: string, word: Word): string[] {
  if (!word.glob) return [word.text];
  const pattern = word.text.replace(/\*\*+/g, "*").replace(/[{}]/g, "\\$&");
  const found = globSync([pattern], { cwd: root, onlyFiles: false, dot: false, expandDirectories: false }).map((f) =>
    f.replace(/\/$/, ""),
  );
  return found.length > 0 ? found.sort() : [word.text];
}

function label(step: Step): string {
  return joinWords(step.words);
}

/** The step as its own `sh` line: `VAR=x program args` (wrappers and `npx` already dropped). */
function commandLine(step: Step): string {
  const env = Object.entries(step.env).map(([k, v]) => `${k}=${quoteWord(plain(v))}`);
  return [...env, joinWords(step.words)].join(" ");
}

/** Reads `command` as run in the project at `root`. */
export function readTestCommand(root: string, command: string): CommandReading {
  const expanded = expandCommand(root, command);
  if ("problem" in expanded) return { runner: null, setup: [], skipped: [], problem: expanded.problem };
  const steps = expanded.steps;
  const setup: OtherStep[] = [];
  const skipped: OtherStep[] = [];
  let runner: RunnerStep | null = null;
  for (const step of steps) {
    const what = classify(step, root);
    if (what && "runner" in what) {
      if (runner)
        return {
          runner: null,
          setup: [],
          skipped: [],
          problem: `"${command}" runs two test steps ("${runner.command}" and "${label(step)}"); gremlins runs it whole`,
        };
      let own = step;
      if (what.runner.framework === "vitest" && step.words.some((w) => /^--typecheck(=true)?$/.test(w.text))) {
        // Type checking beside the tests: a check like tsc --noEmit, skipped with the other checks.
        own = { ...step, words: step.words.filter((w) => !/^--typecheck(=true)?$/.test(w.text)) };
        skipped.push({ command: "vitest --typecheck", kind: "typecheck" });
      }
      const consumed = step.words.length - 1 - what.runner.args.length;
      const args = own.words.slice(1 + consumed).flatMap((w) => shellExpand(root, w));
      runner = { ...what.runner, args, env: step.env, command: commandLine(own) };
      continue;
    }
    if (what) {
      skipped.push({ command: label(step), kind: what.kind });
      continue;
    }
    if (runner) {
      return {
        runner: null,
        setup: [],
        skipped: [],
        problem: `"${command}" runs "${label(step)}" after the tests; gremlins runs it whole`,
      };
    }
    const name = (step.words[0]?.text ?? "").split("/").pop() as string;
    setup.push({
      command: commandLine(step),
      kind:
        /^(tsc|tsup|rollup|babel|esbuild|webpack|vite|swc|unbuild|microbundle|tsc-alias|ncc|parcel|pkgroll|tshy|tsdown|rspack|rolldown)$/.test(
          name,
        ) || step.scripts.some((s) => /^(build|compile|prepare|bundle|dist)(:|$)/.test(s))
          ? "build"
          : "setup",
    });
  }
  if (!runner) {
    return {
      runner: null,
      setup: [],
      skipped: [],
      problem: `the test command "${command}" is not a runner the built-in harness knows (bun test, vitest, jest, node --test, bnt, mocha, uvu, tape, ava)`,
    };
  }
  return { runner, setup, skipped };
}
