import { describe, expect, test } from "bun:test";
import { boundaryOperator } from "../../../src/mutate/operators/boundary.ts";
import { apply, type Pair } from "./_apply.ts";

const cases: Array<[string, Pair[]]> = [
  [
    "x < 10",
    [
      ["10", "9"],
      ["10", "11"],
    ],
  ],
  [
    "10 >= x",
    [
      ["10", "9"],
      ["10", "11"],
    ],
  ],
  [
    "x <= 0",
    [
      ["0", "-1"],
      ["0", "1"],
    ],
  ],
  // Under a minus sign: -(1-1) and -(1+1), and `--1` must not appear.
  [
    "x > -1",
    [
      ["1", "0"],
      ["1", "2"],
    ],
  ],
  [
    "x > -0",
    [
      ["0", "(-1)"],
      ["0", "1"],
    ],
  ],
  [
    "x < 1.5",
    [
      ["1.5", "0.5"],
      ["1.5", "2.5"],
    ],
  ],
  [
    "x < 1.1",
    [
      ["1.1", "0.1"],
      ["1.1", "2.1"],
    ],
  ],
  [
    "x < 0x10",
    [
      ["0x10", "15"],
      ["0x10", "17"],
    ],
  ],
  [
    "x < 1_000",
    [
      ["1_000", "999"],
      ["1_000", "1001"],
    ],
  ],
  [
    "x < 10n",
    [
      ["10n", "9n"],
      ["10n", "11n"],
    ],
  ],
  [
    "x < (10)",
    [
      ["10", "9"],
      ["10", "11"],
    ],
  ],
  [
    "a.length > 3 && b < 2",
    [
      ["3", "2"],
      ["3", "4"],
      ["2", "1"],
      ["2", "3"],
    ],
  ],
];

describe("boundary", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(boundaryOperator, source)).toEqual(expected);
  });
  test.each(["x === 10", "x + 10", "f(10)", "x < y", "x < 1e400", "x < 2 ** 60"])("leaves %s alone", (source) => {
    expect(apply(boundaryOperator, source)).toEqual([]);
  });
});
