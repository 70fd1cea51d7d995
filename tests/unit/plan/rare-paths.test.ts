// RarePaths: a gremlin's tests ordered by the rarest other code of its function they reach (fewest tests
// reaching it), then fastest first; and the static plan that uses it.
import { expect, test } from "bun:test";
import type { Gremlin } from "../../../src/types.ts";
import { RarePaths } from "../../../src/plan/rare-paths.ts";
import { planGremlin } from "../../../src/execute/thread/executor.ts";

function gremlin(index: number, scope?: string): Gremlin & { scope?: string } {
  return {
    id: `id${index}`,
    index,
    file: "lib/utils.js",
    start: index,
    end: index + 1,
    loc: { start: { line: index, column: 1 }, end: { line: index, column: 2 } },
    operator: "x",
    original: "a",
    replacement: "b",
    description: "",
    kind: "expression",
    ...(scope === undefined ? {} : { scope }),
  };
}

// compileTrust(val): gremlin 1 is its `typeof val === "number"` test, reached by every test (1..6); gremlin 2
// sits in the `val === true` branch (tests 5 and 6), gremlin 3 in the string branch (tests 3..6), gremlin 4 in
// another function (test 1 only). Test durations: 1 is the fastest, 6 the slowest.
const gremlins = [gremlin(1, "f"), gremlin(2, "f"), gremlin(3, "f"), gremlin(4, "g"), gremlin(5)];
const coverage = new Map<number, number[]>([
  [1, [1, 2, 3, 4, 5, 6]],
  [2, [5, 6]],
  [3, [3, 4, 5, 6]],
  [4, [1]],
  [5, [1, 2, 3, 4, 5, 6]],
]);
const durations = new Map([1, 2, 3, 4, 5, 6].map((t) => [t, t * 10]));
const scopeOf = (g: Gremlin) => (g as { scope?: string }).scope;

test.each([
  [
    "rarest branch first, then the next rarer, then tests that reach no other code of the function",
    1,
    [5, 6, 3, 4, 1, 2],
  ],
  ["inside a branch: the narrower sibling branch's tests first", 3, [5, 6, 3, 4]],
  ["another function's code does not count: fastest first", 4, [1]],
  ["top-level code (no function): fastest first", 5, [1, 2, 3, 4, 5, 6]],
])("%s", (_name, index, expected) => {
  const rare = new RarePaths(gremlins, scopeOf, coverage);
  const target = gremlins.find((g) => g.index === index) as Gremlin;
  expect(rare.order(target, coverage.get(index) ?? [], durations)).toEqual(expected);
});

test("a static gremlin's plan runs the tests on its function's rare paths first", () => {
  const baseline = {
    coverage,
    staticGremlins: new Set([1]),
    outside: new Set<number>(),
    runnable: [1, 2, 3, 4, 5, 6, 7],
    durations: new Map([...durations, [7, 1]]),
  };
  const rare = new RarePaths(gremlins, scopeOf, coverage);
  expect(planGremlin(gremlins[0] as Gremlin, baseline, new Map(), rare)).toEqual({
    kind: "static",
    tests: [5, 6, 3, 4, 1, 2, 7],
  });
  // Without it, fastest first (as before).
  expect(planGremlin(gremlins[0] as Gremlin, baseline)).toEqual({ kind: "static", tests: [1, 2, 3, 4, 5, 6, 7] });
});
