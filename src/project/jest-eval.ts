// The child-process script that reads a jest configuration with the project's own jest-config
// (readInitialOptions + normalize: jest.config.*, package.json "jest", presets, <rootDir>), lists the test
// files the way jest's search does (roots, testMatch/testRegex, ignore patterns, moduleFileExtensions) and,
// when babel-jest transforms the code, asks the project's @babel/core which presets and plugins apply.

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
  /** babel-jest's view of the project's babel config, when babel-jest is a transform. */
  babel: { config: string | null; presets: string[]; plugins: string[] } | null;
}

/** argv: root, then optionally the config path (`--config`, or a type-stripped copy of a .ts config). */
export const JEST_EVAL_SCRIPT = `
import { createRequire } from "node:module";
import { readdirSync } from "node:fs";
import { extname, join } from "node:path";
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
  const { config, configPath } = await jestConfig.readInitialOptions(configArg || undefined, { packageRootOrConfig: root });
  const raw = { ...config };
  let options = null;
  let normalizeError;
  try {
    options = (await jestConfig.normalize({ ...config }, { $0: "jest", _: [] }, configPath, 0)).options;
  } catch (error) {
    normalizeError = error instanceof Error ? error.message.split("\\n").find((l) => l.trim()) : String(error);
  }
  const files = [];
  let babel = null;
  if (options) {
    const { globsToMatcher } = jestRequire("jest-util");
    const extensions = new Set(options.moduleFileExtensions.map((e) => "." + e));
    const ignore = options.testPathIgnorePatterns.length > 0 ? new RegExp(options.testPathIgnorePatterns.join("|")) : null;
    const byGlob = options.testMatch.length > 0 ? globsToMatcher(options.testMatch) : null;
    const regexes = options.testRegex.map((r) => new RegExp(r));
    const isTest = (path) => !(ignore && ignore.test(path)) && (byGlob ? byGlob(path) : regexes.some((r) => r.test(path)));
    const seen = new Set();
    const walk = (dir) => {
      let entries;
      try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (![".git", ".hg", ".sl", "node_modules", ".gremlins"].includes(entry.name)) walk(path);
        } else if (entry.isFile() && extensions.has(extname(entry.name)) && isTest(path) && !seen.has(path)) {
          seen.add(path);
          files.push(path);
        }
      }
    };
    for (const dir of options.roots) walk(dir);
    const babelJest = options.transform.find(([, path]) => /[\\\\/]babel-jest[\\\\/]/.test(path));
    if (babelJest) {
      const babelCore = createRequire(babelJest[1])("@babel/core");
      const partial = babelCore.loadPartialConfig({ cwd: options.rootDir, root: options.rootDir, filename: join(options.rootDir, "gremlins-probe.js"), caller: { name: "babel-jest", supportsDynamicImport: false, supportsStaticESM: false } });
      const name = (item) => item.file?.request ?? item.name ?? "unknown";
      babel = partial ? { config: partial.config ?? partial.babelrc ?? null, presets: partial.options.presets.map(name), plugins: partial.options.plugins.map(name) } : null;
    }
  }
  const pick = options && {
    rootDir: options.rootDir, roots: options.roots, testEnvironment: options.testEnvironment, transform: options.transform,
    setupFiles: options.setupFiles, setupFilesAfterEnv: options.setupFilesAfterEnv, moduleNameMapper: options.moduleNameMapper,
    moduleDirectories: options.moduleDirectories, testRunner: options.testRunner, runner: options.runner,
  };
  answer({ raw, configPath, options: pick, normalizeError, files: files.sort(), babel });
} catch (error) {
  fail(error);
}
`;
