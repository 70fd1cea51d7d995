import { describe, expect, test } from "bun:test";
import { arithmeticOperator } from "../../../src/mutate/operators/arithmetic.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["a + b", [["a + b", "a - b"]]],
  ["a - b", [["a - b", "a + b"]]],
  ["a * b", [["a * b", "a / b"]]],
  ["a / b", [["a / b", "a * b"]]],
  ["a % b", [["a % b", "a * b"]]],
  [
    "a + b * c",
    [
      ["a + b * c", "a - b * c"],
      ["b * c", "b / c"],
    ],
  ],
  ["(x as number) + y!", [["(x as number) + y!", "(x as number) - y!"]]],
  ["a /* + */ + b", [["a /* + */ + b", "a /* + */ - b"]]],
  // Tokens must not merge: `a+-b` → `a- -b`, not `a--b`.
  ["a+-b", [["a+-b", "a- -b"]]],
  ["a-+b", [["a-+b", "a+ +b"]]],
  ["a*/x/.source.length", [["a*/x/.source.length", "a/ /x/.source.length"]]],
];

const untouched = [
  '"a" + b',
  "a + 'b'",
  "`x${a}` + b",
  '"a" + b + c',
  '("a" + b) + c',
  "a ** b",
  "a << b",
  "a & b",
  "a in b",
];

describe("arithmetic", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(arithmeticOperator, source)).toEqual(expected);
  });
  test.each(untouched)("leaves %s alone", (source) => {
    expect(apply(arithmeticOperator, source)).toEqual([]);
  });
  test("only the numeric part of a mixed chain", () => {
    expect(apply(arithmeticOperator, '"n=" + (a - b)')).toEqual([["a - b", "a + b"]]);
  });
});
