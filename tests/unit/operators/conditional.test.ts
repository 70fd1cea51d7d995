import { describe, expect, test } from "bun:test";
import { conditionalOperator } from "../../../src/mutate/operators/conditional.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  [
    "if (a > b) f();",
    [
      ["a > b", "true"],
      ["a > b", "false"],
    ],
  ],
  [
    "if (a) f(); else g();",
    [
      ["a", "true"],
      ["a", "false"],
    ],
  ],
  ["while (i < n) i++;", [["i < n", "false"]]],
  ["do { i++ } while (i < n);", [["i < n", "false"]]],
  ["for (let i = 0; i < n; i++) f(i);", [["i < n", "false"]]],
  [
    "x = a ? b : c",
    [
      ["a", "true"],
      ["a", "false"],
    ],
  ],
  [
    "x = (a as boolean) ? b : c",
    [
      ["(a as boolean)", "true"],
      ["(a as boolean)", "false"],
    ],
  ],
  [
    "if(!a)f()",
    [
      ["!a", "true"],
      ["!a", "false"],
    ],
  ],
];

const untouched = [
  "for (;;) break;",
  "while (true) break;", // boolean-literal flips it already
  "if ((false)) f();",
  "switch (x) { case 1: f(); }",
  "x = a && b",
];

describe("conditional", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(conditionalOperator, source)).toEqual(expected);
  });
  test.each(untouched)("leaves %s alone", (source) => {
    expect(apply(conditionalOperator, source)).toEqual([]);
  });
});
