import { describe, expect, test } from "bun:test";
import { assignmentOperator } from "../../../src/mutate/operators/assignment.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["a += 1", [["a += 1", "a -= 1"]]],
  ["a -= 1", [["a -= 1", "a += 1"]]],
  ["a *= 2", [["a *= 2", "a /= 2"]]],
  ["a /= 2", [["a /= 2", "a *= 2"]]],
  ["a %= 2", [["a %= 2", "a *= 2"]]],
  ["a <<= 2", [["a <<= 2", "a >>= 2"]]],
  ["a >>= 2", [["a >>= 2", "a <<= 2"]]],
  ["a &= 2", [["a &= 2", "a |= 2"]]],
  ["a |= 2", [["a |= 2", "a &= 2"]]],
  ["a &&= b", [["a &&= b", "a ||= b"]]],
  ["a ||= b", [["a ||= b", "a &&= b"]]],
  ["a ??= b", [["a ??= b", "a &&= b"]]],
  ["o.x[i] += n", [["o.x[i] += n", "o.x[i] -= n"]]],
  ["(o as any).x! += n", [["(o as any).x! += n", "(o as any).x! -= n"]]],
  [
    "a += b += 1",
    [
      ["a += b += 1", "a -= b += 1"],
      ["b += 1", "b -= 1"],
    ],
  ],
];

const untouched = ["a = 1", 'a += "x"', "a += `x${y}`", 'a += "x" + y', "a **= 2", "a >>>= 1", "a ^= 1"];

describe("assignment", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(assignmentOperator, source)).toEqual(expected);
  });
  test.each(untouched)("leaves %s alone", (source) => {
    expect(apply(assignmentOperator, source)).toEqual([]);
  });
});
