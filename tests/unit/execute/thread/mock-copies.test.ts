// A vitest or jest test file that mocks modules gets its own copy of the project in the sandbox: in that copy
// every import of the mocked module (project code included) points at the generated mock module, while
// the shared project and the other test files keep the original; restore() removes the copies.
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, lstatSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { redirectImports } from "../../../../src/execute/thread/prepare.ts";
import { writeTree } from "./tree.ts";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const FILES = {
  "src/clock.ts": "export const now = () => Date.now();\n",
  "src/greet.ts":
    'import { now } from "./clock.js";\nimport spawn from "cross-spawn";\nexport const greet = () => now();\nexport const lazy = () => import("./clock");\n',
  "src/data.json": "{}\n",
  "test/mocked.test.ts":
    'import { test, vi } from "vitest";\nimport { greet } from "../src/greet.ts";\nvi.mock("../src/clock.ts", () => ({ now: () => 1 }));\nvi.mock("cross-spawn");\ntest("x", () => greet());\n',
  "test/plain.test.ts":
    'import { test } from "vitest";\nimport { greet } from "../src/greet.ts";\ntest("y", () => greet());\n',
};

const run = (framework = "vitest") =>
  redirectImports({
    dir,
    specifiers: ["vitest"],
    shimSource: () => "export {};",
    testFiles: ["test/mocked.test.ts", "test/plain.test.ts"],
    framework,
  });

describe("module mocks: one project copy per mocking test file", () => {
  test("the copy's importers of the mocked modules see the mock modules; the shared project does not", () => {
    dir = writeTree("gremlins-mock-copies-", FILES);
    const redirection = run();
    expect(redirection.unsupported.size).toBe(0);
    const copy = join(dir, ".gremlins-mocks/0");
    expect(redirection.mocked).toEqual({
      "test/mocked.test.ts": {
        copy: join(copy, "test/mocked.test.ts"),
        prelude: join(copy, "test/mocked.test.gremlins-prelude.ts"),
        modules: [join(copy, ".mocks/0.mjs"), join(copy, ".mocks/1.mjs")],
      },
    });
    expect(readFileSync(join(copy, "src/greet.ts"), "utf8")).toBe(
      'import { now } from "../.mocks/0.mjs";\nimport spawn from "../.mocks/1.mjs";\nexport const greet = () => now();\nexport const lazy = () => import("../.mocks/0.mjs");\n',
    );
    expect(readFileSync(join(dir, "src/greet.ts"), "utf8")).toBe(FILES["src/greet.ts"]);
    const testCopy = readFileSync(join(copy, "test/mocked.test.ts"), "utf8");
    expect(
      testCopy.startsWith(
        'import "./mocked.test.gremlins-prelude.ts";import { test, vi } from "../../../.gremlins-harness/vitest.mjs";',
      ),
    ).toBe(true);
    // The prelude imports the originals (not the mocks) and the harness's vitest.
    const prelude = readFileSync(join(copy, "test/mocked.test.gremlins-prelude.ts"), "utf8");
    expect(prelude).toContain('from "../../../.gremlins-harness/vitest.mjs"');
    expect(prelude).toContain('() => import("../src/clock.ts")');
    expect(lstatSync(join(copy, "src/data.json")).isSymbolicLink()).toBe(true);
    // The plain test file keeps loading the shared project.
    expect(readFileSync(join(dir, "test/plain.test.ts"), "utf8")).toContain('from "../src/greet.ts"');
    redirection.restore();
    expect(existsSync(join(dir, ".gremlins-mocks"))).toBe(false);
  });

  test("vitest: a __mocks__ file next to an automocked module stands in for it (imports point at its copy)", () => {
    dir = writeTree("gremlins-mock-copies-", {
      ...FILES,
      "src/__mocks__/clock.ts": "export const now = () => 5;\n",
      "test/mocked.test.ts":
        'import { vi } from "vitest";\nimport { greet } from "../src/greet.ts";\nvi.mock("../src/clock.ts");\n',
    });
    const redirection = run();
    expect(redirection.unsupported.size).toBe(0);
    const copy = join(dir, ".gremlins-mocks/0");
    expect(redirection.mocked["test/mocked.test.ts"]?.modules).toEqual([""]);
    expect(readFileSync(join(copy, "src/greet.ts"), "utf8")).toStartWith('import { now } from "./__mocks__/clock.ts";');
  });

  test("jest: requires of the mocked module load a CommonJS stand-in; a __mocks__ file is required by it", () => {
    dir = writeTree("gremlins-mock-copies-", {
      "src/clock.js": "exports.now = () => Date.now();\n",
      "src/mailer.js": "exports.send = () => { throw new Error(); };\n",
      "src/__mocks__/mailer.js": "exports.send = jest.fn();\n",
      "src/greet.js":
        'const { now } = require("./clock.js");\nconst mailer = require("./mailer");\nexports.greet = () => now();\n',
      "test/mocked.test.js":
        'const { greet } = require("../src/greet.js");\njest.mock("../src/clock.js", () => ({ now: () => 1 }));\njest.mock("../src/mailer.js");\ntest("x", () => greet());\n',
      "test/plain.test.js": 'const { greet } = require("../src/greet.js");\ntest("y", () => greet());\n',
    });
    const redirection = redirectImports({
      dir,
      specifiers: ["@jest/globals"],
      shimSource: () => "",
      testFiles: ["test/mocked.test.js", "test/plain.test.js"],
      framework: "jest",
    });
    expect(redirection.unsupported.size).toBe(0);
    const copy = join(dir, ".gremlins-mocks/0");
    expect(redirection.mocked["test/mocked.test.js"]).toEqual({
      copy: join(copy, "test/mocked.test.js"),
      prelude: "",
      modules: [join(copy, ".mocks/0.cjs"), join(copy, ".mocks/1.cjs")],
      kind: "jest",
    });
    expect(readFileSync(join(copy, "src/greet.js"), "utf8")).toBe(
      'const { now } = require("../.mocks/0.cjs");\nconst mailer = require("../.mocks/1.cjs");\nexports.greet = () => now();\n',
    );
    expect(readFileSync(join(copy, ".mocks/0.cjs"), "utf8")).toContain(
      `jestModule(${JSON.stringify(join(copy, "test/mocked.test.js"))}, 0, () => require("../src/clock.js"))`,
    );
    expect(readFileSync(join(copy, ".mocks/1.cjs"), "utf8")).toBe(
      'module.exports = require("../src/__mocks__/mailer.js");\n',
    );
    // Hoisted: the jest.mock calls now come before the require.
    const testCopy = readFileSync(join(copy, "test/mocked.test.js"), "utf8");
    expect(testCopy.indexOf("jest.mock")).toBeLessThan(testCopy.indexOf("require("));
    expect(readFileSync(join(dir, "src/greet.js"), "utf8")).toContain('require("./clock.js")');
  });

  test("a path that names no file, and vi.mock under another runner, are refused", () => {
    dir = writeTree("gremlins-mock-copies-", {
      ...FILES,
      "test/mocked.test.ts": 'import { vi } from "vitest";\nvi.mock("../src/nope.ts", () => ({}));\n',
    });
    expect(run().unsupported.get("test/mocked.test.ts")).toEqual(['vi.mock("../src/nope.ts") names no file']);
    rmSync(dir, { recursive: true, force: true });
    dir = writeTree("gremlins-mock-copies-", FILES);
    expect(run("bun").unsupported.get("test/mocked.test.ts")).toEqual([
      "module mocking (vi.mock) (bun:test's own is mock.module)",
    ]);
  });
});

describe("bun:test mock.module: one project copy per mocking test file", () => {
  const BUN_FILES = {
    "src/rates.ts":
      'export const BASE = "EUR";\nexport function rateFor(c: string): number { return 1; }\nexport type Code = string;\n',
    "src/audit.ts": "export const entries: string[] = [];\nexport function record(e: string) { entries.push(e); }\n",
    "src/convert.ts":
      'import { rateFor } from "./rates.ts";\nexport const convert = (n: number) => n * rateFor("USD");\n',
    "src/order.ts": 'import { record } from "./audit";\nexport const place = () => record("x");\n',
    "test/convert.test.ts":
      'import { mock, test } from "bun:test";\nimport { convert } from "../src/convert.ts";\nmock.module("../src/rates.ts", () => ({ rateFor: () => 2 }));\ntest("c", () => convert(1));\n',
    "test/order.test.ts":
      'import { mock, test } from "bun:test";\nmock.module("../src/audit.ts", () => ({ record: mock() }));\nconst { place } = await import("../src/order.ts");\ntest("o", () => place());\n',
  };
  const runBun = (testFiles = ["test/convert.test.ts", "test/order.test.ts"], framework = "bun") =>
    redirectImports({ dir, specifiers: ["bun:test"], shimSource: () => "export {};", testFiles, framework });

  test("loaded with the file: the stand-in exports the module's run-time names; else the factory's", () => {
    dir = writeTree("gremlins-bun-mocks-", BUN_FILES);
    const redirection = runBun();
    expect(redirection.unsupported.size).toBe(0);
    const convert = redirection.mocked["test/convert.test.ts"]!;
    expect(convert.kind).toBe("bun");
    expect(convert.paths).toEqual(["../src/rates.ts"]);
    const rates = readFileSync(convert.modules[0]!, "utf8");
    expect(rates).toContain('["BASE","rateFor"], false,');
    expect(rates).toContain('createRequire(import.meta.url)("../src/rates.ts")');
    // Every importer in the copy (the test file too) loads the stand-in.
    const copy = join(dir, ".gremlins-mocks/0");
    expect(readFileSync(join(copy, "src/convert.ts"), "utf8")).toContain('from "../.mocks/0.mjs"');
    const audit = readFileSync(redirection.mocked["test/order.test.ts"]!.modules[0]!, "utf8");
    expect(audit).toContain('["record"], true,');
    expect(readFileSync(join(dir, ".gremlins-mocks/1/src/order.ts"), "utf8")).toContain('from "../.mocks/0.mjs"');
    // The shared project keeps the originals.
    expect(readFileSync(join(dir, "src/convert.ts"), "utf8")).toBe(BUN_FILES["src/convert.ts"]);
  });

  test("another test file loading a mocked module, a package, a spread factory loaded later, node:test: refused", () => {
    dir = writeTree("gremlins-bun-mocks-", {
      ...BUN_FILES,
      "test/rates.test.ts":
        'import { test } from "bun:test";\nconst r = () => import("../src/convert.ts");\ntest("r", r);\n',
      "test/order.test.ts":
        'import { mock } from "bun:test";\nmock.module("../src/audit.ts", () => ({ ...mock() }));\nmock.module("chalk", () => ({}));\n',
    });
    const redirection = runBun(["test/convert.test.ts", "test/order.test.ts", "test/rates.test.ts"]);
    expect(redirection.unsupported.get("test/convert.test.ts")).toEqual([
      'mock.module("../src/rates.ts") (test/rates.test.ts loads that module too, and bun keeps the mock for the files it runs later; not emulated)',
    ]);
    expect(redirection.unsupported.get("test/order.test.ts")).toEqual([
      'mock.module("../src/audit.ts"): its factory\'s names are not written out (a spread or a call), and the module is first imported after the call',
    ]);
    rmSync(dir, { recursive: true, force: true });
    dir = writeTree("gremlins-bun-mocks-", {
      ...BUN_FILES,
      "test/order.test.ts": 'import { mock } from "bun:test";\nmock.module("chalk", () => ({ red: 1 }));\n',
    });
    expect(runBun().unsupported.get("test/order.test.ts")).toEqual([
      'mock.module("chalk"): a package (bun mocks it for node_modules too; not emulated)',
    ]);
    expect(runBun(["test/order.test.ts"], "node-test").unsupported.get("test/order.test.ts")?.[0]).toContain(
      "node:test's mock.module: not emulated; it exists only under --experimental-test-module-mocks, on Node >= 22.3 or 20.18",
    );
  });
});
