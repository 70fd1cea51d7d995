// Works out, from the test command, which runner a project uses and which test files that runner
// would load, so the thread executor can import the same files into its harness. Says why not when it cannot.

import { existsSync, readFileSync } from "node:fs";
import { globSync } from "tinyglobby";
import { join } from "pathe";
import { languageOf } from "../../parse/parse.ts";
import { readTestCommand, type CommandReading, type RunnerStep } from "../../project/command.ts";
import { readBunTest } from "../../project/bun-test.ts";
import { readMocha } from "../../project/mocha.ts";
import { readNodeTest } from "../../project/node-test.ts";
import { readTape } from "../../project/tape.ts";
import { readUvu } from "../../project/uvu.ts";
import type { RunnerRead } from "../../project/types.ts";

export type Framework = "bun" | "vitest" | "jest" | "node-test" | "mocha" | "uvu" | "tape";

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
}

/** Why the thread executor cannot run this project (a sentence fragment, printed after "spawn executor: "). */
export interface NoSuite {
  reason: string;
}

const IGNORE = ["**/node_modules/**", "**/.git/**", "**/.gremlins/**"];
const JS = "{js,jsx,ts,tsx,mjs,cjs,mts,cts}";

/** Default test-file globs per runner (from each runner's documentation). */
export const DEFAULT_GLOBS: Record<Framework, string[]> = {
  bun: [`**/*{.test,_test,.spec,_spec}.${JS}`],
  vitest: ["**/*.{test,spec}.?(c|m)[jt]s?(x)"],
  jest: ["**/__tests__/**/*.?([mc])[jt]s?(x)", "**/?(*.)+(spec|test).?([mc])[jt]s?(x)"],
  "node-test": [
    "**/*.test.{cjs,mjs,js}",
    "**/*-test.{cjs,mjs,js}",
    "**/*_test.{cjs,mjs,js}",
    "**/test-*.{cjs,mjs,js}",
    "**/test.{cjs,mjs,js}",
    "**/test/**/*.{cjs,mjs,js}",
  ],
  mocha: ["test/*.{js,cjs,mjs}"],
  uvu: [`**/*.${JS}`],
  tape: [],
};

function glob(root: string, patterns: string[]): string[] {
  if (patterns.length === 0) return [];
  return globSync(patterns, { cwd: root, ignore: IGNORE, onlyFiles: true })
    .map((f) => f.replace(/\\/g, "/").replace(/^\.\//, ""))
    .filter((f) => languageOf(f) !== null)
    .sort();
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Vitest config keys the harness honours or may ignore (anything else: fall back). */
const VITEST_KEYS = new Set(["include", "exclude", "cache", "globals", "testTimeout", "watch", "reporters", "coverage", "pool", "poolOptions", "environment", "test"]);

/** Reads `include` from a simple vitest config; a reason string when it uses something the harness does not understand. */
function vitestInclude(root: string): string[] | string {
  const name = ["vitest.config.ts", "vitest.config.mts", "vitest.config.js", "vitest.config.mjs", "vite.config.ts", "vite.config.js", "vite.config.mjs"].find((n) =>
    existsSync(join(root, n)),
  );
  if (!name) return DEFAULT_GLOBS.vitest;
  const text = readFileSync(join(root, name), "utf8");
  for (const key of text.matchAll(/^\s*([A-Za-z_$][\w$]*)\s*:/gm)) {
    if (!VITEST_KEYS.has(key[1] as string)) return `${name} sets "${key[1]}", which the built-in harness does not honour`;
  }
  if (/environment\s*:\s*["'](?!node["'])/.test(text)) return `${name} sets a test environment other than node`;
  const include = /include\s*:\s*\[([^\]]*)\]/.exec(text);
  if (!include) return DEFAULT_GLOBS.vitest;
  const globs = [...(include[1] as string).matchAll(/["']([^"']+)["']/g)].map((m) => m[1] as string);
  return globs.length > 0 ? globs : DEFAULT_GLOBS.vitest;
}

/** Jest configuration the harness cannot honour (any config beyond testMatch / roots-free defaults). */
function jestConfigProblem(root: string): string | null {
  const file = ["jest.config.js", "jest.config.ts", "jest.config.mjs", "jest.config.cjs", "jest.config.json"].find((n) => existsSync(join(root, n)));
  if (file) return `${file} is not read by the built-in harness`;
  const pkg = readJson(join(root, "package.json"));
  if (pkg && pkg.jest !== undefined) return `package.json "jest" settings are not read by the built-in harness`;
  return null;
}

/** Positional (non-option) arguments; null when an option the harness does not understand is present. */
function positional(args: string[], allowed: ReadonlySet<string> = new Set()): string[] | null {
  const out: string[] = [];
  for (const arg of args) {
    if (arg.startsWith("-")) {
      if (!allowed.has(arg.split("=")[0] as string)) return null;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** The runner and test files of the project at `root`, or why the thread executor cannot run them. */
export function detectSuite(root: string, testCommand: string): Suite | NoSuite {
  const reading = readTestCommand(root, testCommand);
  if (!reading.runner) return { reason: reading.problem ?? `the test command "${testCommand}" is not a runner the built-in harness knows` };
  return withCommand(suiteFor(root, reading.runner), reading);
}

/** The suite of the runner step (src/project/ reads each runner's options and config). */
function suiteFor(root: string, runner: RunnerStep): Suite | NoSuite {
  const { framework, args, command } = runner;
  if (framework === "deno") return { reason: "Deno.test suites run in the spawn executor for now" };
  switch (framework) {
    case "bun":
      return fromSettings(framework, readBunTest(root, command, args), command);
    case "vitest": {
      const include = vitestInclude(root);
      if (typeof include === "string") return { reason: include };
      const filters = positional(args);
      if (filters === null) return { reason: `"${command}" passes options the built-in harness does not honour` };
      const all = glob(root, include);
      const files = filters.length === 0 ? all : all.filter((f) => filters.some((p) => f.includes(p)));
      return finish(framework, files, command);
    }
    case "jest": {
      const problem = jestConfigProblem(root);
      if (problem) return { reason: problem };
      const filters = positional(args);
      if (filters === null) return { reason: `"${command}" passes options the built-in harness does not honour` };
      const all = glob(root, DEFAULT_GLOBS.jest);
      const files = filters.length === 0 ? all : all.filter((f) => filters.some((p) => new RegExp(p).test(f)));
      return finish(framework, files, command);
    }
    case "node-test":
      return fromSettings(framework, readNodeTest(root, command, args), command);
    case "mocha":
      return fromSettings(framework, readMocha(root, command, args), command);
    case "uvu":
      return fromSettings(framework, readUvu(root, command, args), command);
    case "tape":
      return fromSettings(framework, readTape(root, command, args), command);
  }
}

function finish(framework: Framework, files: string[], command: string): Suite | NoSuite {
  if (files.length === 0) return { reason: `no test files found for "${command}"` };
  return { framework, files };
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
  const env = { ...(reading.runner?.env ?? {}), ...(suite.env ?? {}) };
  if (Object.keys(env).length === 0) return suite;
  const notes = [`environment from the command: ${Object.keys(env).join(", ")}`, ...(suite.notes ?? [])];
  return { ...suite, env, notes };
}

export function isNoSuite(value: Suite | NoSuite): value is NoSuite {
  return "reason" in value;
}

/** Why this runtime cannot import these files in a worker (Node without type stripping and TS files). */
export function runtimeProblem(files: readonly string[], runtime: { bun: boolean; deno: boolean; typescript: boolean }): string | null {
  if (runtime.bun || runtime.deno || runtime.typescript) return null;
  const ts = files.find((f) => /\.[cm]?tsx?$/.test(f));
  return ts ? `this Node.js (${process.version}) cannot import TypeScript files such as ${ts} in a worker thread` : null;
}

export function currentRuntime(): { bun: boolean; deno: boolean; typescript: boolean } {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  const features = process.features as { typescript?: string | false };
  // The Node host's ts-register (src/host/) strips types in workers where Node cannot.
  const hooks = (globalThis as { __gremlins_typescript?: unknown }).__gremlins_typescript !== undefined;
  return { bun: g.Bun !== undefined, deno: g.Deno !== undefined, typescript: Boolean(features.typescript) || hooks };
}

