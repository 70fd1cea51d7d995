// groupSites: gremlins grouped by span and kind, sites in source order, each site's gremlins by index —
// the same whether the gremlins come in the mutate stage's order (one-pass path) or any other.
import { describe, expect, test } from "bun:test";
import { groupSites } from "../../../src/instrument/sites.ts";
import type { Gremlin, SiteKind } from "../../../src/types.ts";

function gremlin(index: number, start: number, end: number, kind: SiteKind = "expression"): Gremlin {
  const pos = { line: 1, column: 1 };
  return {
    id: `g${index}`,
    index,
    file: "a.js",
    start,
    end,
    loc: { start: pos, end: pos },
    operator: "hand",
    original: "",
    replacement: "",
    description: "",
    kind,
  };
}

type Shape = [start: number, end: number, kind: SiteKind, indices: number[]];
const shape = (gremlins: readonly Gremlin[]): Shape[] =>
  groupSites(gremlins).map((s): Shape => [s.start, s.end, s.kind, s.gremlins.map((g) => g.index)]);

describe("groupSites", () => {
  // Mutate-stage order: by start, longer spans first; one span may hold a statement and an expression site.
  const sorted = [
    gremlin(1, 0, 9, "statement"),
    gremlin(2, 0, 9),
    gremlin(3, 0, 9, "statement"),
    gremlin(4, 0, 5),
    gremlin(5, 2, 4),
    gremlin(6, 2, 4),
    gremlin(7, 6, 9),
  ];
  const expected: Shape[] = [
    [0, 9, "statement", [1, 3]],
    [0, 9, "expression", [2]],
    [0, 5, "expression", [4]],
    [2, 4, "expression", [5, 6]],
    [6, 9, "expression", [7]],
  ];

  test("in the mutate stage's order", () => expect(shape(sorted)).toEqual(expected));

  test("in any other order, the same sites", () => {
    let seed = 7;
    for (let round = 0; round < 50; round++) {
      const shuffled = [...sorted];
      for (let i = shuffled.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const j = seed % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      // Sites sharing a span keep the kinds in order of first appearance; all else is fixed.
      const got = shape(shuffled);
      expect(
        got
          .filter(([s, e]) => s === 0 && e === 9)
          .map(([, , kind, ids]) => [kind, ids])
          .sort(),
      ).toEqual([
        ["expression", [2]],
        ["statement", [1, 3]],
      ]);
      expect(got.filter(([s, e]) => !(s === 0 && e === 9))).toEqual(expected.slice(2));
    }
  });

  test("an index out of order falls back to the general grouping", () => {
    const swapped = [gremlin(2, 0, 5), gremlin(1, 0, 5), gremlin(3, 6, 8)];
    expect(shape(swapped)).toEqual([
      [0, 5, "expression", [1, 2]],
      [6, 8, "expression", [3]],
    ] as Shape[]);
  });
});
