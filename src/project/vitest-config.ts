// Reads a vitest project's configuration for the thread executor: evaluates vitest.config.* / vite.config.*
// (and its test.projects) with the project's own vite in a child node, then turns it into the test files,
// setup files, per-test timeout and aliases vitest would use, or the one reason the harness cannot honour it.

import type { JestTransform } from "../harness/jest-transform.ts";
import type { SnapshotConfig } from "../harness/snapshot/serialize.ts";
import { existsSync, statSync } from "node:fs";
import { globSync } from "tinyglobby";
import { basename, dirname, isAbsolute, join, relative, resolve } from "pathe";
import { languageOf } from "../parse/parse.ts";
import { runConfigScript } from "./config-child.ts";
import { viteAliases, type Alias } from "./aliases.ts";
import { VITEST_EVAL_SCRIPT, type VitestEvalAnswer } from "./vitest-eval.ts";
import { readKey } from "./key-rules.ts";
import { RESOLVE_KEYS, TEST_KEYS, VITE_KEYS } from "./vitest-keys.ts";
import { OWN_GLOBS } from "../util/own-paths.ts";

/** What a runner's configuration asks of the thread executor (shared by the vitest and jest readers). */
export interface RunnerConfig {
  /** Project-relative test files, sorted. */
  files: string[];
  /** Setup modules every worker loads before the test files ("./x.ts" or package specifiers). */
  preload: string[];
  testTimeoutMs?: number;
  aliases: Alias[];
  /** Environment variables the config sets for the tests (vitest test.env). */
  env?: Record<string, string>;
  /** How keys were read, for --verbose. */
  notes: string[];
  /** jest's transformers, run by the workers on the project's files (harness/jest-transform.ts). */
  transform?: JestTransform;
  /** jest's snapshotFormat and snapshotSerializers, applied by the harness. */
  snapshot?: SnapshotConfig;
}

/** Config file names vitest looks for, in its order. */
export const VITEST_CONFIG_FILES = ["vitest.config", "vite.config"].flatMap((base) =>
  ["ts", "mts", "cts", "js", "mjs", "cjs"].map((ext) => `${base}.${ext}`),
);
const WORKSPACE_FILES = ["ts", "mts", "cts", "js", "mjs", "cjs", "json"].map((ext) => `vitest.workspace.${ext}`);

/** vitest's defaults when the installed vitest cannot be asked (vitest 4). */
const FALLBACK_DEFAULTS = {
  include: ["**/*.{test,spec}.?(c|m)[jt]s?(x)"],
  exclude: ["**/node_modules/**", "**/.git/**"],
};

type Plain = Record<string, unknown>;

/** One vitest project, resolved: where it scans and what it loads. */
export interface VitestProject {
  name: string;
  root: string;
  /** Folder the include globs are relative to (test.dir, else root). */
  dir: string;
  include: string[];
  exclude: string[];
  setupFiles: string[];
  testTimeoutMs?: number;
  aliases: Alias[];
  env: Record<string, string>;
}

export interface VitestReadOptions {
  /** `--config`/`-c` from the command line (relative to the project root). */
  config?: string;
  /** `--root`/`-r` from the command line. */
  root?: string;
  /** `--dir` from the command line. */
  dir?: string;
  /** `--exclude` globs from the command line, added to every project's test.exclude as vitest does. */
  exclude?: string[];
}

function isPlain(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

/** Where vitest's resolvePath would find a setup file: a file under root, else a package specifier. */
function resolveSetup(file: string, root: string): string {
  if (isAbsolute(file)) return file;
  const local = resolve(root, file);
  return /^\.{1,2}\//.test(file) || existsSync(local) ? local : file;
}

/**
 * The project a config describes, or why the harness cannot honour it. `cwd` is where vitest runs (roots
 * resolve from it), `label` names the file in reasons, `defaults` are the installed vitest's.
 */
export function interpretVitest(
  config: Plain,
  cwd: string,
  label: string,
  defaults: { include?: string[]; exclude?: string[] },
  notes: string[],
): VitestProject | { reason: string } {
  const refuse = (key: string, why: string): { reason: string } => ({
    reason: `${label} sets ${key} (${why}), which the built-in harness does not honour`,
  });
  const check = (table: typeof TEST_KEYS, prefix: string, object: Plain): { reason: string } | null => {
    for (const [key, value] of Object.entries(object)) {
      if (value === undefined) continue;
      const read = readKey(table, key, value);
      if (read.refused) return refuse(`${prefix}${key}`, read.refused);
      if (read.ignored) notes.push(`${label}: ignored ${prefix}${key} (${read.ignored})`);
    }
    return null;
  };
  const test = isPlain(config.test) ? config.test : {};
  const resolveOptions = isPlain(config.resolve) ? config.resolve : {};
  const problem =
    check(VITE_KEYS, "", config) ?? check(RESOLVE_KEYS, "resolve.", resolveOptions) ?? check(TEST_KEYS, "test.", test);
  if (problem) return problem;
  const environment = test.environment ?? "node";
  if (environment !== "node")
    return {
      reason: `${label} sets test.environment "${String(environment)}" (the built-in harness runs tests in node only)`,
    };
  if (toArray(test.globalSetup).length > 0)
    return {
      reason: `${label} sets test.globalSetup (run once by vitest before all test files), which the built-in harness does not run yet`,
    };
  const root = resolve(cwd, String(test.root ?? config.root ?? "."));
  const dir = test.dir === undefined ? root : resolve(root, String(test.dir));
  const include = toArray(test.include ?? defaults.include ?? FALLBACK_DEFAULTS.include).map(String);
  const exclude = toArray(test.exclude ?? defaults.exclude ?? FALLBACK_DEFAULTS.exclude).map(String);
  const setupFiles = toArray(test.setupFiles).map((f) => resolveSetup(String(f), root));
  let testTimeoutMs: number | undefined;
  if (test.testTimeout !== undefined) {
    if (typeof test.testTimeout !== "number")
      return refuse("test.testTimeout", `not a number: ${JSON.stringify(test.testTimeout)}`);
    testTimeoutMs = test.testTimeout;
  }
  // vitest puts test.alias ahead of resolve.alias (vite merges a plugin's aliases first).
  const aliases: Alias[] = [];
  for (const [key, value] of [
    ["test.alias", test.alias],
    ["resolve.alias", resolveOptions.alias],
  ] as const) {
    const read = viteAliases(value);
    if ("reason" in read) return refuse(key, read.reason);
    aliases.push(...read);
  }
  if (test.env !== undefined && (typeof test.env !== "object" || test.env === null))
    return refuse("test.env", `not an object: ${JSON.stringify(test.env)}`);
  const env = Object.fromEntries(Object.entries((test.env ?? {}) as Plain).map(([k, v]) => [k, String(v)]));
  if (test.globals === true) notes.push(`${label}: honoured test.globals (the harness installs the test globals)`);
  const name = typeof test.name === "string" ? test.name : isPlain(test.name) ? String(test.name.label ?? "") : "";
  return {
    name,
    root,
    dir,
    include,
    exclude,
    setupFiles,
    aliases,
    env,
    ...(testTimeoutMs === undefined ? {} : { testTimeoutMs }),
  };
}

/** `base` with `override` merged over it the way vite's mergeConfig does (arrays concatenated, objects deep). */
export function mergeLikeVite(base: Plain, override: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const existing = out[key];
    if (value === undefined) continue;
    if (Array.isArray(existing) || Array.isArray(value)) out[key] = [...toArray(existing), ...toArray(value)];
    else if (isPlain(existing) && isPlain(value) && !("$regexp" in value)) out[key] = mergeLikeVite(existing, value);
    else out[key] = value;
  }
  return out;
}

/** The config file vitest would use in `root`, or the one named on the command line. */
export function findVitestConfig(root: string, named?: string): string | null {
  if (named) return resolve(root, named);
  const found = VITEST_CONFIG_FILES.find((name) => existsSync(join(root, name)));
  return found ? join(root, found) : null;
}

function ask(root: string, files: string[]): VitestEvalAnswer | { reason: string } {
  const env = { VITEST: "true", TEST: "true", VITEST_MODE: "RUN", NODE_ENV: process.env.NODE_ENV ?? "test" };
  const result = runConfigScript(root, VITEST_EVAL_SCRIPT, [root, ...files], env);
  if ("error" in result) {
    const what = files.length > 0 ? files.map((f) => relative(root, f)).join(", ") : "vitest's defaults";
    return { reason: `${what} could not be evaluated with the project's vite (${result.error})` };
  }
  return result.value as VitestEvalAnswer;
}

/** Project entries of test.projects / test.workspace: inline configs and the config files that strings name. */
function projectEntries(
  entries: unknown[],
  root: string,
  label: string,
): { inline: Plain[]; files: string[] } | { reason: string } {
  const inline: Plain[] = [];
  const files: string[] = [];
  for (const entry of entries) {
    if (isPlain(entry)) {
      if (typeof entry.extends === "string")
        return {
          reason: `${label} has a project that extends ${entry.extends}, which the built-in harness does not read yet`,
        };
      inline.push(entry);
      continue;
    }
    if (typeof entry !== "string")
      return { reason: `${label} has a project given as ${typeof entry}, which the built-in harness does not read` };
    const matches = globSync([entry], {
      cwd: root,
      onlyFiles: false,
      absolute: true,
      expandDirectories: false,
      ignore: ["**/node_modules/**"],
    }).map((p) => p.replace(/\/$/, ""));
    for (const match of matches.sort()) {
      if (statSync(match).isDirectory()) {
        const config = findVitestConfig(match);
        if (config) files.push(config);
        else inline.push({ test: { root: match } });
      } else if (/\.(?:[cm]?[jt]s)$/.test(match)) files.push(match);
    }
  }
  return { inline, files };
}

function listFiles(project: VitestProject, sandbox: string): string[] {
  return globSync(project.include, {
    cwd: project.dir,
    dot: true,
    ignore: [...project.exclude, ...OWN_GLOBS],
    expandDirectories: false,
    absolute: true,
  })
    .map((f) => relative(sandbox, f))
    .filter((f) => !f.startsWith("../") && languageOf(f) !== null);
}

/**
 * A setup file as Suite.preload names it: "./path" inside the project, a package specifier for a file in a
 * node_modules outside it (a hoisted install), else the absolute path.
 */
export function asPreload(file: string, sandbox: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(sandbox, file);
  if (!rel.startsWith("../")) return `./${rel}`;
  const inPackages = file.lastIndexOf("/node_modules/");
  return inPackages >= 0 ? file.slice(inPackages + "/node_modules/".length) : file;
}

/** The same value in every project, or null when they differ. */
function agreed<T>(projects: VitestProject[], pick: (p: VitestProject) => T): T | null {
  const first = JSON.stringify(pick(projects[0] as VitestProject));
  return projects.every((p) => JSON.stringify(pick(p)) === first) ? pick(projects[0] as VitestProject) : null;
}

/** Reads the vitest configuration of the project at `sandbox` (where vitest would run). */
export function readVitestConfig(dir: string, options: VitestReadOptions = {}): RunnerConfig | { reason: string } {
  const sandbox = resolve(dir);
  const cwd = options.root ? resolve(sandbox, options.root) : sandbox;
  const notes: string[] = [];
  const workspace = WORKSPACE_FILES.find((name) => existsSync(join(cwd, name)));
  const file = findVitestConfig(cwd, options.config);
  if (file && !existsSync(file)) return { reason: `the vitest config ${options.config} does not exist` };
  const answer = ask(cwd, file ? [file] : []);
  if ("reason" in answer) return answer;
  if (workspace && Number.parseInt(answer.version, 10) < 4)
    return {
      reason: `${workspace} (a vitest workspace file) is not read by the built-in harness; move its projects to test.projects`,
    };
  if (workspace) notes.push(`ignored ${workspace} (vitest ${answer.version} does not read workspace files)`);
  const label = file ? relative(sandbox, file) : "vitest's defaults";
  const config: Plain = answer.configs[0]?.config ?? {};
  const test = isPlain(config.test) ? config.test : {};
  const entries = toArray(test.projects ?? test.workspace);
  const projects: VitestProject[] = [];
  if (entries.length === 0) {
    const project = interpretVitest(config, cwd, label, answer.defaults, notes);
    if ("reason" in project) return project;
    projects.push(project);
  } else {
    const { projects: _p, workspace: _w, ...rootTest } = test;
    const rootConfig: Plain = { ...config, test: rootTest };
    const found = projectEntries(entries, cwd, label);
    if ("reason" in found) return found;
    const loaded =
      found.files.length > 0
        ? ask(cwd, found.files)
        : { configs: [], defaults: answer.defaults, version: answer.version };
    if ("reason" in loaded) return loaded;
    const all: { config: Plain; cwd: string; label: string }[] = [
      ...found.inline.map((c) => ({
        config: c,
        cwd,
        label: `${label} (project ${String((c.test as Plain | undefined)?.name ?? "inline")})`,
      })),
      ...loaded.configs.map((c) => ({ config: c.config, cwd: dirname(c.file), label: relative(sandbox, c.file) })),
    ];
    for (const entry of all) {
      const { extends: inherit, ...own } = entry.config;
      const merged = inherit === true ? mergeLikeVite(rootConfig, own) : own;
      // A project's root defaults to the folder of its config file.
      const withRoot =
        isPlain(merged.test) && merged.test.root !== undefined ? merged : { ...merged, root: merged.root ?? entry.cwd };
      const project = interpretVitest(withRoot, cwd, entry.label, answer.defaults, notes);
      if ("reason" in project) return project;
      projects.push(project);
    }
    if (projects.length === 0) return { reason: `${label} sets test.projects, but none was found` };
  }
  const preload = agreed(projects, (p) => p.setupFiles);
  const aliases = agreed(projects, (p) => p.aliases);
  const env = agreed(projects, (p) => p.env);
  if (preload === null || aliases === null || env === null) {
    return {
      reason: `${label} has projects with different ${preload === null ? "setupFiles" : aliases === null ? "aliases" : "env"}, which the built-in harness cannot load side by side`,
    };
  }
  // One timeout for all: the longest a project sets (vitest's 5 s default for the others).
  const timeouts = projects.map((p) => p.testTimeoutMs);
  const timeout = timeouts.every((t) => t === undefined) ? null : Math.max(...timeouts.map((t) => t ?? 5000));
  if (new Set(timeouts).size > 1)
    notes.push(`${label}: projects set different testTimeout values; the harness applies the longest, ${timeout} ms`);
  if (options.dir) for (const p of projects) p.dir = resolve(cwd, options.dir);
  if (options.exclude) for (const p of projects) p.exclude.push(...options.exclude);
  const files = [...new Set(projects.flatMap((p) => listFiles(p, sandbox)))].sort();
  if (projects.length > 1)
    notes.push(`${label}: ${projects.length} projects (${projects.map((p) => p.name || basename(p.root)).join(", ")})`);
  return {
    files,
    preload: preload.map((f) => asPreload(f, sandbox)),
    aliases,
    ...(Object.keys(env).length > 0 ? { env } : {}),
    notes,
    ...(timeout === null ? {} : { testTimeoutMs: timeout }),
  };
}
