// shimSource output (ESM named/default exports, CommonJS), title formatting, and replay speed.

import { afterAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { eachRows, formatTitle } from "../../../src/harness/each.ts";
import { createHarness, shimSource } from "../../../src/harness/index.ts";
import { cleanup, load } from "./load.ts";

afterAll(cleanup);

describe("shimSource", () => {
  test.each([
    ["vitest", ["describe", "it", "test", "expect", "vi", "beforeEach"], false],
    ["bun:test", ["describe", "test", "expect", "mock", "spyOn", "jest"], false],
    ["@jest/globals", ["describe", "test", "expect", "jest", "fit", "xdescribe"], false],
    ["node:test", ["describe", "it", "test", "before", "mock"], true],
    ["test", ["describe", "it", "test", "before", "mock"], true],
    ["mocha", ["describe", "it", "before", "after", "context"], false],
    ["uvu", ["test", "suite"], false],
    ["uvu/assert", ["ok", "is", "equal", "throws", "not", "unreachable", "fixture"], false],
    ["tape", ["test"], true],
  ] as const)("%s exports its names", (spec, names, hasDefault) => {
    const src = shimSource(spec);
    expect(src).toContain(`moduleFor(${JSON.stringify(spec)})`);
    for (const n of names) expect(src).toContain(`export const ${n} = m.${n};`);
    expect(src.includes("export default m.default;")).toBe(hasDefault);
  });

  test("every specifier the harness lists has a shim; unknown ones have none", () => {
    const h = createHarness();
    for (const s of h.specifiers) expect(h.moduleFor(s)).toBeDefined();
    expect(h.moduleFor("chai")).toBeUndefined();
    expect(() => shimSource("chai")).toThrow(/no shim/);
  });

  test("the CommonJS shim works with require() (tape as used by qs)", async () => {
    const loaded = await load({});
    writeFileSync(join(loaded.dir, "tape-shim.cjs"), shimSource("tape", "cjs"));
    writeFileSync(
      join(loaded.dir, "t.test.cjs"),
      `const test = require("./tape-shim.cjs"); test("cjs", function (t) { t.equal(typeof test.only, "function"); t.end(); });`,
    );
    loaded.harness.beginFile("t.test.cjs");
    require(join(loaded.dir, "t.test.cjs"));
    await loaded.harness.endFile();
    const results = await loaded.runAll();
    expect(results.map((r) => r.status)).toEqual(["passed"]);
  });
});

describe("eachRows", () => {
  test("rows are spread only when every row is an array, as in jest-each and vitest", () => {
    expect(eachRows([[1, 2], [3]], [], true)).toEqual([[1, 2], [3]]);
    expect(eachRows([{}, [], 1], [], true)).toEqual([[{}], [[]], [1]]);
  });
});

describe("formatTitle", () => {
  test.each([
    ["add %i + %i", [1, 2], 0, "add 1 + 2"],
    ["%s is %d", ["x", 3.5], 0, "x is 3.5"],
    ["case %#", [1], 4, "case 4"],
    ["json %j", [{ a: 1 }], 0, 'json {"a":1}'],
    ["obj $a and $b.c", [{ a: 1, b: { c: "z" } }], 0, "obj 1 and z"],
    ["100%% %s", ["sure"], 0, "100% sure"],
    ["missing %s %s", ["one"], 0, "missing one %s"],
    // util.format (jest) and vitest print a function's source text for %s.
    ["fn %s", [function named() {}], 0, "fn function named() {}"],
  ] as const)("%s", (title, args, index, expected) => {
    expect(formatTitle(title, [...args], index)).toBe(expected);
  });
});

describe("replay speed", () => {
  test("replays a small suite 1,000 times (figure printed, not asserted)", async () => {
    const loaded = await load({
      "s.test.ts": `
import { describe, test, expect, beforeEach } from "vitest";
let n = 0;
beforeEach(() => { n = 0; });
describe("small", () => {
  test("a", () => { n++; expect(n).toBe(1); });
  test("b", () => { expect([1, 2]).toEqual([1, 2]); });
  test("c", async () => { expect(await Promise.resolve(3)).toBe(3); });
  test("d", () => { expect(() => { throw new Error("x"); }).toThrow("x"); });
  test("e", () => { expect({ a: 1 }).toMatchObject({ a: 1 }); });
});
`,
    });
    const all = loaded.harness.tests().map((t) => t.index);
    const start = performance.now();
    for (let i = 0; i < 1000; i++) {
      const results = await loaded.harness.run(all, { bail: true, testTimeoutMs: 1000 });
      if (results.some((r) => r.status !== "passed")) throw new Error(`replay ${i} failed`);
    }
    const ms = performance.now() - start;
    console.log(
      `harness: 1,000 replays of a 5-test suite in ${ms.toFixed(0)} ms (${((ms * 1000) / 5000).toFixed(1)} µs per test)`,
    );
    expect(loaded.harness.unsupported()).toEqual([]);
  });
});
