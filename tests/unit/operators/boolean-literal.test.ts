import { describe, expect, test } from "bun:test";
import { booleanLiteralOperator } from "../../../src/mutate/operators/boolean-literal.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["x = true", [["true", "false"]]],
  ["x = false", [["false", "true"]]],
  ["while (true) break;", [["true", "false"]]],
  [
    "f(true, !false)",
    [
      ["true", "false"],
      ["false", "true"],
    ],
  ],
  ["const t = true as boolean", [["true", "false"]]],
];

describe("boolean-literal", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(booleanLiteralOperator, source)).toEqual(expected);
  });
  test.each(["x = 1", 'x = "true"', "let t: true = x", "x = null"])("leaves %s alone", (source) => {
    expect(apply(booleanLiteralOperator, source)).toEqual([]);
  });
});
