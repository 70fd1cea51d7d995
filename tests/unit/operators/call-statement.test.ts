import { describe, expect, test } from "bun:test";
import { callStatementOperator } from "../../../src/mutate/operators/call-statement.ts";
import { mutationsOf } from "./_apply.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["save(x);", [["save(x);", ""]]],
  [
    "a(); b.c();",
    [
      ["a();", ""],
      ["b.c();", ""],
    ],
  ],
  [
    "async function f() { await flush(); done() }",
    [
      ["await flush();", ""],
      ["done()", ""],
    ],
  ],
  ["a?.b();", [["a?.b();", ""]]],
  ["(f)(x);", [["(f)(x);", ""]]],
  ["f<T>(x);", [["f<T>(x);", ""]]],
  // Outside a statement list an empty block keeps the syntax valid.
  [
    "if (x) f(); else g();",
    [
      ["f();", "{}"],
      ["g();", "{}"],
    ],
  ],
  ["label: f();", [["f();", "{}"]]],
  ["switch (x) { case 1: f(); break; }", [["f();", ""]]],
  ["class A { static { init() } }", [["init()", ""]]],
];

const untouched = [
  "class A extends B { constructor() { super(); this.x = 1 } }",
  'require("./setup");',
  "x = f();",
  "new Foo();",
  "console.log(x);",
  "if (x) { f(); }", // the block operator empties `{ f(); }`: same gremlin
  "`tagged`;",
];

describe("call-statement", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(callStatementOperator, source)).toEqual(expected);
  });
  test.each(untouched)("leaves %s alone", (source) => {
    expect(apply(callStatementOperator, source)).toEqual([]);
  });
  test("mutations are statement sites", () => {
    expect(mutationsOf(callStatementOperator, "f();").map((m) => m.kind)).toEqual(["statement"]);
  });
});
