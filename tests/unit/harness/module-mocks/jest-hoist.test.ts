// jest's hoisting, as planJestHoist emulates babel-plugin-jest-hoist: top-level jest.mock calls move above
// every statement (after the directive prologue), with the @jest/globals import they need; what the
// emulation does not cover is a reason.
import { describe, expect, test } from "bun:test";
import { planJestHoist, type JestHoistPlan } from "../../../../src/harness/module-mocks/jest-hoist.ts";

const plan = (source: string) => planJestHoist("test/a.test.js", source);
const ok = (source: string): JestHoistPlan => {
  const p = plan(source);
  if (p === null || "reason" in p) throw new Error(`expected a plan, got ${JSON.stringify(p)}`);
  return p;
};

describe("planJestHoist", () => {
  test("a file without jest.mock has no plan (jest.requireActual alone needs none)", () => {
    expect(plan('const a = jest.requireActual("./a");\ntest("x", () => jest.fn());\n')).toBeNull();
  });

  test("jest.mock calls move above the requires, in order, after 'use strict'; their old place is blank", () => {
    const source = [
      '"use strict";',
      'const { greet } = require("../src/greet.js");',
      "let mockHour = 9;",
      'jest.mock("../src/clock.js", () => ({ hour: () => mockHour }));',
      'jest.mock("node:fs");',
      'test("t", () => expect(greet()).toBe("hi"));',
      "",
    ].join("\n");
    const p = ok(source);
    expect(p.mocks).toEqual([
      { path: "../src/clock.js", hasFactory: true },
      { path: "node:fs", hasFactory: false },
    ]);
    const lines = p.test.split("\n");
    expect(lines[0]).toBe('"use strict";jest.mock("../src/clock.js", () => ({ hour: () => mockHour }));');
    expect(lines[1]).toBe('jest.mock("node:fs");');
    expect(lines[2]).toBe("");
    expect(p.test.match(/jest\.mock/g)).toHaveLength(2);
    expect(p.test).toContain('const { greet } = require("../src/greet.js");');
  });

  test("an import of jest from @jest/globals moves up with the calls", () => {
    const source = [
      'import { greet } from "../src/greet";',
      'import { expect, jest, test } from "@jest/globals";',
      'jest.mock("../src/clock");',
      "",
    ].join("\n");
    const p = ok(source);
    expect(p.test.split("\n").slice(0, 2)).toEqual([
      'import { expect, jest, test } from "@jest/globals";',
      'jest.mock("../src/clock");',
    ]);
    expect(p.test.match(/@jest\/globals/g)).toHaveLength(1);
  });

  test("what is not emulated is a reason", () => {
    const reason = (source: string) => (plan(source) as { reason: string }).reason;
    expect(reason("jest.mock(name, () => ({}));\n")).toContain("not a string literal");
    expect(reason('jest.mock("./a", () => ({}), { virtual: true });\n')).toContain("virtual mocks");
    expect(reason('beforeEach(() => { jest.mock("./a"); });\n')).toContain("not at the top level");
    // Without the file: the thread executor adds " in <file>" once (before, the reason named it twice).
    expect(reason('jest.mock("./a");\njest.doMock("./b", () => 1);\n')).toBe("module mocking (jest.doMock)");
    expect(reason("jest.resetModules();\n")).toContain("jest.resetModules");
    expect(reason('jest.isolateModules(() => require("./a"));\n')).toContain("jest.isolateModules");
  });
});
