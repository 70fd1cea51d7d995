import { describe, expect, test } from "bun:test";
import { updateOperator } from "../../../src/mutate/operators/update.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["a++", [["a++", "a--"]]],
  ["a--", [["a--", "a++"]]],
  ["++a", [["++a", "--a"]]],
  ["--a", [["--a", "++a"]]],
  ["o.count++", [["o.count++", "o.count--"]]],
  ["(a as any)++", [["(a as any)++", "(a as any)--"]]],
  // `x+--y` → `x+(++y)`: `x+++y` would parse as `x++ + y`.
  ["x = y+--z", [["--z", "(++z)"]]],
];

describe("update", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(updateOperator, source)).toEqual(expected);
  });
  test("leaves plain assignment alone", () => {
    expect(apply(updateOperator, "a = a + 1")).toEqual([]);
  });
});
