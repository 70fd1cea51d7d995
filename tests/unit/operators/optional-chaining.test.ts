import { describe, expect, test } from "bun:test";
import { optionalChainingOperator } from "../../../src/mutate/operators/optional-chaining.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["x = a?.b", [["a?.b", "a.b"]]],
  ["x = a?.[i]", [["a?.[i]", "a[i]"]]],
  ["x = a?.()", [["a?.()", "a()"]]],
  ["x = a?.b.c", [["a?.b.c", "a.b.c"]]],
  [
    "x = a?.b?.c",
    [
      ["a?.b?.c", "a.b?.c"],
      ["a?.b?.c", "a?.b.c"],
    ],
  ],
  [
    "x = a?.b!.c?.()",
    [
      ["a?.b!.c?.()", "a.b!.c?.()"],
      ["a?.b!.c?.()", "a?.b!.c()"],
    ],
  ],
  ["x = a?.f<T>(1)", [["a?.f<T>(1)", "a.f<T>(1)"]]],
  ["x = a ?. b", [["a ?. b", "a . b"]]],
  ["x = a?.#p", []],
  // Nested chains are their own sites.
  [
    "x = a?.b(c?.d)",
    [
      ["a?.b(c?.d)", "a.b(c?.d)"],
      ["c?.d", "c.d"],
    ],
  ],
  ["x = (a?.b).c", [["a?.b", "a.b"]]],
];

describe("optional-chaining", () => {
  test.each(cases)("%s", (source, expected) => {
    const snippet = source === "x = a?.#p" ? "class C { #p = 1; m(a) { return a?.#p } }" : source;
    const want = source === "x = a?.#p" ? [["a?.#p", "a.#p"]] : expected;
    expect(apply(optionalChainingOperator, snippet)).toEqual(want as Pair[]);
  });
  test.each(["x = a.b", "x = a ? .5 : 1", "x = a ?? b"])("leaves %s alone", (source) => {
    expect(apply(optionalChainingOperator, source)).toEqual([]);
  });
});
