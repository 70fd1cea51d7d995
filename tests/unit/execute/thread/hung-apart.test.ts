// Which covering tests a runner that runs files apart still finishes while one test never ends, and the
// verdict once they ran.

import { describe, expect, test } from "bun:test";
import { afterHung, finishingBeside } from "../../../../src/execute/thread/hung-apart.ts";
import type { GremlinResult } from "../../../../src/execute/thread/run-gremlin.ts";

const unit = (index: number, file: string, parent?: number) => ({
  index,
  id: `t${index}`,
  name: `t${index}`,
  fullName: `suite > t${index}`,
  file,
  skipped: false,
  ...(parent === undefined ? {} : { parent }),
});
// a.test.js: 0, 1, 2 (with subtest 1000 of 2); b.test.js: 3, 4.
const TESTS = new Map(
  [
    unit(0, "a.test.js"),
    unit(1, "a.test.js"),
    unit(2, "a.test.js"),
    unit(1000, "a.test.js", 2),
    unit(3, "b.test.js"),
    unit(4, "b.test.js"),
  ].map((t) => [t.index, t]),
);

describe("finishingBeside", () => {
  const cases: { name: string; covering: number[]; hung: number; want: number[] }[] = [
    { name: "other files' tests, in the given order", covering: [1, 4, 3], hung: 1, want: [4, 3] },
    { name: "its own file's tests declared before it", covering: [2, 0, 1, 3], hung: 1, want: [0, 3] },
    { name: "a subtest's parent declared later", covering: [1000, 0, 3], hung: 1, want: [0, 3] },
    { name: "a hung subtest: its parent's earlier siblings", covering: [0, 1, 2, 4], hung: 1000, want: [0, 1, 4] },
    { name: "only the hung test covers", covering: [1], hung: 1, want: [] },
    { name: "the hung test is not known", covering: [0, 3], hung: 77, want: [] },
  ];
  for (const c of cases)
    test(c.name, () => {
      expect(finishingBeside(c.covering, c.hung, TESTS)).toEqual(c.want);
    });
});

describe("afterHung", () => {
  const result = (status: GremlinResult["status"], extra: Partial<GremlinResult> = {}): GremlinResult => ({
    status,
    statusReason: "all 1 selected test(s) passed",
    recycle: false,
    testsRun: 1,
    testMs: 1,
    durationMs: 100,
    ...extra,
  });
  const timeout = result("Timeout", {
    statusReason: "time limit of 5000 ms exceeded",
    hung: 1,
    recycle: true,
    durationMs: 5000,
  });

  test("a kill beside the hung test is the verdict, naming the test that did not end", () => {
    const killed = result("Killed", { statusReason: "suite > t3", killingTest: 3 });
    expect(afterHung(timeout, killed, TESTS)).toMatchObject({
      status: "Killed",
      statusReason: 'suite > t3 (while "suite > t1" did not end)',
      killingTest: 3,
      durationMs: 5100,
    });
  });

  for (const status of ["Survived", "Timeout"] as const)
    test(`a ${status} beside it leaves the Timeout`, () => {
      expect(afterHung(timeout, result(status), TESTS)).toEqual({ ...timeout, durationMs: 5100 });
    });
});
