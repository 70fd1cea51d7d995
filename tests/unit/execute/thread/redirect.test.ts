// Import redirection: which specifiers are found (imports, re-exports, dynamic imports, require) and
// how they are rewritten; module mocking and snapshots are flagged as unsupported.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rewriteSpecifiers, scanSource } from "../../../../src/execute/thread/redirect.ts";
import { redirectImports, relativeSpecifier, shimName } from "../../../../src/execute/thread/prepare.ts";

const WANTED = new Set(["vitest", "bun:test", "tape", "node:test", "uvu/assert", "@jest/globals"]);
const wanted = (s: string) => WANTED.has(s);

describe("scanSource", () => {
  test.each([
    ['import { test } from "vitest";', ["vitest:import"]],
    ["import test from 'tape';\nimport x from './x.ts';", ["tape:import"]],
    ['const test = require("tape");', ["tape:require"]],
    ['export { expect } from "bun:test";', ["bun:test:import"]],
    ['export * from "@jest/globals";', ["@jest/globals:import"]],
    ['const m = await import("node:test");', ["node:test:import"]],
    ['import * as assert from "uvu/assert";\nimport { test } from "uvu";', ["uvu/assert:import"]],
    ['const s = "vitest"; console.log(s);', []],
    ['// import { test } from "vitest"\nrequire(name);', []],
  ] as const)("%s", (source, expected) => {
    const scan = scanSource("a.ts", source, wanted);
    expect(scan?.sites.map((s) => `${s.specifier}:${s.kind}`)).toEqual([...expected]);
  });

  test("vitest's module mocking is found apart: prepare.ts emulates it per test file", () => {
    const scan = scanSource("a.test.ts", 'vi.mock("./db.ts");\nawait vi.importActual("./db.ts");', wanted);
    expect(scan?.unsupported).toEqual([]);
    expect(scan?.moduleMocking).toEqual(["module mocking (vi.importActual)", "module mocking (vi.mock)"]);
  });

  test("jest's module mocking is found apart too", () => {
    const scan = scanSource("a.test.js", 'jest.mock("../src/x");\njest.requireActual("../src/x");', wanted);
    expect(scan?.unsupported).toEqual([]);
    expect(scan?.moduleMocking).toEqual(["module mocking (jest.mock)", "module mocking (jest.requireActual)"]);
  });

  test("bun:test's and node:test's mock.module are found apart too (prepare.ts emulates bun's)", () => {
    const scan = scanSource("a.test.ts", 'mock.module("./x", () => ({}));', wanted);
    expect(scan?.unsupported).toEqual([]);
    expect(scan?.moduleMocking).toEqual(["module mocking (mock.module)"]);
  });

  test("dynamic imports are marked", () => {
    const scan = scanSource("a.ts", 'import "./a";\nawait import("./b");\nrequire("./c");', () => true);
    expect(scan?.sites.map((s) => `${s.specifier}:${s.kind}:${s.dynamic === true}`)).toEqual([
      "./a:import:false",
      "./b:import:true",
      "./c:require:false",
    ]);
  });

  test.each([["await expect(x).toMatchFileSnapshot('./out.txt');", "snapshot testing (toMatchFileSnapshot)"]])(
    "flags %s",
    (source, what) => {
      expect(scanSource("a.test.ts", source, wanted)?.unsupported).toEqual([what]);
    },
  );

  test("snapshot matchers the harness emulates are fine", () => {
    expect(
      scanSource(
        "a.test.ts",
        "expect(x).toMatchSnapshot(); expect(y).toMatchInlineSnapshot(`1`); expect(f).toThrowErrorMatchingSnapshot(); expect(f).toThrowErrorMatchingInlineSnapshot();",
        wanted,
      )?.unsupported,
    ).toEqual([]);
  });

  test("vi.fn and jest.fn are fine", () => {
    expect(
      scanSource("a.test.ts", "const f = vi.fn(); const g = jest.fn(); jest.spyOn(o, 'm');", wanted)?.unsupported,
    ).toEqual([]);
  });

  test("a file that does not parse is left alone", () => {
    expect(scanSource("a.ts", "import { from", wanted)).toBeNull();
  });
});

describe("rewriteSpecifiers", () => {
  test("replaces only the literals, keeping the rest byte for byte (non-ASCII included)", () => {
    const source = "import { test } from \"vitest\"; // é\nconst t = require('tape');\n";
    const scan = scanSource("a.ts", source, wanted);
    const out = rewriteSpecifiers(
      source,
      scan?.sites ?? [],
      (s) => `./shim/${s.specifier}.${s.kind === "require" ? "cjs" : "mjs"}`,
    );
    expect(out).toBe('import { test } from "./shim/vitest.mjs"; // é\nconst t = require("./shim/tape.cjs");\n');
  });
});

describe("prepare helpers", () => {
  test.each([
    ["bun:test", "bun-test"],
    ["@jest/globals", "jest-globals"],
    ["uvu/assert", "uvu-assert"],
    ["node:test", "node-test"],
    ["vitest", "vitest"],
  ])("shimName(%s) = %s", (spec, name) => expect(shimName(spec)).toBe(name));

  test("relative specifiers always start with a dot", () => {
    expect(relativeSpecifier("/p/test/a.test.ts", "/p/.gremlins-harness/vitest.mjs")).toBe(
      "../.gremlins-harness/vitest.mjs",
    );
    expect(relativeSpecifier("/p/a.test.ts", "/p/.gremlins-harness/vitest.mjs")).toBe("./.gremlins-harness/vitest.mjs");
  });
});

describe("redirectImports", () => {
  test("rewrites test files and project files, writes shims, and restores everything", () => {
    const dir = mkdtempSync(join(tmpdir(), "gremlins-redirect-"));
    try {
      mkdirSync(join(dir, "test"));
      mkdirSync(join(dir, "node_modules/vitest"), { recursive: true });
      const testSource = 'import { expect, test } from "vitest";\nimport { helper } from "./helper.ts";\n';
      const helperSource = 'import { vi } from "vitest";\nexport const helper = vi.fn();\n';
      const plain = 'export const x = "vitest";\n';
      writeFileSync(join(dir, "test/a.test.ts"), testSource);
      writeFileSync(join(dir, "test/helper.ts"), helperSource);
      writeFileSync(join(dir, "plain.ts"), plain);
      writeFileSync(join(dir, "node_modules/vitest/index.js"), 'import "vitest";');
      const r = redirectImports({
        dir,
        specifiers: ["vitest"],
        shimSource: (s, f) => (f === "esm" ? `export default ${JSON.stringify(s)};\n` : "module.exports = 1;\n"),
        testFiles: ["test/a.test.ts"],
      });
      expect(r.rewritten.sort()).toEqual(["test/a.test.ts", "test/helper.ts"]);
      expect(readFileSync(join(dir, "test/a.test.ts"), "utf8")).toContain('from "../.gremlins-harness/vitest.mjs"');
      expect(readFileSync(join(dir, "plain.ts"), "utf8")).toBe(plain);
      expect(readFileSync(join(dir, "node_modules/vitest/index.js"), "utf8")).toBe('import "vitest";');
      expect(readFileSync(join(dir, ".gremlins-harness/vitest.mjs"), "utf8")).toBe('export default "vitest";\n');
      expect(r.unsupported.size).toBe(0);
      r.restore();
      expect(readFileSync(join(dir, "test/a.test.ts"), "utf8")).toBe(testSource);
      expect(readFileSync(join(dir, "test/helper.ts"), "utf8")).toBe(helperSource);
      expect(existsSync(join(dir, ".gremlins-harness"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
