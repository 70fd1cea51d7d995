// `node [options] --test [files/globs]`: node's own options, read with what the workers do with each,
// and the test files node's runner would pick (its default patterns when no argument is given).

import { existsSync, statSync } from "node:fs";
import { join } from "pathe";
import { globFiles, normalise, preloadPath } from "./files.ts";
import { nodeOptionsOf } from "./node-options.ts";
import { optionReason, type OptionSpec } from "./options.ts";
import type { RunnerRead, RunnerSettings } from "./types.ts";

/** node's default test patterns (node ≥ 21; node 20 searches the same names). */
export const NODE_TEST_PATTERNS = [
  "**/*.test.{cjs,mjs,js}",
  "**/*-test.{cjs,mjs,js}",
  "**/*_test.{cjs,mjs,js}",
  "**/test-*.{cjs,mjs,js}",
  "**/test.{cjs,mjs,js}",
  "**/test/**/*.{cjs,mjs,js}",
];

const out = (what: string): string => `output only: ${what}`;

export const NODE_TEST_OPTIONS: OptionSpec[] = [
  { names: ["--test"], effect: "honoured", what: "the test runner" },
  {
    names: ["--conditions", "-C"],
    value: true,
    effect: "honoured",
    what: "custom exports conditions for the workers' module resolution (Node: worker execArgv)",
  },
  {
    names: ["--require", "-r"],
    value: true,
    effect: "honoured",
    what: "CommonJS modules loaded in every worker before the test files",
  },
  {
    names: ["--import"],
    value: true,
    effect: "honoured",
    what: "ES modules imported in every worker before the test files (after --require ones)",
  },
  { names: ["--test-timeout"], value: true, effect: "honoured", what: "per-test timeout (ms)" },
  {
    names: ["--experimental-*"],
    effect: "harmless",
    what: "runtime feature flags (except the loader and default-type ones)",
  },
  { names: ["--enable-source-maps"], effect: "harmless", what: "stack traces only" },
  {
    names: ["--test-concurrency"],
    value: true,
    effect: "harmless",
    what: "how many files run at once; gremlins schedules the tests itself",
  },
  { names: ["--test-isolation"], value: true, effect: "harmless", what: "gremlins loads every file into one worker" },
  { names: ["--test-reporter", "--test-reporter-destination"], value: true, effect: "harmless", what: out("reporter") },
  { names: ["--test-force-exit"], effect: "harmless", what: "process exit after the run" },
  {
    names: [
      "--no-warnings",
      "--no-deprecation",
      "--trace-warnings",
      "--trace-deprecation",
      "--trace-uncaught",
      "--disable-warning",
    ],
    effect: "harmless",
    what: out("warnings"),
  },
  {
    names: ["--max-old-space-size", "--stack-trace-limit", "--title"],
    value: true,
    effect: "harmless",
    what: "process settings",
  },
  { names: ["--loader", "--experimental-loader"], value: true, effect: "unsupported", what: "module loader hooks" },
  { names: ["--experimental-default-type"], value: true, effect: "unsupported", what: "module format of .js files" },
  {
    names: ["--test-only", "--test-name-pattern", "--test-skip-pattern", "--test-shard"],
    effect: "unsupported",
    what: "test filtering",
  },
  {
    names: ["--env-file", "--env-file-if-exists"],
    value: true,
    effect: "unsupported",
    what: "environment from a file",
  },
  { names: ["--watch", "--inspect", "--inspect-brk"], effect: "unsupported", what: "watch / debugger" },
];

function specOf(name: string): OptionSpec | undefined {
  const exact = NODE_TEST_OPTIONS.find((s) => s.names.includes(name));
  if (exact) return exact;
  if (/^--(no-)?experimental-/.test(name)) return NODE_TEST_OPTIONS.find((s) => s.names.includes("--experimental-*"));
  return undefined;
}

/** The files `node --test [args]` runs: node's default patterns with no argument or in a directory, files, globs; or why not. */
export function nodeTestFiles(root: string, args: readonly string[]): string[] | string {
  const files: string[] = [];
  if (args.length === 0) files.push(...globFiles(root, NODE_TEST_PATTERNS));
  for (const arg of args) {
    const rel = normalise(arg);
    if (existsSync(join(root, rel))) {
      if (statSync(join(root, rel)).isDirectory())
        files.push(
          ...globFiles(
            root,
            NODE_TEST_PATTERNS.map((p) => `${rel}/${p}`),
          ),
        );
      else files.push(rel);
    } else if (/[*?[\]{}]/.test(rel)) {
      files.push(...globFiles(root, [rel]));
    } else {
      return `node --test would not find ${arg}`;
    }
  }
  return [...new Set(files)];
}

export function readNodeTest(root: string, command: string, args: readonly string[]): RunnerRead {
  const { parsed, rest } = nodeOptionsOf(args);
  const notes: string[] = [];
  const requires: string[] = [];
  const imports: string[] = [];
  const conditions: string[] = [];
  const settings: RunnerSettings = { files: [], notes };
  for (const option of parsed) {
    const spec = specOf(option.name);
    if (!spec || spec.effect === "unsupported") return { reason: optionReason(command, "node", option.name) };
    notes.push(`${spec.effect === "honoured" ? "honoured" : "ignored"} ${option.name} (${spec.what})`);
    if (option.name === "--conditions" || option.name === "-C") conditions.push(option.value ?? "");
    if (option.name === "--require" || option.name === "-r") requires.push(preloadPath(option.value ?? ""));
    if (option.name === "--import") imports.push(preloadPath(option.value ?? ""));
    if (option.name === "--test-timeout") {
      const ms = Number(option.value);
      if (!Number.isFinite(ms) || ms < 0)
        return { reason: `"${command}": --test-timeout ${option.value} is not a number of milliseconds` };
      settings.testTimeoutMs = ms;
    }
  }
  const files = nodeTestFiles(root, rest);
  if (typeof files === "string") return { reason: files };
  settings.files = files;
  if (requires.length + imports.length > 0) settings.preload = [...requires, ...imports];
  if (conditions.length > 0) settings.conditions = conditions;
  return settings;
}
