import { describe, expect, test } from "bun:test";
import { returnValueOperator } from "../../../src/mutate/operators/return-value.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  [
    "function f(a) { if (a) return a * 2; return 0 }",
    [
      ["a * 2", "undefined"],
      ["0", "undefined"],
    ],
  ],
  ["const f = (x: number): number => { g(); return x as number }", [["x as number", "undefined"]]],
  ["function f() { if (c) { return x } }", [["x", "undefined"]]],
  ["function f() { g(); return null }", [["null", "undefined"]]],
  ['function f() { g(); return "é😀" }', [['"é😀"', "undefined"]]],
];

const untouched = [
  "function f() { g(); return }",
  "function f() { g(); return undefined }",
  "function f() { g(); return void 0 }",
  "function f() { g(); return true }", // boolean-literal flips it
  "function f() { g(); return (false) }",
  "function f() { return x }", // emptying the body (block) is the same gremlin
  "const f = () => x",
];

describe("return-value", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(returnValueOperator, source)).toEqual(expected);
  });
  test.each(untouched)("leaves %s alone", (source) => {
    expect(apply(returnValueOperator, source)).toEqual([]);
  });
});
