// mocha's options (command line, .mocharc.*, package.json "mocha") and the test files it would load:
// spec paths, directories and globs with --extension / --recursive / --ignore, --file first, --require
// preloads (root hook plugins included), --ui, --timeout and --check-leaks for the workers.

import { existsSync, readdirSync, statSync } from "node:fs";
import { globSync } from "tinyglobby";
import { join } from "pathe";
import { createRequire } from "node:module";
import { NEVER_WALKED } from "../util/own-paths.ts";
import { normalise } from "./files.ts";
import { configToArgs, mochaConfigSources } from "./mocha-config.ts";
import { all, last, optionReason, parseArgs, parseDuration, type OptionSpec, type ParsedArgs } from "./options.ts";
import type { RunnerRead } from "./types.ts";
import { isOwnName } from "../util/own-paths.ts";

const out = (what: string): string => `output only: ${what}`;

/** Every mocha option and what gremlins does with it (README "mocha" table). */
export const MOCHA_OPTIONS: OptionSpec[] = [
  {
    names: ["--spec"],
    value: true,
    effect: "honoured",
    what: "test files, directories and globs, like positional arguments",
  },
  { names: ["--recursive"], effect: "honoured", what: "directories are searched with their subdirectories" },
  {
    names: ["--extension"],
    value: true,
    effect: "honoured",
    what: "extensions looked for in spec directories (default js, cjs, mjs)",
  },
  {
    names: ["--ignore", "--exclude"],
    value: true,
    effect: "honoured",
    what: "spec files matching these globs are not loaded",
  },
  { names: ["--file"], value: true, effect: "honoured", what: "loaded before the spec files, in order" },
  {
    names: ["--require", "-r"],
    value: true,
    effect: "honoured",
    what: "loaded in every worker after the harness, before the test files; root hook plugins (mochaHooks) become root hooks",
  },
  {
    names: ["--ui", "-u"],
    value: true,
    effect: "honoured",
    what: "bdd (describe/it/before…) or tdd (suite/test/suiteSetup…); other interfaces fall back",
  },
  {
    names: ["--timeout", "-t", "--timeouts"],
    value: true,
    effect: "honoured",
    what: "per-test and per-hook timeout (0 or --no-timeout: none)",
  },
  { names: ["--check-leaks"], effect: "honoured", what: "a test that leaves a new global variable fails, as in mocha" },
  { names: ["--global", "--globals"], value: true, effect: "honoured", what: "globals --check-leaks allows" },
  { names: ["--sort", "-S"], effect: "honoured", what: "spec files sorted (--file files stay first)" },
  { names: ["--config"], value: true, effect: "honoured", what: "the config file read instead of .mocharc.*" },
  { names: ["--package"], value: true, effect: "honoured", what: 'the package.json whose "mocha" key is read' },
  {
    names: ["--conditions"],
    value: true,
    effect: "honoured",
    what: "node flag mocha passes on: custom exports conditions for the workers",
  },
  { names: ["--reporter", "-R"], value: true, effect: "harmless", what: out("reporter") },
  {
    names: ["--reporter-option", "--reporter-options", "-O"],
    value: true,
    effect: "harmless",
    what: out("reporter options"),
  },
  { names: ["--color", "-c", "--colors"], effect: "harmless", what: out("colours") },
  { names: ["--no-colors", "-C"], effect: "harmless", what: out("colours") },
  { names: ["--diff"], effect: "harmless", what: out("diffs") },
  { names: ["--inline-diffs"], effect: "harmless", what: out("diffs") },
  { names: ["--full-trace"], effect: "harmless", what: out("stack traces") },
  { names: ["--slow", "-s"], value: true, effect: "harmless", what: out("slow-test threshold") },
  { names: ["--exit"], effect: "harmless", what: "process exit after the run; workers are ended by gremlins" },
  { names: ["--bail", "-b"], effect: "harmless", what: "stop at the first failure: gremlins stops there too" },
  { names: ["--forbid-only"], effect: "harmless", what: "the baseline passes with it, and gremlins adds no .only" },
  {
    names: ["--forbid-pending"],
    effect: "harmless",
    what: "the baseline passes with it, and gremlins adds no pending test",
  },
  { names: ["--fail-zero"], effect: "harmless", what: "the baseline has tests" },
  { names: ["--posix-exit-codes"], effect: "harmless", what: "exit code only" },
  {
    names: ["--fail-hook-affected-tests"],
    effect: "harmless",
    what: "reporting only: a failing hook fails the run either way",
  },
  { names: ["--watch", "-w"], effect: "harmless", what: "watch mode off (--no-watch); watch on falls back" },
  { names: ["--watch-files", "--watch-ignore"], value: true, effect: "harmless", what: "only used by watch mode" },
  { names: ["--jobs", "-j"], value: true, effect: "harmless", what: "only used by --parallel" },
  { names: ["--enable-source-maps"], effect: "harmless", what: "stack traces only" },
  {
    names: ["--parallel", "-p"],
    effect: "unsupported",
    what: "one process per file: isolation the harness does not give",
  },
  {
    names: ["--grep", "-g", "--fgrep", "-f", "--invert", "-i"],
    value: true,
    effect: "unsupported",
    what: "test filtering",
  },
  { names: ["--retries"], value: true, effect: "unsupported", what: "retries" },
  { names: ["--async-only", "-A"], effect: "unsupported", what: "fails synchronous tests" },
  { names: ["--allow-uncaught"], effect: "unsupported", what: "uncaught errors propagate" },
  { names: ["--delay"], effect: "unsupported", what: "delayed root suite (run())" },
  { names: ["--dry-run"], effect: "unsupported", what: "tests are not run" },
  { names: ["--pass-on-failing-test-suite"], effect: "unsupported", what: "failing tests pass the run" },
  { names: ["--node-option", "-n"], value: true, effect: "unsupported", what: "node flags for the child process" },
];

const DEFAULT_EXTENSIONS = ["js", "cjs", "mjs"];

/** mocha's watch switch is read as off/on: only off is harmless. */
function watchOn(parsed: ParsedArgs): boolean {
  return last(parsed, "--watch") === "true";
}

function parseMocha(args: readonly string[]): ParsedArgs | { problem: string } {
  // `--experimental-*` node flags mocha passes on only change what node allows; they reach the workers' runtime as is.
  const kept = args.filter(
    (a) => !/^--(experimental|no-experimental|no-warnings|no-deprecation|trace-warnings)/.test(a),
  );
  return parseArgs(kept, MOCHA_OPTIONS, { negatable: true });
}

/** The test files and worker settings for `mocha <args>` in `root`. */
export function readMocha(root: string, command: string, args: readonly string[]): RunnerRead {
  const cli = parseMocha(args);
  if ("problem" in cli) return { reason: optionReason(command, "mocha", cli.problem) };
  const config = last(cli, "--config");
  const pkg = last(cli, "--package");
  const sources = mochaConfigSources(root, config === "false" ? false : config, pkg === "false" ? false : pkg);
  if (typeof sources === "string") return { reason: sources };
  const parsed: ParsedArgs[] = [cli];
  const specs: string[] = [...cli.positional];
  const notes = [...cli.notes];
  const fromConfig: string[] = [];
  for (const source of sources) {
    const words = configToArgs(source.values);
    if (typeof words === "string") return { reason: `${source.origin}: ${words}` };
    const read = parseMocha(words.args);
    if ("problem" in read)
      return { reason: `${source.origin}: mocha option ${read.problem} is not supported by the built-in harness` };
    parsed.push(read);
    fromConfig.push(...words.spec);
    notes.push(`read ${source.origin}`, ...read.notes.map((n) => `${n} from ${source.origin}`));
  }
  // Arrays: command line first, then the rc file, then package.json (mocha concatenates them); scalars: first set wins.
  const list = (name: string, split: boolean): string[] => parsed.flatMap((p) => all(p, name, split));
  const scalar = (name: string): string | undefined => parsed.map((p) => last(p, name)).find((v) => v !== undefined);
  for (const p of parsed) specs.push(...all(p, "--spec"));
  specs.push(...fromConfig);
  if (parsed.some(watchOn)) return { reason: optionReason(command, "mocha", "--watch") };

  const ui = scalar("--ui") ?? "bdd";
  if (ui !== "bdd" && ui !== "tdd")
    return { reason: `"${command}": mocha --ui ${ui} is not supported by the built-in harness (bdd and tdd are)` };
  const files = mochaSpecFiles(root, specs, {
    extensions: list("--extension", true),
    recursive: scalar("--recursive") === "true",
    ignore: list("--ignore", false),
  });
  if (typeof files === "string") return { reason: files };
  let specFiles = files;
  if (scalar("--sort") === "true") specFiles = [...specFiles].sort();
  const first = list("--file", false).map(normalise);
  const missing = first.find((f) => !existsSync(join(root, f)));
  if (missing) return { reason: `mocha --file ${missing} does not exist` };
  const ordered = [...new Set([...first, ...specFiles])];

  const settings: RunnerRead = { files: ordered, notes, ...(ui === "tdd" ? { ui } : {}) };
  const requires = list("--require", true).map((r) => preloadSpecifier(root, r));
  const esm = requires.includes("esm") ? resolveFrom(root, "esm") : null;
  if (esm) settings.esmLoader = esm;
  const preload = requires.filter((r) => r !== "esm");
  if (preload.length > 0) settings.preload = preload;
  const conditions = list("--conditions", false);
  if (conditions.length > 0) settings.conditions = conditions;
  const timeout = scalar("--timeout");
  if (timeout !== undefined) {
    const ms = timeout === "false" ? 0 : parseDuration(timeout);
    if (ms === null) return { reason: `"${command}": mocha --timeout ${timeout} is not a duration gremlins reads` };
    settings.testTimeoutMs = ms;
  }
  if (scalar("--check-leaks") === "true") settings.leakCheck = { allowed: list("--global", true) };
  return settings;
}

/**
 * The spec files mocha loads for `specs` (none: ./test), in mocha's order: --extension replaces the default
 * extensions (as mocha's own defaults are replaced, not extended), --recursive descends, --ignore drops.
 */
export function mochaSpecFiles(
  root: string,
  specs: readonly string[],
  options: { extensions: readonly string[]; recursive: boolean; ignore: readonly string[] },
): string[] | string {
  const extensions = options.extensions.map((e) => e.replace(/^\./, ""));
  const files = lookupSpecs(
    root,
    [...new Set(specs.length > 0 ? specs : ["test"])],
    extensions.length > 0 ? extensions : DEFAULT_EXTENSIONS,
    options.recursive,
  );
  if (typeof files === "string") return files;
  const ignored = new Set(ignoredFiles(root, [...options.ignore]));
  return files.filter((f) => !ignored.has(f));
}

/** A package's main file as resolved from the project root (null when it is not installed). */
function resolveFrom(root: string, name: string): string | null {
  try {
    return createRequire(join(root, "package.json")).resolve(name);
  } catch {
    return null;
  }
}

/** mocha's --require: a path when it exists relative to the working directory (with or without .js), else a package. */
export function preloadSpecifier(root: string, module: string): string {
  if (existsSync(join(root, module)) || existsSync(join(root, `${module}.js`))) return `./${normalise(module)}`;
  return module;
}

/** mocha's lookupFiles for each spec: a file, a directory (one level unless recursive), a glob, or a path missing its extension. */
function lookupSpecs(root: string, specs: string[], extensions: string[], recursive: boolean): string[] | string {
  const found: string[] = [];
  for (const spec of specs) {
    const rel = normalise(spec);
    const abs = join(root, rel);
    if (existsSync(abs)) {
      if (statSync(abs).isFile()) found.push(rel);
      else found.push(...listDirectory(root, rel, extensions, recursive));
      continue;
    }
    const patterns = /[*?[\]{}()!+@]/.test(rel) ? [rel] : extensions.map((e) => `${rel}.${e}`);
    const matches = globSync(patterns, {
      cwd: root,
      onlyFiles: true,
      ignore: [...NEVER_WALKED],
      expandDirectories: false,
      dot: true,
    })
      .map(normalise)
      .sort((a, b) => a.localeCompare(b, "en"));
    if (matches.length === 0) return `mocha finds no test files for the spec "${spec}"`;
    found.push(...matches);
  }
  return found;
}

function listDirectory(root: string, dir: string, extensions: string[], recursive: boolean): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(root, dir)).sort()) {
    const rel = dir === "." ? name : `${dir}/${name}`;
    let isDirectory: boolean;
    try {
      isDirectory = statSync(join(root, rel)).isDirectory();
    } catch {
      continue;
    }
    if (isDirectory) {
      if (recursive && name !== "node_modules" && !isOwnName(name))
        files.push(...listDirectory(root, rel, extensions, recursive));
      continue;
    }
    if (!name.startsWith(".") && extensions.some((e) => name.endsWith(`.${e}`))) files.push(rel);
  }
  return files;
}

function ignoredFiles(root: string, patterns: string[]): string[] {
  if (patterns.length === 0) return [];
  return globSync(patterns.map(normalise), { cwd: root, onlyFiles: true, dot: true, expandDirectories: false }).map(
    normalise,
  );
}
