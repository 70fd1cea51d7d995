// `bun test [filters]`: its options, bunfig.toml's [test] preload and root, and the test files bun
// would pick (its default name patterns, filtered by the path arguments).

import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "pathe";
import { globFiles, normalise, preloadPath } from "./files.ts";
import { all, last, optionReason, parseArgs, type OptionSpec } from "./options.ts";
import { readSimpleToml, type TomlValue } from "./toml.ts";
import type { RunnerRead, RunnerSettings } from "./types.ts";

const JS = "{js,jsx,ts,tsx,mjs,cjs,mts,cts}";
export const BUN_TEST_PATTERNS = [`**/*{.test,_test,.spec,_spec}.${JS}`];

export const BUN_TEST_OPTIONS: OptionSpec[] = [
  { names: ["--timeout"], value: true, effect: "honoured", what: "per-test timeout (ms, default 5000)" },
  {
    names: ["--preload"],
    value: true,
    effect: "honoured",
    what: "modules loaded in every worker before the test files",
  },
  {
    names: ["--conditions"],
    value: true,
    effect: "honoured",
    what: "custom exports conditions; needs workers hosted in Node, so a run hosted in Bun falls back with that reason",
  },
  { names: ["--bail"], value: false, effect: "harmless", what: "stop at the first failure: gremlins stops there too" },
  {
    names: ["--coverage", "--coverage-reporter", "--coverage-dir"],
    effect: "harmless",
    what: "gremlins does its own coverage",
  },
  { names: ["--reporter", "--reporter-outfile"], value: true, effect: "harmless", what: "output only: reporter" },
  { names: ["--silent"], effect: "harmless", what: "output only" },
  {
    names: [
      "--only",
      "--todo",
      "--test-name-pattern",
      "-t",
      "--rerun-each",
      "--randomize",
      "--seed",
      "--concurrent",
      "--update-snapshots",
      "-u",
      "--watch",
    ],
    effect: "unsupported",
    what: "test selection, order or watch",
  },
];

/** bunfig.toml [test] keys that change nothing the harness does. */
const HARMLESS_BUNFIG =
  /^(coverage|coverageReporter|coverageDir|coverageThreshold|coverageSkipTestFiles|coveragePathIgnorePatterns|coverageIgnoreSourcemaps|smol|reporter)$/;

/**
 * The files `bun test [filters]` runs in `root`: bun's patterns under `base` (bunfig.toml [test] root), narrowed
 * by the filters — one starting with ./ or / is a path (that file or folder), any other a substring of the path.
 */
export function bunTestFiles(root: string, base: string, filters: readonly string[]): string[] {
  const found = globFiles(
    root,
    BUN_TEST_PATTERNS.map((p) => (base === "." ? p : `${base}/${p}`)),
  );
  if (filters.length === 0) return found;
  const matches = (file: string, filter: string): boolean => {
    if (!filter.startsWith("./") && !filter.startsWith("/")) return file.includes(filter);
    const path = normalise(filter.startsWith("/") ? relative(root, filter) : filter);
    return path === "." || file === path || file.startsWith(`${path}/`);
  };
  return found.filter((file) => filters.some((filter) => matches(file, filter)));
}

/** bunfig.toml's [test] table ({} without the file), or why it cannot be read. */
function bunfigTest(root: string): Record<string, TomlValue> | string {
  const bunfig = join(root, "bunfig.toml");
  if (!existsSync(bunfig)) return {};
  const toml = readSimpleToml(readFileSync(bunfig, "utf8"));
  return typeof toml === "string" ? toml : (toml.test ?? {});
}

/** bunfig.toml's [test] root (project-relative), "." when it sets none or cannot be read. */
export function bunTestRoot(root: string): string {
  const test = bunfigTest(root);
  const value = typeof test === "string" ? undefined : test.root;
  return value === undefined ? "." : normalise(String(value));
}

export function readBunTest(root: string, command: string, args: readonly string[]): RunnerRead {
  // `--bail` may carry a count (`--bail=3`); written apart it never takes the next word.
  const parsed = parseArgs(
    args.map((a) => a.replace(/^--bail=\d+$/, "--bail")),
    BUN_TEST_OPTIONS,
  );
  if ("problem" in parsed) return { reason: optionReason(command, "bun test", parsed.problem) };
  const notes = [...parsed.notes];
  const settings: RunnerSettings = { files: [], notes };
  const preload: string[] = [];
  let base = ".";
  const test = bunfigTest(root);
  if (typeof test === "string") return { reason: `bunfig.toml: ${test}` };
  for (const [key, value] of Object.entries(test)) {
    if (key === "preload") preload.push(...(Array.isArray(value) ? value.map(String) : [String(value)]));
    else if (key === "root") base = normalise(String(value));
    else if (!HARMLESS_BUNFIG.test(key))
      return { reason: `bunfig.toml [test] ${key} is not supported by the built-in harness` };
    notes.push(`${key === "preload" || key === "root" ? "honoured" : "ignored"} bunfig.toml [test] ${key}`);
  }
  preload.push(...all(parsed, "--preload"));
  const timeout = last(parsed, "--timeout");
  if (timeout !== undefined) {
    const ms = Number(timeout);
    if (!Number.isFinite(ms) || ms < 0)
      return { reason: `"${command}": --timeout ${timeout} is not a number of milliseconds` };
    settings.testTimeoutMs = ms;
  }
  settings.files = bunTestFiles(root, base, parsed.positional);
  if (preload.length > 0) settings.preload = preload.map(preloadPath);
  const conditions = all(parsed, "--conditions");
  if (conditions.length > 0) settings.conditions = conditions;
  return settings;
}
