import { describe, expect, test } from "bun:test";
import { methodOperator } from "../../../src/mutate/operators/method.ts";
import { apply, type Pair } from "./_apply.ts";

const swaps: Array<[string, string]> = [
  ["startsWith", "endsWith"],
  ["endsWith", "startsWith"],
  ["some", "every"],
  ["every", "some"],
  ["toUpperCase", "toLowerCase"],
  ["toLowerCase", "toUpperCase"],
  ["toLocaleUpperCase", "toLocaleLowerCase"],
  ["toLocaleLowerCase", "toLocaleUpperCase"],
  ["trimStart", "trimEnd"],
  ["trimEnd", "trimStart"],
];

const removals = [
  "charAt",
  "filter",
  "slice",
  "sort",
  "reverse",
  "trim",
  "substring",
  "substr",
  "concat",
  "toSorted",
  "toReversed",
];

const cases: Array<[string, Pair[]]> = [
  ["x = Math.min(a, b)", [["Math.min(a, b)", "Math.max(a, b)"]]],
  ["x = Math.max(a, b)", [["Math.max(a, b)", "Math.min(a, b)"]]],
  ["x = xs.filter(f).map(g)", [["xs.filter(f)", "xs"]]],
  [
    "x = s.trim().toUpperCase()",
    [
      ["s.trim().toUpperCase()", "s.trim().toLowerCase()"],
      ["s.trim()", "s"],
    ],
  ],
  ["x = (s as string).trim()", [["(s as string).trim()", "(s as string)"]]],
  ["x = xs.filter<T>(f)", [["xs.filter<T>(f)", "xs"]]],
  // The chain is the site when the call tops an optional chain.
  ["x = a?.startsWith(p)", [["a?.startsWith(p)", "a?.endsWith(p)"]]],
  ["x = a?.b.filter(f)", [["a?.b.filter(f)", "a?.b"]]],
  ["x = a?.filter?.(f)", [["a?.filter?.(f)", "a"]]],
  ["x = (a?.b).trim()", [["(a?.b).trim()", "(a?.b)"]]],
  ["x = a?.b(c.slice(1))", [["c.slice(1)", "c"]]],
];

const untouched = [
  "x = a?.filter(f).map(g)", // the call sits inside the chain: only the chain top may be a site
  "x = xs.map(f)",
  'x = s["trim"]()',
  "x = trim(s)",
  "class A extends B { m() { return super.filter(f) } }",
  "x = s.#trim()",
];

describe("method", () => {
  test.each(swaps)("%s → %s", (from, to) => {
    expect(apply(methodOperator, `x = s.${from}(y)`)).toEqual([[`s.${from}(y)`, `s.${to}(y)`]]);
  });
  test.each(removals)("removes %s", (name) => {
    expect(apply(methodOperator, `x = s.${name}(y)`)).toEqual([[`s.${name}(y)`, "s"]]);
  });
  test.each(cases)("%s", (source, expected) => {
    expect(apply(methodOperator, source)).toEqual(expected);
  });
  test.each(untouched)("leaves %s alone", (source) => {
    const snippet = source.includes("#trim") ? "class C { #trim() {} m(s) { return s.#trim() } }" : source;
    expect(apply(methodOperator, snippet)).toEqual([]);
  });
});
