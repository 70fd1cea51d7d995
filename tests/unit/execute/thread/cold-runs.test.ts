// Which tests take another path once the modules' state is warm, and which Survived verdicts a cold
// module graph must confirm, and which tests that cold run runs (cold-runs.ts).
import { describe, expect, test } from "bun:test";
import { wholeFiles, needsColdRun, statefulTests } from "../../../../src/execute/thread/cold-runs.ts";
import type { GremlinResult } from "../../../../src/execute/thread/run-gremlin.ts";
import type { UnitTest } from "../../../../src/execute/thread/units.ts";

const units = { indexOfKey: (key: string) => Number(key.split("/")[0]) + (key.includes("/") ? 100 : 0) };
const result = (status: GremlinResult["status"]): GremlinResult => ({
  status,
  statusReason: "",
  recycle: false,
  testsRun: 1,
  testMs: 1,
  durationMs: 1,
});

describe("statefulTests", () => {
  test("a test that reached a lazy initialiser only in the cold pass is stateful; the others are not", () => {
    const cold = [
      ["0", [1, 2, 3]],
      ["1", [3]],
    ] as const;
    const warm = [
      ["1", [3]],
      ["0", [3]],
    ] as const;
    expect([...statefulTests(cold, warm, units)]).toEqual([0]);
  });

  test("gremlins reached only once warm count too, and a unit missing from one pass", () => {
    const cold = [["0", [1]]] as const;
    const warm = [
      ["0", [1, 4]],
      ["2/0", [5]],
    ] as const;
    expect([...statefulTests(cold, warm, units)].sort((a, b) => a - b)).toEqual([0, 102]);
  });

  test("the same gremlins in another order: not stateful", () => {
    expect(statefulTests([["0", [1, 2]]], [["0", [2, 1]]], units).size).toBe(0);
  });
});

describe("needsColdRun", () => {
  const stateful = new Set([0]);
  test("only a Survived covered by a stateful test", () => {
    expect(needsColdRun(result("Survived"), [1, 0], stateful)).toBe(true);
    expect(needsColdRun(result("Survived"), [1], stateful)).toBe(false);
    expect(needsColdRun(result("Killed"), [0], stateful)).toBe(false);
    expect(needsColdRun(result("Timeout"), [0], stateful)).toBe(false);
  });
});

describe("wholeFiles", () => {
  const test_ = (index: number, file: string, skipped = false) => ({
    index,
    id: `t${index}`,
    name: `t${index}`,
    fullName: `t${index}`,
    file,
    skipped,
  });
  const tests = new Map<number, UnitTest>([
    [0, test_(0, "a.test.js")],
    [1, test_(1, "b.test.js")],
    [2, test_(2, "a.test.js", true)],
    [3, test_(3, "a.test.js")],
    [4, test_(4, "c.test.js")],
    // A subtest unit of test 3: it runs with its top-level test.
    [1_000_000, { ...test_(1_000_000, "a.test.js"), parent: 3 }],
  ]);
  const cases: [string, number[], number[] | null][] = [
    ["the covering test's file whole, skipped tests aside", [3], [0, 3]],
    ["a subtest unit stands for its file", [1_000_000], [0, 3]],
    ["two files, in suite order", [4, 0], [0, 3, 4]],
    ["a test of no known file: every test", [9], null],
  ];
  for (const [what, covering, expected] of cases)
    test(what, () => expect(wholeFiles(covering, { tests })).toEqual(expected));
});
