// The child-process script that reads a jest configuration with the project's own jest-config
// (readInitialOptions + normalize: jest.config.*, package.json "jest", presets, <rootDir>), lists the test
// files the way jest's search does (roots, testMatch/testRegex, ignore patterns, moduleFileExtensions), and
// answers jest's version and whole project config for the transformers the workers run.

import { OWN_NAME } from "../util/own-paths.ts";
import { ANSWER_SNIPPET } from "./config-child.ts";

/** The normalised options the reader uses. */
export interface JestOptions {
  rootDir: string;
  roots: string[];
  testEnvironment: string;
  transform: [string, string, unknown][];
  setupFiles: string[];
  setupFilesAfterEnv: string[];
  moduleNameMapper: [string, string | string[]][];
  moduleDirectories: string[];
  testRunner: string;
  runner: string;
  transformIgnorePatterns: string[];
  moduleFileExtensions: string[];
  /** Normalised (jest 29+: its defaults merged in); absent before jest 28. */
  snapshotFormat?: Record<string, unknown>;
  /** Resolved module paths. */
  snapshotSerializers: string[];
}

/** What the child answers. */
export interface JestEvalAnswer {
  /** The config as written (plus jest's rootDir), plain form (see ANSWER_SNIPPET). */
  raw: Record<string, unknown>;
  configPath: string | null;
  /** null when normalize failed (normalizeError says why). */
  options: JestOptions | null;
  normalizeError?: string;
  /** Absolute paths of the test files jest would run. */
  files: string[];
  /** The project's jest-config version ("30.5.2"). */
  jestVersion: string;
  /** babel-jest is a transform and the project has no babel config (babel-jest then applies only babel-preset-jest). */
  babelWithoutConfig: boolean;
  /** jest's whole normalised project config (plain form), as transformers receive it. */
  projectConfig: Record<string, unknown> | null;
}

/** argv: root, then optionally the config path (`--config`, or a type-stripped copy of a .ts config). */
export const JEST_EVAL_SCRIPT = `
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";
${ANSWER_SNIPPET}
try {
  const [root, configArg] = process.argv.slice(1);
  const projectRequire = createRequire(join(root, "package.json"));
  const attempts = [
    () => projectRequire.resolve("jest-config"),
    () => createRequire(projectRequire.resolve("jest/package.json")).resolve("jest-config"),
    () => createRequire(createRequire(projectRequire.resolve("jest/package.json")).resolve("jest-cli/package.json")).resolve("jest-config"),
  ];
  let jestConfigPath = null;
  for (const attempt of attempts) {
    try { jestConfigPath = attempt(); break; } catch {}
  }
  if (!jestConfigPath) throw new Error("jest-config was not found from the project (is jest installed?)");
  const jestRequire = createRequire(jestConfigPath);
  const jestConfig = jestRequire(jestConfigPath);
  let jestVersion = "0.0.0";
  for (const candidate of ["../package.json", "./package.json"]) {
    try {
      const pkg = jestRequire(candidate);
      if (pkg.name === "jest-config") { jestVersion = pkg.version; break; }
    } catch {}
  }
  let raw;
  let configPath;
  let options = null;
  let normalizeError;
  const firstLine = (error) => (error instanceof Error ? error.message.split("\\n").find((l) => l.trim()) : String(error));
  if (typeof jestConfig.readInitialOptions === "function") {
    const initial = await jestConfig.readInitialOptions(configArg || undefined, { packageRootOrConfig: root });
    raw = { ...initial.config };
    configPath = initial.configPath;
    try {
      options = (await jestConfig.normalize({ ...initial.config }, { $0: "jest", _: [] }, configPath, 0)).options;
    } catch (error) {
      normalizeError = firstLine(error);
    }
  } else {
    // jest before 29: readConfig normalises; the config as written is read here.
    try {
      const read = await jestConfig.readConfig({ $0: "jest", _: [], ...(configArg ? { config: configArg } : {}) }, root);
      configPath = read.configPath ?? null;
      // jest 20–28 answer { projectConfig }, jest before 20 { config } (both normalised).
      options = read.projectConfig ?? read.config ?? null;
      if (!options) normalizeError = "jest-config's readConfig answered no project config (keys: " + Object.keys(read ?? {}).join(", ") + ")";
    } catch (error) {
      normalizeError = firstLine(error);
    }
    const path = configPath ?? join(root, "package.json");
    if (path.endsWith("package.json")) raw = JSON.parse(readFileSync(path, "utf8")).jest ?? {};
    else if (path.endsWith(".json")) raw = JSON.parse(readFileSync(path, "utf8"));
    else {
      const loaded = await import(pathToFileURL(path).href);
      raw = loaded.default ?? loaded;
      if (typeof raw === "function") raw = await raw();
    }
    raw = { rootDir: options?.rootDir ?? root, ...raw };
    configPath ??= path;
  }
  const files = [];
  let babelWithoutConfig = false;
  if (options) {
    const jestUtil = jestRequire("jest-util");
    const globsToMatcher = jestUtil.globsToMatcher ?? ((globs) => {
      const micromatch = jestRequire("micromatch");
      const some = micromatch.some ?? micromatch.any;
      return (path) => some(path, globs, { dot: true });
    });
    const extensions = new Set(options.moduleFileExtensions.map((e) => "." + e));
    const ignore = options.testPathIgnorePatterns.length > 0 ? new RegExp(options.testPathIgnorePatterns.join("|")) : null;
    const byGlob = options.testMatch.length > 0 ? globsToMatcher(options.testMatch) : null;
    const regexes = [options.testRegex].flat().filter(Boolean).map((r) => new RegExp(r));
    const isTest = (path) => !(ignore && ignore.test(path)) && (byGlob ? byGlob(path) : regexes.some((r) => r.test(path)));
    const seen = new Set();
    const walk = (dir) => {
      let entries;
      try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (![".git", ".hg", ".sl", "node_modules"].includes(entry.name) && !${OWN_NAME}.test(entry.name)) walk(path);
        } else if (entry.isFile() && extensions.has(extname(entry.name)) && isTest(path) && !seen.has(path)) {
          seen.add(path);
          files.push(path);
        }
      }
    };
    for (const dir of options.roots) walk(dir);
    const babelJest = (options.transform ?? []).find(([, path]) => /[\\\\/]babel-jest[\\\\/]/.test(path));
    if (babelJest) {
      try {
        const partial = createRequire(babelJest[1])("@babel/core").loadPartialConfig({ cwd: options.rootDir, root: options.rootDir, filename: join(options.rootDir, "gremlins-probe.js"), caller: { name: "babel-jest", supportsDynamicImport: false, supportsStaticESM: false } });
        babelWithoutConfig = Boolean(partial) && !partial.config && !partial.babelrc;
      } catch {
        // babel-jest before 24 runs babel 6 (babel-core): its config is not looked for; the transformer runs.
      }
    }
  }
  // Older jests name some options differently: setupTestFrameworkScriptFile (before 24), a moduleNameMapper object (before 20).
  const mapper = options?.moduleNameMapper ?? [];
  const pick = options && {
    rootDir: options.rootDir, roots: options.roots, testEnvironment: options.testEnvironment, transform: options.transform ?? [],
    setupFiles: options.setupFiles ?? [],
    setupFilesAfterEnv: options.setupFilesAfterEnv ?? (options.setupTestFrameworkScriptFile ? [options.setupTestFrameworkScriptFile] : []),
    moduleNameMapper: Array.isArray(mapper) ? mapper : Object.entries(mapper),
    moduleDirectories: options.moduleDirectories ?? ["node_modules"], testRunner: options.testRunner ?? "jest-circus", runner: options.runner ?? "jest-runner",
    transformIgnorePatterns: options.transformIgnorePatterns ?? ["/node_modules/"], moduleFileExtensions: options.moduleFileExtensions ?? ["js"],
    snapshotFormat: options.snapshotFormat, snapshotSerializers: options.snapshotSerializers ?? [],
  };
  answer({ raw, configPath, options: pick, normalizeError, files: files.sort(), jestVersion, projectConfig: options, babelWithoutConfig });
} catch (error) {
  fail(error);
}
`;
