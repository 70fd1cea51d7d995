// Which runner and test files the thread executor loads, per test command and fixture.
import { describe, expect, test } from "bun:test";
import { join, resolve } from "node:path";
import { detectSuite } from "../../../src/project/suite.ts";
import { runtimeProblem } from "../../../src/project/runtime.ts";

const FIXTURES = resolve(import.meta.dir, "../../fixtures");

describe("detectSuite on the fixtures", () => {
  test.each([
    ["bun", "bun test", ["test/range.test.ts", "test/slug.test.ts"]],
    ["vitest", "vitest run", ["test/discount.test.ts", "test/tax.test.ts"]],
    ["jest", "jest", ["test/backoff.test.js", "test/pairs.test.js"]],
    ["node-test", "node --test", ["test/cart.test.js", "test/money.test.js"]],
    ["mocha", "mocha", ["test/stock.spec.js", "test/temperature.spec.js"]],
    ["uvu", "uvu test", ["test/duration.test.js", "test/plural.test.js"]],
    ["tape", "tape test/*.test.js", ["test/grades.test.js", "test/names.test.js"]],
    ["tape", "npm test", ["test/grades.test.js", "test/names.test.js"]],
  ])("%s (%s)", (fixture, command, files) => {
    // Configs may add notes (ignored keys) and settings; the files are what this table checks.
    expect(detectSuite(join(FIXTURES, fixture), command)).toMatchObject({ framework: expect.any(String), files });
  });

  test("deno test -A: the Deno.test files; narrower permissions and unknown commands give a reason", () => {
    expect(detectSuite(join(FIXTURES, "deno"), "deno test -A")).toMatchObject({
      framework: "deno",
      files: ["test/version_test.ts", "test/words_test.ts"],
    });
    expect(detectSuite(join(FIXTURES, "deno"), "deno test test/")).toEqual({
      reason:
        '"deno test test/" runs the tests with no permissions; thread workers would run them with every permission gremlins has (deno test -A is needed for threads)',
    });
    expect(detectSuite(join(FIXTURES, "bun"), "make check")).toEqual({
      reason: expect.stringContaining("not a runner"),
    });
    expect(detectSuite(join(FIXTURES, "ava"), "npm test")).toEqual({
      reason:
        "ava is not emulated by the built-in harness (ava runs its test files in workers of its own): its tests run under ava itself",
    });
    expect(detectSuite(join(FIXTURES, "mocha"), "mocha --grep x")).toEqual({
      reason: '"mocha --grep x": mocha option --grep is not supported by the built-in harness',
    });
  });
});

describe("runtimeProblem", () => {
  test("Node without type stripping cannot import TS; Bun, Deno and newer Node can", () => {
    expect(runtimeProblem(["test/a.test.ts"], { bun: false, deno: false, typescript: false })).toContain("TypeScript");
    expect(runtimeProblem(["test/a.test.js"], { bun: false, deno: false, typescript: false })).toBeNull();
    expect(runtimeProblem(["test/a.test.ts"], { bun: true, deno: false, typescript: false })).toBeNull();
    expect(runtimeProblem(["test/a.test.ts"], { bun: false, deno: false, typescript: true })).toBeNull();
  });
});
