// Thread verdicts (pure) and the per-gremlin plan: which tests, NoCoverage, static, Ignored.
import { describe, expect, test } from "bun:test";
import {
  threadVerdict,
  verdictAfterRetry,
  type RunFacts,
  type ThreadVerdict,
} from "../../../../src/execute/thread/verdict.ts";
import { nestedGremlins, planGremlin } from "../../../../src/execute/thread/executor.ts";
import { fastestFirst } from "../../../../src/execute/thread/baseline.ts";
import type { WorkerTestResult } from "../../../../src/execute/thread/protocol.ts";
import type { Gremlin } from "../../../../src/types.ts";

const tests = new Map([
  [0, { index: 0, id: "t0", name: "adds", fullName: "math > adds", file: "a.test.ts", skipped: false }],
  [1, { index: 1, id: "t1", name: "subs", fullName: "math > subs", file: "a.test.ts", skipped: false }],
]);
const r = (index: number, status: WorkerTestResult["status"]): WorkerTestResult => ({ index, status, durationMs: 1 });
const facts = (over: Partial<RunFacts>): RunFacts => ({
  results: [],
  hitLimit: false,
  fatal: [],
  tests,
  limitMs: 5000,
  ...over,
});

describe("threadVerdict", () => {
  test.each([
    ["all pass", facts({ results: [r(0, "passed"), r(1, "passed")] }), "Survived", undefined],
    ["first failure names the test", facts({ results: [r(0, "passed"), r(1, "failed")] }), "Killed", "math > subs"],
    [
      "hit limit wins over the failure it caused",
      facts({ results: [r(0, "failed")], hitLimit: true }),
      "Timeout",
      undefined,
    ],
    ["wall-clock limit", facts({ results: { type: "timeout", afterMs: 5000 } }), "Timeout", undefined],
    ["memory", facts({ results: { type: "memory", rssMb: 9000 } }), "Timeout", undefined],
    ["worker died", facts({ results: { type: "exit", error: "boom" } }), "Killed", undefined],
    [
      "unhandled rejection with passing tests",
      facts({ results: [r(0, "passed")], fatal: ["unhandled rejection: x"] }),
      "Killed",
      undefined,
    ],
    ["module load error", facts({ results: [], loadError: "a.test.ts: TypeError" }), "Killed", undefined],
    ["harness timeout without runner timeouts", facts({ results: [r(0, "timeout")] }), "Timeout", undefined],
    [
      "harness timeout where the runner fails slow tests",
      facts({ results: [r(0, "timeout")], testTimeoutFails: true }),
      "Killed",
      "math > adds",
    ],
  ] as const)("%s", (_, input, status, killedBy) => {
    const verdict = threadVerdict(input);
    expect(verdict.status).toBe(status);
    expect(verdict.killedBy).toBe(killedBy);
    expect(verdict.statusReason.length).toBeGreaterThan(0);
  });

  test("a test that called an API the harness does not emulate: RuntimeError naming it, whatever the tests did", () => {
    const results: WorkerTestResult[] = [
      r(0, "passed"),
      { ...r(1, "failed"), unsupported: ["tape t.intercept() results"] },
    ];
    const verdict = threadVerdict(facts({ results }));
    expect(verdict.status).toBe("RuntimeError");
    expect(verdict.statusReason).toBe(
      "math > subs called tape t.intercept() results, which the built-in harness does not emulate (--executor spawn gives this gremlin's verdict)",
    );
    expect(verdict.recycle).toBe(false);
  });

  test("anything suspicious recycles the worker; a clean kill or survival does not", () => {
    expect(threadVerdict(facts({ results: [r(0, "failed")] })).recycle).toBe(false);
    expect(threadVerdict(facts({ results: [r(0, "passed")] })).recycle).toBe(false);
    expect(threadVerdict(facts({ results: [r(0, "passed")], fatal: ["x"] })).recycle).toBe(true);
    expect(threadVerdict(facts({ results: [r(0, "failed")], fatal: ["x"] })).recycle).toBe(true);
    expect(threadVerdict(facts({ results: [r(0, "timeout")] })).recycle).toBe(true);
    // A test ended as stuck (nothing left that could finish it): an uncaught error of its request handler
    // has run its course, and nothing of the run can run later; the worker stays.
    const stuck = { ...r(0, "timeout"), endedEarly: true as const };
    const unanswered = facts({ results: [stuck], fatal: ["uncaught exception: TypeError: x"], testTimeoutFails: true });
    expect([threadVerdict(unanswered).status, threadVerdict(unanswered).recycle]).toEqual(["Killed", false]);
    expect(threadVerdict(facts({ results: [{ ...stuck, status: "failed" }], fatal: ["x"] })).recycle).toBe(false);
    expect(threadVerdict(facts({ results: [r(0, "failed")], hitLimit: true, fatal: ["x"] })).recycle).toBe(true);
    expect(threadVerdict(facts({ results: { type: "exit", error: "gone" }, hitLimit: true })).recycle).toBe(true);
  });

  test("a hit-limit Timeout whose run came back keeps the worker, pending a check of the test that hit it", () => {
    const verdict = threadVerdict(facts({ results: [r(0, "passed"), r(1, "failed")], hitLimit: true }));
    expect([verdict.status, verdict.recycle, verdict.killingTest, verdict.killedBy]).toEqual([
      "Timeout",
      false,
      1,
      undefined,
    ]);
  });
});

const gremlin = (index: number, ignoredReason?: string): Gremlin =>
  ({
    id: `g${index}`,
    index,
    file: "a.ts",
    start: 0,
    end: 1,
    loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
    operator: "x",
    original: "a",
    replacement: "b",
    description: "",
    kind: "expression",
    ignoredReason,
  }) as Gremlin;

describe("planGremlin", () => {
  const baseline = {
    coverage: new Map([[1, [0, 2, 1]]]),
    staticGremlins: new Set([2]),
    outside: new Set([3]),
    runnable: [0, 1, 2],
    durations: new Map([
      [0, 9],
      [1, 1],
      [2, 5],
    ]),
  };
  test("covered: only the tests that reached it, fastest first", () => {
    expect(planGremlin(gremlin(1), baseline)).toEqual({ kind: "dynamic", tests: [1, 2, 0] });
  });
  test("static gremlins need a fresh import and every test: those that reach it in a test first, fastest first", () => {
    expect(planGremlin(gremlin(2), baseline)).toEqual({ kind: "static", tests: [1, 2, 0] });
    const reached = { ...baseline, coverage: new Map([[2, [0]]]) };
    expect(planGremlin(gremlin(2), reached)).toEqual({ kind: "static", tests: [0, 1, 2] });
  });
  test("a static gremlin: tests that reach the gremlins inside its span go next (likely killers)", () => {
    // Gremlin 2's statement defines a function where gremlin 5 sits; test 0 reaches gremlin 5.
    const inner = { ...baseline, coverage: new Map([[5, [0]]]) };
    expect(planGremlin(gremlin(2), inner, new Map([[2, [5]]]))).toEqual({ kind: "static", tests: [0, 1, 2] });
    const both = {
      ...baseline,
      coverage: new Map([
        [2, [2]],
        [5, [0, 2]],
      ]),
    };
    expect(planGremlin(gremlin(2), both, new Map([[2, [5]]]))).toEqual({ kind: "static", tests: [2, 0, 1] });
    // Outside its scope, an inner test stays out.
    const scoped = { ...inner, staticTests: new Map([[2, [1, 2]]]) };
    expect(planGremlin(gremlin(2), scoped, new Map([[2, [5]]]))).toEqual({ kind: "static", tests: [1, 2] });
  });
  test("nestedGremlins: the gremlins strictly inside a static gremlin's span, in its file", () => {
    const at = (index: number, file: string, start: number, end: number) => ({ ...gremlin(index), file, start, end });
    const list = [
      at(1, "a.js", 0, 100),
      at(2, "a.js", 10, 20),
      at(3, "a.js", 0, 100),
      at(4, "b.js", 10, 20),
      at(5, "a.js", 90, 110),
    ];
    expect(nestedGremlins(list, new Set([1]))).toEqual(new Map([[1, [2]]]));
    expect(nestedGremlins(list, new Set([2])).size).toBe(0);
  });
  test("a static gremlin whose load-time reach is known runs the tests of its scope", () => {
    const scoped = { ...baseline, coverage: new Map([[2, [0]]]), staticTests: new Map([[2, [2, 0]]]) };
    expect(planGremlin(gremlin(2), scoped)).toEqual({ kind: "static", tests: [0, 2] });
  });
  test("reached outside any test: every test", () => {
    expect(planGremlin(gremlin(3), baseline)).toEqual({ kind: "dynamic", tests: [1, 2, 0] });
  });
  test("unreached: NoCoverage without running", () => {
    expect(planGremlin(gremlin(4), baseline)).toMatchObject({ kind: "settled", outcome: { status: "NoCoverage" } });
  });
  test("ignored stays ignored even when covered", () => {
    expect(planGremlin(gremlin(1, "disabled"), baseline)).toMatchObject({
      kind: "settled",
      outcome: { status: "Ignored", statusReason: "disabled" },
    });
  });
  test("fastestFirst breaks ties by declaration order", () => {
    expect(
      fastestFirst(
        [3, 1, 2],
        new Map([
          [1, 2],
          [2, 2],
          [3, 1],
        ]),
      ),
    ).toEqual([3, 1, 2]);
  });
});

describe("verdictAfterRetry", () => {
  type Retried = ThreadVerdict & { died?: string };
  const died = (reason: string): Retried => ({
    status: "Killed",
    statusReason: `the test worker died: ${reason}`,
    recycle: true,
    died: reason,
  });
  test("a retry that does not die stands", () => {
    const again: Retried = { status: "Survived", statusReason: "all selected tests passed", recycle: false };
    expect(verdictAfterRetry(died("RangeError: x"), again)).toBe(again);
  });
  test("process.exit twice: the retry's Killed stands, marked as seen twice", () => {
    const result = verdictAfterRetry(died("worker exited with code 3"), died("worker exited with code 3"));
    expect(result.status).toBe("Killed");
    expect(result.statusReason).toContain("(and again on a fresh worker)");
  });
  test("any other death twice: RuntimeError naming both reasons", () => {
    const result = verdictAfterRetry(died("Error: internal"), died("ERR_WORKER_INIT_FAILED: boom"));
    expect(result.status).toBe("RuntimeError");
    expect(result.statusReason).toBe(
      "the test worker died twice: Error: internal; on the retry: ERR_WORKER_INIT_FAILED: boom",
    );
  });
});
