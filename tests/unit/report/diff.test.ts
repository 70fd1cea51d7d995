// Diff snippets of gremlins: whole original lines as `-`, the same lines mutated as `+`, line numbers,
// multi-line spans, removals, UTF-16 columns.
import { describe, expect, test } from "bun:test";
import { diffLines, formatDiff } from "../../../src/report/diff.ts";
import { paintFor } from "../../../src/report/format.ts";

const SRC = ["const hé = '😀';", "if (a > b) {", "  go();", "}", "x = hé + 1;", ""].join("\n");
const at = (line: number, column: number) => ({ line, column });

describe("diffLines", () => {
  const cases: [
    string,
    { start: { line: number; column: number }; end: { line: number; column: number } },
    string,
    string[],
  ][] = [
    ["one-line operator swap", { start: at(2, 5), end: at(2, 10) }, "a >= b", ["-2 if (a > b) {", "+2 if (a >= b) {"]],
    [
      "after non-ASCII (UTF-16 columns)",
      { start: at(5, 5), end: at(5, 11) },
      "hé - 1",
      ["-5 x = hé + 1;", "+5 x = hé - 1;"],
    ],
    [
      "after an astral character",
      { start: at(1, 12), end: at(1, 16) },
      '""',
      ["-1 const hé = '😀';", '+1 const hé = "";'],
    ],
    [
      "block emptied (multi-line)",
      { start: at(2, 12), end: at(4, 2) },
      "{}",
      ["-2 if (a > b) {", "-3   go();", "-4 }", "+2 if (a > b) {}"],
    ],
    ["statement removed", { start: at(3, 3), end: at(3, 8) }, "", ["-3   go();"]],
  ];
  test.each(cases)("%s", (_name, location, replacement, expected) => {
    const lines = diffLines({ source: SRC, location, replacement }).map((l) => `${l.sign}${l.line} ${l.text}`);
    expect(lines).toEqual(expected);
  });
});

describe("formatDiff", () => {
  test("aligned line numbers, (removed) for an emptied line, no colour when off", () => {
    const text = formatDiff(
      { source: SRC, location: { start: at(3, 3), end: at(3, 8) }, replacement: "" },
      paintFor(false),
      "",
    );
    expect(text).toEqual(["3 -   go();", "  + (removed)"]);
  });

  test("long spans are cut after 8 lines per side", () => {
    const source = Array.from({ length: 20 }, (_, i) => `line${i + 1}`).join("\n");
    const text = formatDiff(
      { source, location: { start: at(1, 1), end: at(12, 7) }, replacement: "X" },
      paintFor(false),
      "",
    );
    expect(text.filter((l) => / - /.test(l))).toHaveLength(8);
    expect(text).toContain("     … 4 more lines");
    expect(text.at(-1)).toBe(" 1 + X");
  });
});
