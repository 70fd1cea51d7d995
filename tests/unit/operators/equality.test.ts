import { describe, expect, test } from "bun:test";
import { equalityOperator } from "../../../src/mutate/operators/equality.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  [
    "a < b",
    [
      ["a < b", "a <= b"],
      ["a < b", "a >= b"],
    ],
  ],
  [
    "a <= b",
    [
      ["a <= b", "a < b"],
      ["a <= b", "a > b"],
    ],
  ],
  [
    "a > b",
    [
      ["a > b", "a >= b"],
      ["a > b", "a <= b"],
    ],
  ],
  [
    "a >= b",
    [
      ["a >= b", "a > b"],
      ["a >= b", "a < b"],
    ],
  ],
  ["a == b", [["a == b", "a != b"]]],
  ["a != b", [["a != b", "a == b"]]],
  ["a === b", [["a === b", "a !== b"]]],
  ["a !== b", [["a !== b", "a === b"]]],
  ['typeof x === "string"', [['typeof x === "string"', 'typeof x !== "string"']]],
  [
    "a<b",
    [
      ["a<b", "a<=b"],
      ["a<b", "a>=b"],
    ],
  ],
  [
    "(n as number) > m!",
    [
      ["(n as number) > m!", "(n as number) >= m!"],
      ["(n as number) > m!", "(n as number) <= m!"],
    ],
  ],
];

describe("equality", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(equalityOperator, source)).toEqual(expected);
  });
  test.each(["a + b", "a in b", "a instanceof B", "#x in obj"])("leaves %s alone", (source) => {
    const snippet = source.startsWith("#") ? `class C { #x = 1; m(obj) { return ${source}; } }` : source;
    expect(apply(equalityOperator, snippet)).toEqual([]);
  });
});
