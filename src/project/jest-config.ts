// Reads a jest project's configuration for the thread executor: jest.config.{js,ts,mjs,cjs,json} or
// package.json "jest", read and normalised by the project's own jest-config in a child node, then turned
// into test files, setup files, timeout and aliases, or the one reason the harness cannot honour it.

import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "pathe";
import { languageOf } from "../parse/parse.ts";
import { stripTypes } from "../config/strip-types.ts";
import { hasModuleSyntax } from "../config/rewrite-import.ts";
import { runConfigScript } from "./config-child.ts";
import { jestAliases, type Alias } from "./aliases.ts";
import { readKey } from "./key-rules.ts";
import { JEST_KEYS } from "./jest-keys.ts";
import { JEST_EVAL_SCRIPT, type JestEvalAnswer, type JestOptions } from "./jest-eval.ts";
import type { JestTransform } from "../harness/jest-transform.ts";
import type { SnapshotConfig } from "../harness/snapshot/serialize.ts";
import { asPreload, type RunnerConfig } from "./vitest-config.ts";

/** jest's config file names, in its order. */
export const JEST_CONFIG_FILES = ["js", "ts", "mjs", "cjs", "mts", "cts", "json"].map((ext) => `jest.config.${ext}`);

function packageName(path: string): string {
  const parts = path.split("/node_modules/").pop()?.split("/") ?? [path];
  return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? path);
}

/** How reasons name where the config came from. */
function labelOf(sandbox: string, configPath: string | null): string {
  if (!configPath) return "the jest config";
  if (basename(configPath) === "package.json") return `${relative(sandbox, configPath) || "package.json"} "jest"`;
  return relative(sandbox, configPath);
}

/** The thread executor's reading of what the child answered (pure: unit-tested on plain answers). */
export function interpretJest(answer: JestEvalAnswer, sandbox: string): RunnerConfig | { reason: string } {
  const defaultsOnly =
    Object.keys(answer.raw).every((key) => key === "rootDir") &&
    (answer.configPath === null || basename(answer.configPath) === "package.json");
  const label = defaultsOnly ? "jest's defaults" : labelOf(sandbox, answer.configPath);
  const notes: string[] = [];
  const refuse = (key: string, why: string): { reason: string } => ({
    reason: `${label} sets ${key} (${why}), which the built-in harness does not honour`,
  });
  for (const [key, value] of Object.entries(answer.raw)) {
    if (value === undefined) continue;
    const read = readKey(JEST_KEYS, key, value);
    if (read.refused) return refuse(key, read.refused);
    if (read.ignored) notes.push(`${label}: ignored ${key} (${read.ignored})`);
  }
  const environment = answer.raw.testEnvironment;
  if (environment !== undefined && environment !== "node" && environment !== "jest-environment-node") {
    return {
      reason: `${label} sets testEnvironment ${JSON.stringify(environment)} (the built-in harness runs tests in node only)`,
    };
  }
  const options = answer.options;
  if (!options) return { reason: `${label} could not be read by jest (${answer.normalizeError ?? "unknown error"})` };
  if (!/[\\/]jest-environment-node[\\/]/.test(options.testEnvironment)) {
    return {
      reason: `${label} ${defaultsOnly ? "run" : "runs"} tests in ${packageName(options.testEnvironment)} (the built-in harness runs tests in node only)`,
    };
  }
  if (/[\\/]jest-jasmine2[\\/]/.test(options.testRunner)) {
    return {
      reason: `${label} ${defaultsOnly ? "run" : "runs"} tests with jest-jasmine2 (jasmine's globals such as spyOn and jasmine.*, which the built-in harness does not emulate)`,
    };
  }
  const transform = transformOf(answer, options);
  for (const [pattern, path] of transform?.entries ?? []) {
    const name = path.includes("/node_modules/") ? packageName(path) : relative(sandbox, path);
    notes.push(`${label}: transform ${pattern} → ${name}, run in the workers as jest runs it`);
  }
  const local = (file: string): string => asPreload(file, sandbox);
  const preload = [...options.setupFiles, ...options.setupFilesAfterEnv].map(local);
  const aliases: Alias[] = jestAliases(options.moduleNameMapper);
  for (const dir of options.moduleDirectories) {
    if (dir === "node_modules") continue;
    const base = isAbsolute(dir) ? dir : join(options.rootDir, dir);
    aliases.push({ find: "^(?![./]|node:)([\\s\\S]+)$", replacement: `${base.replace(/\$/g, "$$$$")}/$1` });
    notes.push(`${label}: moduleDirectories "${dir}" looked up in ${relative(sandbox, base) || "."}`);
  }
  const timeout = answer.raw.testTimeout;
  if (timeout !== undefined && typeof timeout !== "number")
    return refuse("testTimeout", `not a number: ${JSON.stringify(timeout)}`);
  const files = answer.files
    .map((f) => relative(sandbox, f))
    .filter((f) => !f.startsWith("../") && languageOf(f) !== null);
  const snapshot = snapshotOf(options, answer.raw);
  if (snapshot)
    notes.push(`${label}: snapshotFormat and snapshotSerializers applied to snapshots, as jest applies them`);
  return {
    files,
    preload,
    aliases,
    notes,
    ...(snapshot ? { snapshot } : {}),
    ...(typeof timeout === "number" ? { testTimeoutMs: timeout } : {}),
    ...(transform ? { transform } : {}),
  };
}

/**
 * The snapshot options the harness must apply, or undefined for jest 29's defaults (the harness's own) left unset:
 * before jest 28 there is no snapshotFormat (pretty-format's defaults: escaped strings, "Object {").
 */
function snapshotOf(options: JestOptions, raw: Record<string, unknown>): SnapshotConfig | undefined {
  const format = options.snapshotFormat ?? {};
  const serializers = options.snapshotSerializers ?? [];
  const defaults =
    Object.keys(format).length === 2 && format.escapeString === false && format.printBasicPrototype === false;
  const set = raw.snapshotFormat !== undefined || raw.snapshotSerializers !== undefined;
  return defaults && serializers.length === 0 && !set ? undefined : { format, serializers };
}

/** Extensions jest loads as CommonJS and may transform (not data, addons or ES modules). */
const NOT_TRANSFORMED = new Set(["json", "node", "mjs", "mts"]);

/** The project's transformers as the workers run them (see harness/jest-transform.ts); undefined when there are none. */
function transformOf(answer: JestEvalAnswer, options: JestOptions): JestTransform | undefined {
  // Without a babel config, babel-jest applies babel-preset-jest alone: syntax plugins and the hoisting of
  // jest.mock calls, which the harness does itself (files with module mocks are its business: harness/).
  const entries = options.transform.filter(
    ([, path]) => !(answer.babelWithoutConfig && packageName(path) === "babel-jest"),
  );
  if (entries.length === 0 || !answer.projectConfig) return undefined;
  return {
    entries: entries.map(([pattern, path, config]) => [pattern, path, config ?? {}]),
    ignore: options.transformIgnorePatterns,
    config: answer.projectConfig,
    jestMajor: Number.parseInt(answer.jestVersion, 10) || 0,
    extensions: options.moduleFileExtensions.filter((e) => !NOT_TRANSFORMED.has(e)).map((e) => `.${e}`),
  };
}

/** A JavaScript copy of a TypeScript jest config, next to it, for a node that cannot load it (no ts-node). */
function strippedCopy(file: string): string {
  const source = readFileSync(file, "utf8");
  const code = stripTypes(source, file);
  const copy = join(
    dirname(file),
    `.gremlins-jest-${process.pid}-${Math.random().toString(36).slice(2, 8)}.${hasModuleSyntax(code, file) ? "mjs" : "cjs"}`,
  );
  writeFileSync(copy, code);
  return copy;
}

function ask(sandbox: string, config: string | undefined): JestEvalAnswer | { error: string } {
  const result = runConfigScript(sandbox, JEST_EVAL_SCRIPT, [sandbox, ...(config ? [config] : [])], {
    NODE_ENV: process.env.NODE_ENV ?? "test",
  });
  return "error" in result ? result : (result.value as JestEvalAnswer);
}

export interface JestReadOptions {
  /** `--config`/`-c` from the command line (a path relative to the project root). */
  config?: string;
}

/** Reads the jest configuration of the project at `dir` (where jest would run). */
export function readJestConfig(dir: string, options: JestReadOptions = {}): RunnerConfig | { reason: string } {
  const sandbox = resolve(dir);
  if (options.config?.trim().startsWith("{"))
    return { reason: "a jest --config given as JSON text is not read by the built-in harness" };
  const named = options.config ? resolve(sandbox, options.config) : undefined;
  if (named && !existsSync(named)) return { reason: `the jest config ${options.config} does not exist` };
  let answer = ask(sandbox, named);
  // No ts-node in the project: jest cannot load a .ts config on this Node; gremlins strips its types instead.
  const ts =
    named ??
    JEST_CONFIG_FILES.filter((f) => /\.c?ts$/.test(f))
      .map((f) => join(sandbox, f))
      .find((f) => existsSync(f));
  if ("error" in answer && ts && /TypeScript config file/.test(answer.error)) {
    let copy: string | null = null;
    try {
      copy = strippedCopy(ts);
      answer = ask(sandbox, copy);
      if (!("error" in answer)) answer.configPath = ts;
    } catch (error) {
      return {
        reason: `${relative(sandbox, ts)} could not be read (${error instanceof Error ? error.message : String(error)})`,
      };
    } finally {
      if (copy) rmSync(copy, { force: true });
    }
  }
  if ("error" in answer)
    return { reason: `the jest config could not be read with the project's jest (${answer.error})` };
  return interpretJest(answer, sandbox);
}
