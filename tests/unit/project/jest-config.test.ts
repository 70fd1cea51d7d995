// readJestConfig on small temp projects (read and normalised by the project's own jest-config: package.json
// "jest", jest.config.js / .mjs / .ts with types, presets of <rootDir>), and interpretJest on plain answers for
// what needs packages this repository does not install (ts-jest, a babel preset).
import { describe, expect, test } from "bun:test";
import { interpretJest, readJestConfig } from "../../../src/project/jest-config.ts";
import type { JestEvalAnswer, JestOptions } from "../../../src/project/jest-eval.ts";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { removeProject, tempProject } from "./_temp-project.ts";

const TESTS = {
  "test/a.test.js": "",
  "test/skip/b.test.js": "",
  "spec/c.spec.js": "",
  "src/d.js": "",
  "__tests__/e.js": "",
};
const PKG = JSON.stringify({ name: "p", private: true });

interface Case {
  name: string;
  files: Record<string, string>;
  options?: { config?: string };
  expected: Record<string, unknown>;
}

const CASES: Case[] = [
  {
    name: "no config: jest's default testMatch",
    files: { "package.json": PKG },
    expected: {
      files: ["__tests__/e.js", "spec/c.spec.js", "test/a.test.js", "test/skip/b.test.js"],
      preload: [],
      aliases: [],
      notes: [],
    },
  },
  {
    name: 'package.json "jest": testMatch, setupFiles then setupFilesAfterEnv, testTimeout',
    files: {
      "package.json": JSON.stringify({
        name: "p",
        jest: {
          testMatch: ["**/spec/**/*.spec.js"],
          setupFiles: ["<rootDir>/setup.js"],
          setupFilesAfterEnv: ["./after.js"],
          testTimeout: 1000,
          verbose: true,
        },
      }),
      "setup.js": "",
      "after.js": "",
    },
    expected: {
      files: ["spec/c.spec.js"],
      preload: ["./setup.js", "./after.js"],
      aliases: [],
      testTimeoutMs: 1000,
      notes: ['package.json "jest": ignored verbose (output only)'],
    },
  },
  {
    name: "jest.config.js (CommonJS): roots, testRegex, testPathIgnorePatterns, moduleNameMapper with $1 and a list of paths",
    files: {
      "package.json": PKG,
      "jest.config.js": `module.exports = {
  roots: ["<rootDir>/test"],
  testRegex: "\\\\.test\\\\.js$",
  testPathIgnorePatterns: ["/node_modules/", "/skip/"],
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/src/$1", "\\\\.css$": ["<rootDir>/a.js", "<rootDir>/b.js"] },
};`,
    },
    expected: {
      files: ["test/a.test.js"],
      preload: [],
      aliases: [
        { find: "^[\\s\\S]*?(?:^@/(.*)$)[\\s\\S]*$", replacement: "$DIR/src/$1" },
        { find: "^[\\s\\S]*?(?:\\.css$)[\\s\\S]*$", replacement: "$DIR/a.js" },
        { find: "^[\\s\\S]*?(?:\\.css$)[\\s\\S]*$", replacement: "$DIR/b.js" },
      ],
      notes: [],
    },
  },
  {
    name: "jest.config.ts with types (no ts-node here: gremlins strips the types)",
    files: {
      "package.json": PKG,
      "jest.config.ts": `import type { Config } from "jest";
const config: Config = { testMatch: ["<rootDir>/test/*.test.js"] as string[], moduleDirectories: ["node_modules", "src"] };
export default config;`,
    },
    expected: {
      files: ["test/a.test.js"],
      preload: [],
      aliases: [{ find: "^(?![./]|node:)([\\s\\S]+)$", replacement: "$DIR/src/$1" }],
      notes: ['jest.config.ts: moduleDirectories "src" looked up in src'],
    },
  },
  {
    name: "jest.config.mjs exporting an async function; --config names it",
    files: {
      "package.json": PKG,
      "config/jest.mjs": `export default async () => ({ rootDir: "..", testMatch: ["**/__tests__/**/*.js"] });`,
    },
    options: { config: "config/jest.mjs" },
    expected: { files: ["__tests__/e.js"], preload: [], aliases: [], notes: [] },
  },
  {
    name: "an unknown key",
    files: { "package.json": PKG, "jest.config.js": `module.exports = { fooBar: 1 };` },
    expected: {
      reason: "jest.config.js sets fooBar (unknown to gremlins), which the built-in harness does not honour",
    },
  },
  {
    name: "testEnvironment jsdom",
    files: { "package.json": PKG, "jest.config.js": `module.exports = { testEnvironment: "jsdom" };` },
    expected: { reason: 'jest.config.js sets testEnvironment "jsdom" (the built-in harness runs tests in node only)' },
  },
  {
    name: "mocks reset before each test",
    files: { "package.json": JSON.stringify({ name: "p", jest: { resetMocks: true } }) },
    expected: {
      reason:
        'package.json "jest" sets resetMocks (mocks reset before each test), which the built-in harness does not honour',
    },
  },
  {
    name: "globalSetup",
    files: { "package.json": PKG, "jest.config.js": `module.exports = { globalSetup: "./g.js" };` },
    expected: {
      reason:
        "jest.config.js sets globalSetup (a global setup module (run once by jest before all test files; not run by the built-in harness yet)), which the built-in harness does not honour",
    },
  },
];

describe("readJestConfig", () => {
  for (const c of CASES) {
    test(
      c.name,
      () => {
        const dir = tempProject({ ...TESTS, ...c.files });
        try {
          const expected = JSON.parse(JSON.stringify(c.expected).replaceAll("$DIR", dir));
          expect(readJestConfig(dir, c.options)).toEqual(expected);
        } finally {
          removeProject(dir);
        }
      },
      30_000,
    );
  }
});

const OPTIONS: JestOptions = {
  rootDir: "/p",
  roots: ["/p"],
  testEnvironment: "/p/node_modules/jest-environment-node/build/index.js",
  transform: [["\\.[jt]sx?$", "/p/node_modules/babel-jest/build/index.js", {}]],
  setupFiles: [],
  setupFilesAfterEnv: [],
  moduleNameMapper: [],
  moduleDirectories: ["node_modules"],
  testRunner: "/p/node_modules/jest-circus/build/runner.js",
  runner: "/p/node_modules/jest-runner/build/index.js",
  transformIgnorePatterns: ["/node_modules/"],
  moduleFileExtensions: ["js", "ts", "json", "node", "mjs"],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  snapshotSerializers: [],
};

function answer(raw: Record<string, unknown>, options: Partial<JestOptions> = {}): JestEvalAnswer {
  return {
    raw: { rootDir: "/p", ...raw },
    configPath: "/p/jest.config.ts",
    options: { ...OPTIONS, ...options },
    files: ["/p/test/a.test.ts"],
    jestVersion: "30.5.2",
    projectConfig: { rootDir: "/p", cwd: "/p" },
    babelWithoutConfig: false,
  };
}

describe("interpretJest", () => {
  test("preset ts-jest: the workers run ts-jest itself, with jest's project config", () => {
    const read = interpretJest(
      answer(
        { preset: "ts-jest" },
        { transform: [["^.+\\.tsx?$", "/p/node_modules/ts-jest/dist/index.js", { tsconfig: "t.json" }]] },
      ),
      "/p",
    );
    expect(read).toEqual({
      files: ["test/a.test.ts"],
      preload: [],
      aliases: [],
      notes: ["jest.config.ts: transform ^.+\\.tsx?$ → ts-jest, run in the workers as jest runs it"],
      transform: {
        entries: [["^.+\\.tsx?$", "/p/node_modules/ts-jest/dist/index.js", { tsconfig: "t.json" }]],
        ignore: ["/node_modules/"],
        config: { rootDir: "/p", cwd: "/p" },
        jestMajor: 30,
        extensions: [".js", ".ts"],
      },
    });
  });
  test("another preset", () => {
    expect(interpretJest(answer({ preset: "react-native" }), "/p")).toEqual({
      reason: 'jest.config.ts sets preset (the preset "react-native"), which the built-in harness does not honour',
    });
  });
  test("any transformer module is run (babel-jest with any babel config, @swc/jest…)", () => {
    const read = interpretJest(
      answer({ transform: {} }, { transform: [["^.+\\.tsx?$", "/p/node_modules/@swc/jest/index.js", {}]] }),
      "/p",
    );
    expect(read).toMatchObject({
      notes: ["jest.config.ts: transform ^.+\\.tsx?$ → @swc/jest, run in the workers as jest runs it"],
    });
  });
  test("babel-jest without a babel config: no transform, files load as they are", () => {
    const read = interpretJest({ ...answer({}), babelWithoutConfig: true }, "/p");
    expect(read).toEqual({ files: ["test/a.test.ts"], preload: [], aliases: [], notes: [] });
  });
  test("no jest config: the reason names jest's defaults (jsdom before jest 27)", () => {
    const read = interpretJest(
      {
        ...answer({}),
        configPath: "/p/package.json",
        options: { ...OPTIONS, testEnvironment: "/p/node_modules/jest-environment-jsdom/build/index.js" },
      },
      "/p",
    );
    expect(read).toEqual({
      reason: "jest's defaults run tests in jest-environment-jsdom (the built-in harness runs tests in node only)",
    });
  });
  test("a normalize error is the reason", () => {
    const read = interpretJest({ ...answer({}), options: null, normalizeError: "Preset ts-jest not found." }, "/p");
    expect(read).toEqual({ reason: "jest.config.ts could not be read by jest (Preset ts-jest not found.)" });
  });
});

/** A project whose jest-config has jest 19's API: readConfig(argv, root) answers { config, hasDeprecationWarnings }. */
function oldJestProject(config: Record<string, unknown>): string {
  const dir = tempProject({ "package.json": PKG, "__tests__/a.js": "" });
  const modules = join(dir, "node_modules");
  rmSync(modules);
  mkdirSync(join(modules, "jest-config"), { recursive: true });
  mkdirSync(join(modules, "jest-util"), { recursive: true });
  const full = {
    rootDir: dir,
    roots: [dir],
    testMatch: ["**/__tests__/**/*.js"],
    testRegex: "",
    testPathIgnorePatterns: ["/node_modules/"],
    moduleFileExtensions: ["js"],
    moduleNameMapper: {},
    setupFiles: [],
    moduleDirectories: ["node_modules"],
    ...config,
  };
  writeFileSync(
    join(modules, "jest-config/index.js"),
    `exports.readConfig = async () => ({ config: ${JSON.stringify(full)}, hasDeprecationWarnings: false });`,
  );
  writeFileSync(
    join(modules, "jest-util/index.js"),
    `exports.globsToMatcher = () => (path) => path.includes("/__tests__/");`,
  );
  return dir;
}

describe("readJestConfig with jest before 20 (readConfig answers { config })", () => {
  const JASMINE = "/x/node_modules/jest-jasmine2/build/index.js";
  test("jest 19's defaults: the jsdom environment is the reason, not an unknown error", () => {
    const dir = oldJestProject({
      testEnvironment: "jest-environment-jsdom",
      testRunner: JASMINE,
      transform: [["^.+\\.jsx?$", "/x/node_modules/babel-jest/build/index.js"]],
    });
    try {
      expect(readJestConfig(dir)).toEqual({
        reason: "jest's defaults run tests in jest-environment-jsdom (the built-in harness runs tests in node only)",
      });
    } finally {
      removeProject(dir);
    }
  }, 30_000);
  test("the node environment under jest-jasmine2: jasmine's globals are the reason", () => {
    const dir = oldJestProject({
      testEnvironment: "/x/node_modules/jest-environment-node/build/index.js",
      testRunner: JASMINE,
    });
    try {
      expect(readJestConfig(dir)).toEqual({
        reason:
          "jest's defaults run tests with jest-jasmine2 (jasmine's globals such as spyOn and jasmine.*, which the built-in harness does not emulate)",
      });
    } finally {
      removeProject(dir);
    }
  }, 30_000);
});
