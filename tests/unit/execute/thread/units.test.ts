// The coordinator's unit table: subtests found in the baseline get indices of their own; a list of
// units becomes a run request with subtest filters; replies become per-unit results.

import { describe, expect, test } from "bun:test";
import { SUBTEST_BASE, Units, type UnitTest } from "../../../../src/execute/thread/units.ts";
import type { SubtestResult } from "../../../../src/harness/index.ts";

const top = (index: number, name: string): UnitTest => ({
  index,
  id: `t.js > ${name}`,
  name,
  fullName: name,
  file: "t.js",
  skipped: false,
});
const sub = (
  key: string,
  path: string[],
  status: SubtestResult["status"] = "passed",
  durationMs = 1,
): SubtestResult => ({ key, path, status, durationMs });

function table(): { units: Units; a: number; b: number; deep: number } {
  const units = new Units(
    new Map([
      [0, top(0, "outer")],
      [1, top(1, "plain")],
    ]),
  );
  const a = units.add(units.tests.get(0)!, sub("0/0", ["a"]));
  const deep = units.add(units.tests.get(0)!, sub("0/1/0", ["b", "deep"]));
  const b = units.add(units.tests.get(0)!, sub("0/1", ["b"]));
  return { units, a, b, deep };
}

describe("Units", () => {
  test("subtests get stable indices above every test index, with names under their parent", () => {
    const { units, a, deep } = table();
    expect(a).toBe(SUBTEST_BASE);
    expect(units.add(units.tests.get(0)!, sub("0/0", ["a"]))).toBe(a);
    expect(units.tests.get(deep)).toMatchObject({
      id: "t.js > outer > b > deep",
      fullName: "outer > b > deep",
      name: "deep",
      parent: 0,
      key: "0/1/0",
    });
    expect(units.indexOfKey("1")).toBe(1);
    expect(units.indexOfKey("0/1/0")).toBe(deep);
    expect(units.indexOfKey("0/7")).toBe(0); // unknown subtest: its top-level test
    expect(units.topOf(deep)).toBe(0);
  });

  test.each([
    ["whole tests only", (_u: ReturnType<typeof table>) => [1, 0], { indices: [1, 0] }],
    [
      "subtests of one test, in the order tests first appear",
      (u: ReturnType<typeof table>) => [u.deep, 1, u.a],
      { indices: [0, 1], subtests: [[0, ["0/1/0", "0/0"]]] },
    ],
    ["a whole test overrides its subtests' filter", (u: ReturnType<typeof table>) => [u.a, 0], { indices: [0] }],
  ])("request: %s", (_name, pick, expected) => {
    const u = table();
    expect(u.units.request(pick(u))).toEqual(expected as never);
  });

  test("results: known subtests first, the parent only when asked whole or failing on its own", () => {
    const { units, a, deep } = table();
    const reply = [
      {
        index: 0,
        status: "failed" as const,
        durationMs: 9,
        subtests: [sub("0/0", ["a"]), sub("0/1/0", ["b", "deep"], "failed"), sub("0/1", ["b"], "failed")],
      },
    ];
    // "b" and the top-level test fail only because "deep" did: "deep" is the one failing unit.
    expect(units.results(reply, [deep]).map((r) => [r.index, r.status])).toEqual([
      [a, "passed"],
      [deep, "failed"],
    ]);
    expect(units.results(reply, [0]).map((r) => r.index)).toEqual([a, deep]);
    const passed = [{ index: 0, status: "passed" as const, durationMs: 9, subtests: [sub("0/0", ["a"])] }];
    expect(units.results(passed, [0]).map((r) => r.index)).toEqual([a, 0]);
    expect(units.results(passed, [a]).map((r) => r.index)).toEqual([a]);
    // The parent's own body failed (no subtest did): the parent is the failing unit.
    const own = [{ index: 0, status: "failed" as const, durationMs: 9, subtests: [sub("0/0", ["a"])] }];
    expect(units.results(own, [a]).map((r) => [r.index, r.status])).toEqual([
      [a, "passed"],
      [0, "failed"],
    ]);
  });

  test("baselineMs counts a subtest once when its parent or ancestor ran too", () => {
    const { units, a, b, deep } = table();
    const durations = new Map([
      [0, 10],
      [1, 5],
      [a, 2],
      [b, 3],
      [deep, 1],
    ]);
    expect(units.baselineMs([{ index: a }, { index: deep }], durations)).toBe(3);
    expect(units.baselineMs([{ index: deep }, { index: b }], durations)).toBe(3);
    expect(units.baselineMs([{ index: a }, { index: 0 }, { index: 1 }], durations)).toBe(15);
  });
});
