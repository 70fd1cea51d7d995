import { describe, expect, test } from "bun:test";
import { unaryOperator } from "../../../src/mutate/operators/unary.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["+a", [["+a", "-a"]]],
  ["-a", [["-a", "+a"]]],
  ["~a", [["~a", "a"]]],
  ["!a", [["!a", "a"]]],
  ["!(b, c)", [["!(b, c)", "(b, c)"]]],
  ["!(x as boolean)", [["!(x as boolean)", "(x as boolean)"]]],
  // Only the outer ! of `!!a`: removing the inner one gives the same program.
  ["!!a", [["!!a", "!a"]]],
  ["~~a", [["~~a", "~a"]]],
  // Tokens must not merge with their neighbours.
  ["function f(a) { return!a }", [["!a", "(a)"]]],
  ["x = y-+a", [["+a", "(-a)"]]],
  ["x = y- -a", [["-a", "+a"]]],
];

describe("unary", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(unaryOperator, source)).toEqual(expected);
  });
  test.each(["typeof a", "void 0", "delete o.x", "-1n"])("leaves %s alone", (source) => {
    expect(apply(unaryOperator, source)).toEqual([]);
  });
});

describe("unary at the start of a statement", () => {
  test.each([
    ["!function () { run() }();", "(function () { run() }())"],
    ["!class {};", "(class {})"],
    ["x = 1; !{}.a;", "({}.a)"],
  ])("%s keeps an expression statement", (source, replacement) => {
    expect(apply(unaryOperator, source).map(([, r]) => r)).toEqual([replacement]);
  });
  test("not wrapped elsewhere", () => {
    expect(apply(unaryOperator, "x = !function () {}")).toEqual([["!function () {}", "function () {}"]]);
  });
});
