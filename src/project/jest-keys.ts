// Which jest config keys the thread executor honours, which it may ignore (output, coverage, watch mode,
// how jest spreads work: from jest's configuration docs), and which send the suite to spawn.

import { empty, falsy, harmless, HONOURED, offOnly, refused, type KeyRule } from "./key-rules.ts";

const TS_JEST_PRESET =
  /^ts-jest(\/presets\/(default|default-esm|js-with-ts|js-with-ts-esm|js-with-babel|js-with-babel-esm|default-legacy|default-esm-legacy|js-with-ts-legacy|js-with-ts-esm-legacy|js-with-babel-legacy|js-with-babel-esm-legacy))?$/;

export const JEST_KEYS: Record<string, KeyRule> = {
  rootDir: HONOURED,
  roots: HONOURED,
  testMatch: HONOURED,
  testRegex: HONOURED,
  testPathIgnorePatterns: HONOURED,
  moduleFileExtensions: HONOURED,
  setupFiles: HONOURED,
  setupFilesAfterEnv: HONOURED,
  moduleNameMapper: HONOURED,
  moduleDirectories: HONOURED,
  testEnvironment: HONOURED,
  transform: HONOURED,
  testTimeout: HONOURED,
  preset: {
    check: (value) =>
      typeof value === "string" && TS_JEST_PRESET.test(value) ? null : `the preset ${JSON.stringify(value)}`,
  },
  globals: {
    check: (value) => {
      const keys = Object.keys((value ?? {}) as object).filter((k) => k !== "ts-jest");
      return keys.length === 0 ? null : `globals for the tests (${keys[0]})`;
    },
  },
  displayName: harmless("output only"),
  verbose: harmless("output only"),
  silent: harmless("output only"),
  reporters: harmless("output only"),
  notify: harmless("output only"),
  notifyMode: harmless("output only"),
  testLocationInResults: harmless("output only"),
  testResultsProcessor: harmless("output only"),
  slowTestThreshold: harmless("output only"),
  errorOnDeprecated: harmless("output only"),
  collectCoverage: harmless("gremlins records its own coverage"),
  collectCoverageFrom: harmless("gremlins records its own coverage"),
  coverageDirectory: harmless("gremlins records its own coverage"),
  coveragePathIgnorePatterns: harmless("gremlins records its own coverage"),
  coverageProvider: harmless("gremlins records its own coverage"),
  coverageReporters: harmless("gremlins records its own coverage"),
  coverageThreshold: harmless("gremlins records its own coverage"),
  watchman: harmless("watch mode is off in a run"),
  watchPathIgnorePatterns: harmless("watch mode is off in a run"),
  watchPlugins: harmless("watch mode is off in a run"),
  bail: harmless("gremlins stops at the first failure itself"),
  cache: harmless("jest's transform cache"),
  cacheDirectory: harmless("jest's transform cache"),
  ci: harmless("only decides whether new snapshots are written"),
  maxWorkers: harmless("how jest spreads files over workers"),
  maxConcurrency: harmless("the harness runs tests one at a time"),
  workerIdleMemoryLimit: harmless("how jest spreads files over workers"),
  workerThreads: harmless("how jest spreads files over workers"),
  testSequencer: harmless("the order of test files"),
  openHandlesTimeout: harmless("gremlins applies its own time limits"),
  detectOpenHandles: harmless("a diagnostic"),
  forceExit: harmless("gremlins ends its workers itself"),
  passWithNoTests: harmless("exit code with no test files"),
  snapshotSerializers: harmless("snapshot printing, applied by the harness as jest applies it"),
  snapshotResolver: harmless(
    "snapshot printing: a suite that uses snapshots under it falls back to spawn (harness/snapshot)",
  ),
  snapshotFormat: harmless("snapshot printing, applied by the harness as jest applies it"),
  testFailureExitCode: harmless("exit code"),
  prettierPath: harmless("inline snapshot formatting; snapshots are compared read-only"),
  transformIgnorePatterns: harmless("the harness loads dependencies natively"),
  extensionsToTreatAsEsm: harmless("the harness loads ES modules natively"),
  injectGlobals: harmless(
    "the harness always provides the globals; tests that import @jest/globals get the same functions",
  ),
  dependencyExtractor: harmless("jest's change tracking"),
  haste: harmless("jest's file map"),
  id: harmless("jest's cache key"),
  $schema: harmless("editor hint"),
  seed: harmless("only used by tests that ask jest.getSeed()"),
  showSeed: harmless("output only"),
  testRunner: {
    check: (value) =>
      value === "jest-circus" || value === "jest-circus/runner" ? null : `the test runner ${JSON.stringify(value)}`,
  },
  runner: { check: (value) => (value === "jest-runner" ? null : `the runner ${JSON.stringify(value)}`) },
  testEnvironmentOptions: {
    check: (value) =>
      (value as { customExportConditions?: unknown } | null)?.customExportConditions === undefined
        ? null
        : "customExportConditions",
  },
  clearMocks: offOnly("mocks cleared before each test", falsy),
  resetMocks: offOnly("mocks reset before each test", falsy),
  restoreMocks: offOnly("mocks restored before each test", falsy),
  resetModules: offOnly("the module registry reset before each test", falsy),
  automock: offOnly("automatic mocks", falsy),
  randomize: offOnly("tests in random order", falsy),
  fakeTimers: offOnly("fake timers for every test", (v) => !(v as { enableGlobally?: unknown } | null)?.enableGlobally),
  modulePathIgnorePatterns: offOnly("module paths hidden from the resolver", empty),
  modulePaths: offOnly("extra module paths", empty),
  unmockedModulePathPatterns: harmless("only used with automock"),
  sandboxInjectedGlobals: offOnly("globals injected into each test file", empty),
  resolver: refused("a custom resolver"),
  projects: offOnly("several jest projects", empty),
  globalSetup: offOnly(
    "a global setup module (run once by jest before all test files; not run by the built-in harness yet)",
    empty,
  ),
  globalTeardown: offOnly("a global teardown module (not run by the built-in harness yet)", empty),
  testNamePattern: refused("a test name filter"),
  collectCoverageOnlyFrom: harmless("gremlins records its own coverage"),
  waitForUnhandledRejections: offOnly("waiting for unhandled rejections", falsy),
};
