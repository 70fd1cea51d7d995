import { describe, expect, test } from "bun:test";
import { objectLiteralOperator } from "../../../src/mutate/operators/object-literal.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["x = { a: 1 }", [["{ a: 1 }", "{}"]]],
  ["x = { ...o, b }", [["{ ...o, b }", "{}"]]],
  ["const f = () => ({ a: 1 })", [["{ a: 1 }", "{}"]]],
  [
    "x = { a: { b: 1 } }",
    [
      ["{ a: { b: 1 } }", "{}"],
      ["{ b: 1 }", "{}"],
    ],
  ],
  ["x = { a: 1 } as const satisfies T", [["{ a: 1 }", "{}"]]],
];

describe("object-literal", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(objectLiteralOperator, source)).toEqual(expected);
  });
  test.each(["x = {}", "const { a } = o", "({ a } = o)", "function f({ a }) {}", "let t: { a: 1 } = y"])(
    "leaves %s alone",
    (source) => {
      expect(apply(objectLiteralOperator, source)).toEqual([]);
    },
  );
});
