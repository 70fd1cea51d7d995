import { describe, expect, test } from "bun:test";
import { blockOperator } from "../../../src/mutate/operators/block.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["function f() { a(); b(); }", [[" a(); b(); ", ""]]],
  [
    "if (x) { y = 1 } else { y = 2 }",
    [
      [" y = 1 ", ""],
      [" y = 2 ", ""],
    ],
  ],
  ["{ let a = 1; f(a) }", [[" let a = 1; f(a) ", ""]]],
  ["const f = () => { return 1 }", [[" return 1 ", ""]]],
  [
    "try { f() } catch { g() } finally { h() }",
    [
      [" f() ", ""],
      [" g() ", ""],
      [" h() ", ""],
    ],
  ],
  [
    "class A { constructor() { this.x = 1 } m() { return 2 } }",
    [
      [" this.x = 1 ", ""],
      [" return 2 ", ""],
    ],
  ],
  // Derived constructors must call super(): only the method body is emptied.
  ["class A extends B { constructor() { super(); this.x = 1 } m() { f() } }", [[" f() ", ""]]],
  [
    "function f() { if (x) { return; } g() }",
    [
      [" if (x) { return; } g() ", ""],
      [" return; ", ""],
    ],
  ],
  ["for (const x of xs) {\n  use(x);\n}", [["\n  use(x);\n", ""]]],
];

const untouched = [
  "function f() {}",
  "if (x) { ; }",
  'function f() { "use strict"; g() }',
  "class A { static { init() } }",
  "function f() { return; }",
  "const f = () => { return }",
];

describe("block", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(blockOperator, source)).toEqual(expected);
  });
  test.each(untouched)("leaves %s alone", (source) => {
    expect(apply(blockOperator, source)).toEqual([]);
  });
  test("sites are the block contents, as statements", () => {
    const source = "if (x) { f() }";
    const [pair] = apply(blockOperator, source);
    expect(pair).toEqual([" f() ", ""]);
  });
});
