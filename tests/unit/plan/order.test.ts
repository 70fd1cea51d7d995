// Ordering: gremlins largest cost first; per gremlin, tests that killed on the same line, then in the
// same function, before the rest (fastest first); costs, the ETA and the efficiency figure.
import { describe, expect, test } from "bun:test";
import type { Gremlin } from "../../../src/types.ts";
import { KillerMemory, largestFirst } from "../../../src/plan/order.ts";
import { costMs, requiredMs, shardWeight, RUN_OVERHEAD_MS, type CostModel } from "../../../src/plan/cost.ts";
import { CostTracker } from "../../../src/plan/eta.ts";
import { efficiency } from "../../../src/plan/efficiency.ts";
import { enclosingFunctions } from "../../../src/plan/functions.ts";
import { threadCostModel } from "../../../src/plan/schedule.ts";

function gremlin(index: number, line: number, extra: Partial<Gremlin> = {}): Gremlin {
  return {
    id: `id${index}`,
    index,
    file: "src/a.js",
    start: 0,
    end: 1,
    loc: { start: { line, column: 1 }, end: { line, column: 2 } },
    operator: "x",
    original: "a",
    replacement: "b",
    description: "",
    kind: "expression",
    ...extra,
  };
}

// Tests 1..4 with durations 40, 10, 30, 20 ms: fastest first is 2, 4, 3, 1.
const durations = new Map([
  [1, 40],
  [2, 10],
  [3, 30],
  [4, 20],
]);

describe("KillerMemory", () => {
  const table: { name: string; kills: [Gremlin, number[]][]; target: Gremlin; expected: number[] }[] = [
    { name: "nothing learnt: fastest first", kills: [], target: gremlin(9, 5), expected: [2, 4, 3, 1] },
    {
      name: "a killer on the same line goes first",
      kills: [[gremlin(1, 5), [1]]],
      target: gremlin(9, 5),
      expected: [1, 2, 4, 3],
    },
    {
      name: "a killer on another line, no function known: no change",
      kills: [[gremlin(1, 6), [1]]],
      target: gremlin(9, 5),
      expected: [2, 4, 3, 1],
    },
    {
      name: "same line before same function",
      kills: [
        [gremlin(1, 7, { start: 10 }), [3]],
        [gremlin(2, 5, { start: 11 }), [1]],
      ],
      target: gremlin(9, 5, { start: 12 }),
      expected: [1, 3, 2, 4],
    },
    {
      name: "more kills on the line first",
      kills: [
        [gremlin(1, 5), [3]],
        [gremlin(2, 5), [1]],
        [gremlin(3, 5), [1]],
      ],
      target: gremlin(9, 5),
      expected: [1, 3, 2, 4],
    },
    {
      name: "another file's line does not count",
      kills: [[gremlin(1, 5, { file: "src/b.js" }), [1]]],
      target: gremlin(9, 5),
      expected: [2, 4, 3, 1],
    },
  ];
  for (const { name, kills, target, expected } of table) {
    test(name, () => {
      // Gremlins with start ≥ 10 sit in one function "f"; the rest at top level.
      const memory = new KillerMemory(durations, (g) => (g.start >= 10 ? `${g.file}@f` : undefined));
      for (const [g, killers] of kills) memory.killed(g, killers);
      expect(memory.order(target, [1, 2, 3, 4])).toEqual(expected);
    });
  }
  test("only the covering tests are returned", () => {
    const memory = new KillerMemory(durations);
    memory.killed(gremlin(1, 5), [4]);
    expect(memory.order(gremlin(2, 5), [1, 3])).toEqual([3, 1]);
  });
  test("keep: the killers first, the others in the order given (a static gremlin's covering tests first)", () => {
    const memory = new KillerMemory(durations);
    expect(memory.order(gremlin(2, 5), [1, 3, 2, 4], true)).toEqual([1, 3, 2, 4]);
    memory.killed(gremlin(1, 5), [4]);
    expect(memory.order(gremlin(2, 5), [1, 3, 2, 4], true)).toEqual([4, 1, 3, 2]);
  });
});

describe("enclosingFunctions", () => {
  test("innermost function, method or arrow; none at top level", () => {
    const source =
      "const a = 1 + 2;\nfunction f(x) {\n  const g = (y) => y * 2;\n  return x - g(x);\n}\nclass C { m() { return 3 > 2; } }\n";
    const at = (text: string, index: number) =>
      gremlin(index, 1, { id: `g${index}`, start: source.indexOf(text), end: source.indexOf(text) + text.length });
    const gremlins = [at("1 + 2", 1), at("y * 2", 2), at("x - g(x)", 3), at("3 > 2", 4)];
    const scopes = enclosingFunctions([{ file: "src/a.js", source, language: "js", gremlins }]);
    expect(scopes.get("g1")).toBeUndefined();
    expect(scopes.get("g2")).toBe(`src/a.js@${source.indexOf("(y) =>")}`);
    expect(scopes.get("g3")).toBe(`src/a.js@${source.indexOf("function f")}`);
    expect(scopes.get("g4")).toBe(`src/a.js@${source.indexOf("() { return 3")}`);
  });
});

const model: CostModel = threadCostModel({
  durations,
  coverage: new Map([
    [1, [1, 2]],
    [2, [3]],
    [3, [1, 2, 3, 4]],
  ]),
  staticGremlins: new Set([4]),
  outside: new Set([5]),
  runnable: [1, 2, 3, 4],
  loadMs: 100,
  tests: new Map([
    [1, { id: "t1" }],
    [2, { id: "t2" }],
    [3, { id: "t3" }],
    [4, { id: "t4" }],
  ]),
});

describe("costs", () => {
  test("covering tests' durations; static adds the import; outside runs every test; NoCoverage and Ignored cost nothing", () => {
    expect(costMs(gremlin(1, 1), model)).toBe(50 + RUN_OVERHEAD_MS);
    expect(costMs(gremlin(2, 1), model)).toBe(30 + RUN_OVERHEAD_MS);
    expect(costMs(gremlin(4, 1), model)).toBe(200 + RUN_OVERHEAD_MS);
    expect(costMs(gremlin(5, 1), model)).toBe(100 + RUN_OVERHEAD_MS);
    expect(costMs(gremlin(6, 1), model)).toBe(0);
    expect(costMs(gremlin(1, 1, { ignoredReason: "off" }), model)).toBe(0);
    expect(costMs(gremlin(1, 1), { kind: "spawn", runMs: 700, reached: new Set([1]) })).toBe(700);
  });
  test("shard weights count tests (machine-independent), static + 1 for the import", () => {
    expect([1, 2, 3, 4, 5, 6].map((i) => shardWeight(gremlin(i, 1), model))).toEqual([2, 1, 4, 5, 4, 0]);
  });
  test("a static gremlin with a known scope costs the import and its scope's tests", () => {
    const scoped = { ...model, staticTests: new Map([[4, [2, 4]]]) } as CostModel;
    expect(costMs(gremlin(4, 1), scoped)).toBe(100 + 30 + RUN_OVERHEAD_MS);
    expect(shardWeight(gremlin(4, 1), scoped)).toBe(3);
  });
  test("largest cost first, ties in index order", () => {
    const order = largestFirst(
      [1, 2, 3, 4, 5, 6].map((i) => gremlin(i, 1)),
      (g) => costMs(g, model),
    );
    expect(order.map((g) => g.index)).toEqual([4, 3, 5, 1, 2, 6]);
  });
  test("required time: a survivor all its tests, a killed gremlin its fastest killer, a timeout its measured time", () => {
    expect(requiredMs(gremlin(3, 1), { id: "id3", status: "Survived" }, model)).toBe(100 + RUN_OVERHEAD_MS);
    expect(requiredMs(gremlin(3, 1), { id: "id3", status: "Killed", killedBy: ["t1", "t3"] }, model)).toBe(30);
    expect(requiredMs(gremlin(4, 1), { id: "id4", status: "Killed", killedBy: ["t2"] }, model)).toBe(110);
    expect(requiredMs(gremlin(3, 1), { id: "id3", status: "Timeout", durationMs: 999 }, model)).toBe(999);
    expect(requiredMs(gremlin(6, 1), { id: "id6", status: "NoCoverage" }, model)).toBe(0);
  });
});

describe("ETA and efficiency", () => {
  test("the ETA scales the remaining estimate by measured/estimated and divides by the workers", () => {
    const gremlins = [1, 2, 3].map((i) => gremlin(i, 1));
    const tracker = new CostTracker(gremlins, (g) => g.index * 100, 2);
    expect(tracker.remainingMs()).toBe(300);
    // Gremlin 3 (estimated 300) took 600: twice the estimate, so the rest (300) should take 600 ÷ 2 workers.
    expect(tracker.done(gremlins[2]!, 600)).toBe(300);
    // One left (estimated 100), ratio (600+100)/(300+200)=1.4, one worker can work on it.
    expect(tracker.done(gremlins[1]!, 100)).toBeCloseTo(140);
    expect(tracker.done(gremlins[0]!, 50)).toBe(0);
  });
  test("efficiency = (baseline + required ÷ workers) / wall", () => {
    const e = efficiency({ requiredMs: 8000, workers: 2, baselineMs: 1000, wallMs: 6000 });
    expect(e.lowerBoundMs).toBe(5000);
    expect(e.ratio).toBeCloseTo(5000 / 6000);
  });
});
