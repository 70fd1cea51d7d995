import { describe, expect, test } from "bun:test";
import { logicalOperator } from "../../../src/mutate/operators/logical.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["a && b", [["a && b", "a || b"]]],
  ["a || b", [["a || b", "a && b"]]],
  ["a ?? b", [["a ?? b", "a && b"]]],
  // The inner && of `a && b && c` becomes `(a || b)` so the outer && still applies to it.
  [
    "a && b && c",
    [
      ["a && b && c", "a && b || c"],
      ["a && b", "(a || b)"],
    ],
  ],
  [
    "a || b && c",
    [
      ["a || b && c", "a && b && c"],
      ["b && c", "b || c"],
    ],
  ],
  // ?? cannot mix with && unparenthesised.
  [
    "a ?? b ?? c",
    [
      ["a ?? b ?? c", "(a ?? b) && c"],
      ["a ?? b", "(a && b)"],
    ],
  ],
  ["x = (a as T) ?? b!", [["(a as T) ?? b!", "(a as T) && b!"]]],
];

describe("logical", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(logicalOperator, source)).toEqual(expected);
  });
  test("leaves binary operators alone", () => {
    expect(apply(logicalOperator, "a & b | c")).toEqual([]);
  });
});
