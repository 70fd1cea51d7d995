// Which tests take another path once the modules' state is warm, and which Survived verdicts a cold
// module graph must confirm (cold-runs.ts).
import { describe, expect, test } from "bun:test";
import { needsColdRun, statefulTests } from "../../../../src/execute/thread/cold-runs.ts";
import type { GremlinResult } from "../../../../src/execute/thread/run-gremlin.ts";

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
