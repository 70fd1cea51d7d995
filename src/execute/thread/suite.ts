// Works out, from the test command, which runner a project uses and which test files that runner
// would load, so the thread executor can import the same files into its harness. Says why not when it cannot.

import { existsSync, readFileSync } from "node:fs";
import { globSync } from "tinyglobby";
import { join } from "pathe";
import { languageOf } from "../../parse/parse.ts";

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
}

/** Why the thread executor cannot run this project (a sentence fragment, printed after "spawn executor: "). */
export interface NoSuite {
  reason: string;
}

const IGNORE = ["**/node_modules/**", "**/.git/**", "**/.gremlins/**"];
const JS = "{js,jsx,ts,tsx,mjs,cjs,mts,cts}";
const RUNNER_WORDS = /^(npx|bunx|pnpm|yarn|exec|dlx|--)$/;

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

/** Splits a simple command line into words (no quoting rules beyond plain quotes). */
function words(command: string): string[] {
  return (command.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^["']|["']$/g, ""));
}

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

/** The runner a command starts, and the words after it. */
export function runnerOf(command: string): { framework: Framework | "deno"; args: string[] } | null {
  if (/[|;&<>`$]/.test(command)) return null;
  const all = words(command).filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  while (all.length > 0 && RUNNER_WORDS.test(all[0] as string)) all.shift();
  const [program, ...rest] = all;
  const name = program?.split("/").pop();
  if (name === "bun" && rest[0] === "test") return { framework: "bun", args: rest.slice(1) };
  if (name === "deno" && rest[0] === "test") return { framework: "deno", args: rest.slice(1) };
  if (name === "vitest") return { framework: "vitest", args: rest[0] === "run" ? rest.slice(1) : rest };
  if (name === "jest") return { framework: "jest", args: rest };
  if (name === "node" && rest.includes("--test")) return { framework: "node-test", args: rest.filter((w) => w !== "--test") };
  if (name === "mocha") return { framework: "mocha", args: rest };
  if (name === "uvu") return { framework: "uvu", args: rest };
  if (name === "tape") return { framework: "tape", args: rest };
  return null;
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

function mochaConfigProblem(root: string): string | null {
  const file = [".mocharc.js", ".mocharc.cjs", ".mocharc.json", ".mocharc.yml", ".mocharc.yaml", ".mocharc.jsonc"].find((n) => existsSync(join(root, n)));
  if (file) return `${file} is not read by the built-in harness`;
  const pkg = readJson(join(root, "package.json"));
  if (pkg && pkg.mocha !== undefined) return `package.json "mocha" settings are not read by the built-in harness`;
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

/** Resolves `npm test` / `npm run x` / `bun run x` to the package.json script. */
function expandScript(root: string, command: string): string {
  const m = /^\s*(npm|pnpm|yarn|bun)\s+(?:run\s+)?(test|[\w:-]+)\s*$/.exec(command);
  if (!m || (m[1] === "bun" && m[2] === "test")) return command;
  const scripts = readJson(join(root, "package.json"))?.scripts as Record<string, string> | undefined;
  return scripts?.[m[2] as string] ?? command;
}

/** The runner and test files of the project at `root`, or why the thread executor cannot run them. */
export function detectSuite(root: string, testCommand: string): Suite | NoSuite {
  const command = expandScript(root, testCommand);
  const runner = runnerOf(command);
  if (!runner) return { reason: `the test command "${command}" is not a runner the built-in harness knows (bun test, vitest, jest, node --test, mocha, uvu, tape)` };
  const { framework, args } = runner;
  if (framework === "deno") return { reason: "Deno.test suites run in the spawn executor for now" };
  let globs: string[];
  switch (framework) {
    case "bun": {
      const filters = positional(args, new Set(["--timeout", "--bail"]));
      if (filters === null) return { reason: `"${command}" passes options the built-in harness does not honour` };
      const all = glob(root, DEFAULT_GLOBS.bun);
      const files = filters.length === 0 ? all : all.filter((f) => filters.some((p) => f.includes(p.replace(/^\.\//, ""))));
      return finish(framework, files, command);
    }
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
    case "node-test": {
      const paths = positional(args);
      if (paths === null) return { reason: `"${command}" passes options the built-in harness does not honour` };
      globs = paths.length > 0 ? paths : DEFAULT_GLOBS["node-test"];
      break;
    }
    case "mocha": {
      const problem = mochaConfigProblem(root);
      if (problem) return { reason: problem };
      const paths = positional(args);
      if (paths === null) return { reason: `"${command}" passes options the built-in harness does not honour` };
      globs = paths.length > 0 ? paths.map((p) => (existsSync(join(root, p)) && !languageOf(p) ? `${p.replace(/\/$/, "")}/*.{js,cjs,mjs}` : p)) : DEFAULT_GLOBS.mocha;
      break;
    }
    case "uvu": {
      const paths = positional(args);
      if (paths === null || paths.length > 2) return { reason: `"${command}" passes options the built-in harness does not honour` };
      const dir = (paths[0] ?? ".").replace(/\/$/, "");
      const pattern = paths[1] ? new RegExp(paths[1]) : null;
      const files = glob(root, [`${dir}/**/*.${JS}`]).filter((f) => !f.split("/").some((part) => part.startsWith(".")) && (!pattern || pattern.test(f)));
      return finish(framework, files, command);
    }
    case "tape": {
      const paths = positional(args);
      if (paths === null) return { reason: `"${command}" passes options the built-in harness does not honour` };
      globs = paths;
      break;
    }
  }
  return finish(framework, glob(root, globs), command);
}

function finish(framework: Framework, files: string[], command: string): Suite | NoSuite {
  if (files.length === 0) return { reason: `no test files found for "${command}"` };
  return { framework, files };
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

