import { describe, expect, test } from "bun:test";
import { stringLiteralOperator } from "../../../src/mutate/operators/string-literal.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ['x = "abc"', [['"abc"', '""']]],
  ["x = 'abc'", [["'abc'", "''"]]],
  ['x = ""', [['""', '"gremlin"']]],
  ["x = ''", [["''", "'gremlin'"]]],
  ['x = "é😀"', [['"é😀"', '""']]],
  ["x = `a${b}c`", [["`a${b}c`", "``"]]],
  ["x = `${b}`", [["`${b}`", "``"]]],
  ["x = ``", [["``", "`gremlin`"]]],
  [
    "x = `a${`b`}`",
    [
      ["`a${`b`}`", "``"],
      ["`b`", "``"],
    ],
  ],
  ['if (typeof x === "string") f()', [['"string"', '""']]],
  ['x = o["key"]', [['"key"', '""']]],
  ['x = { ["k"]: 1 }', [['"k"', '""']]],
  ['x = "a" as const', [['"a"', '""']]],
  ['f(); "not a directive"', [['"not a directive"', '""']]],
  ['const el = <a b="attr">text {"expr"}</a>', [['"expr"', '""']]],
];

const untouched = [
  'import a from "a"',
  'import "side-effect"',
  'export * from "b"',
  'export { c } from "c"',
  'const m = require("m")',
  'const p = require.resolve("p")',
  'const u = import.meta.resolve("u")',
  'const d = import("d")',
  '"use strict"; f()',
  "function g() { 'use client'; }",
  'x = { "key": 1 }',
  'class K { "field" = 1; "method"() {} }',
  "x = tag`a${b}`",
  "x = String.raw`\\n`",
  'let t: "lit" = y',
  'type T = "a" | "b"',
  'enum E { A = "a" }',
  'declare module "mod" {}',
  'console.log("skipped")',
];

describe("string-literal", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(stringLiteralOperator, source, "snippet.tsx")).toEqual(expected);
  });
  test.each(untouched)("leaves %s alone", (source) => {
    expect(apply(stringLiteralOperator, source)).toEqual([]);
  });
  test("UTF-16 offsets around non-ASCII text", () => {
    const source = 'const a = "é😀"; const b = "ü";';
    expect(apply(stringLiteralOperator, source)).toEqual([
      ['"é😀"', '""'],
      ['"ü"', '""'],
    ]);
  });
});
