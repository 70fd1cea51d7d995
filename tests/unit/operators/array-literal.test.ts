import { describe, expect, test } from "bun:test";
import { arrayLiteralOperator } from "../../../src/mutate/operators/array-literal.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["x = [a, b]", [["[a, b]", "[]"]]],
  ["x = []", [["[]", '["gremlin"]']]],
  [
    "x = [[1]]",
    [
      ["[[1]]", "[]"],
      ["[1]", "[]"],
    ],
  ],
  ["x = [...xs]", [["[...xs]", "[]"]]],
  ["x = [, ]", [["[, ]", "[]"]]],
  ["x = [] as string[]", [["[]", '["gremlin"]']]],
  ["x = new Array(1, 2)", [["new Array(1, 2)", "new Array()"]]],
  ["x = new Array<number>(3)", [["new Array<number>(3)", "new Array<number>()"]]],
  ["x = Array(3)", [["Array(3)", "Array()"]]],
  // Destructuring targets are patterns, not literals: only the right side.
  ["[a, b] = [b, a]", [["[b, a]", "[]"]]],
];

describe("array-literal", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(arrayLiteralOperator, source)).toEqual(expected);
  });
  test.each([
    "const [a] = xs",
    "for (const [k, v] of m) f(k, v)",
    "x = new Array()",
    "x = new List(1)",
    "let t: [number] = y",
  ])("leaves %s alone", (source) => {
    expect(apply(arrayLiteralOperator, source)).toEqual([]);
  });
});
