import { describe, expect, test } from "bun:test";
import { arrowBodyOperator } from "../../../src/mutate/operators/arrow-body.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  ["f = x => x * 2", [["x * 2", "undefined"]]],
  ["f = () => ({ a: 1 })", [["({ a: 1 })", "undefined"]]],
  ["f = async (a: number): Promise<number> => await g(a)", [["await g(a)", "undefined"]]],
  ["f = <T,>(a: T) => a as T", [["a as T", "undefined"]]],
  [
    "f = a => b => a + b",
    [
      ["b => a + b", "undefined"],
      ["a + b", "undefined"],
    ],
  ],
];

describe("arrow-body", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(arrowBodyOperator, source)).toEqual(expected);
  });
  test.each([
    "f = () => undefined",
    "f = () => void 0",
    "f = () => { return 1 }",
    "function g() { return 1 }",
    "f = () => console.log(1)",
  ])("leaves %s alone", (source) => {
    expect(apply(arrowBodyOperator, source)).toEqual([]);
  });
});
