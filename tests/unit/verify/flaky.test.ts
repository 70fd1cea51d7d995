// Which Killed verdicts rest on the baseline's flaky tests alone (src/verify/flaky.ts).
import { describe, expect, test } from "bun:test";
import { flakyTestsWithVerdicts, type BaselineFlake } from "../../../src/verify/flaky.ts";
import type { Outcome } from "../../../src/types.ts";

const flake = (name: string | null): BaselineFlake => ({ name, detail: "changed" });
const killed = (id: string, killedBy?: string[]): [string, Outcome] => [
  id,
  { id, status: "Killed", ...(killedBy ? { killedBy } : {}) },
];

describe("flakyTestsWithVerdicts", () => {
  const cases: {
    name: string;
    flakes: BaselineFlake[];
    outcomes: [string, Outcome][];
    tests?: [string, { name: string }][];
    expected: [string | null, string[]][];
  }[] = [
    { name: "no flaky test: nothing", flakes: [], outcomes: [killed("1", ["a"])], expected: [] },
    {
      name: "killed by the flaky test alone rests on it",
      flakes: [flake("a")],
      outcomes: [killed("1", ["a"]), killed("2", ["b"])],
      expected: [["a", ["1"]]],
    },
    {
      name: "killed by a flaky and a steady test does not",
      flakes: [flake("a")],
      outcomes: [killed("1", ["a", "b"])],
      expected: [["a", []]],
    },
    {
      name: "killed by two flaky tests rests on both",
      flakes: [flake("a"), flake("b")],
      outcomes: [killed("1", ["a", "b"])],
      expected: [
        ["a", ["1"]],
        ["b", ["1"]],
      ],
    },
    {
      name: "thread test ids are matched through their names",
      flakes: [flake("suite > a")],
      outcomes: [killed("1", ["t7"])],
      tests: [["t7", { name: "suite > a" }]],
      expected: [["suite > a", ["1"]]],
    },
    {
      name: "an unnamed flaky test claims kills no test is named for",
      flakes: [flake(null)],
      outcomes: [killed("1"), killed("2", ["b"])],
      expected: [[null, ["1"]]],
    },
    {
      name: "only Killed verdicts rest on a test",
      flakes: [flake("a")],
      outcomes: [
        ["1", { id: "1", status: "Survived" }],
        ["2", { id: "2", status: "Timeout", killedBy: ["a"] }],
      ],
      expected: [["a", []]],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = flakyTestsWithVerdicts(c.flakes, new Map(c.outcomes), new Map(c.tests ?? []));
      expect(result.map((f) => [f.name, f.gremlins])).toEqual(c.expected);
    });
  }
});
