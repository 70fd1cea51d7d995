// parseUnifiedDiff / spanTouches / unquotePath: hunks to changed lines, deletions as gaps, renames, odd paths.
import { describe, expect, test } from "bun:test";
import { parseUnifiedDiff, spanTouches, unquotePath } from "../../../src/diff/index.ts";

const DIFF = [
  "diff --git src/a.ts src/a.ts",
  "index 1111111..2222222 100644",
  "--- src/a.ts",
  "+++ src/a.ts",
  "@@ -3 +3 @@ export function f() {",
  "-  return 1;",
  "+  return 2;",
  "@@ -10,2 +9,0 @@",
  "-gone();",
  "-gone();",
  "@@ -20,0 +19,3 @@",
  "+++added = 1;",
  "+b();",
  "+c();",
  "diff --git src/old.ts src/new.ts",
  "similarity index 90%",
  "rename from src/old.ts",
  "rename to src/new.ts",
  "--- src/old.ts",
  "+++ src/new.ts",
  "@@ -1 +1 @@",
  "-x",
  "+y",
  "diff --git src/moved.ts src/moved2.ts",
  "similarity index 100%",
  "rename from src/moved.ts",
  "rename to src/moved2.ts",
  "diff --git src/deleted.ts src/deleted.ts",
  "deleted file mode 100644",
  "--- src/deleted.ts",
  "+++ /dev/null",
  "@@ -1,2 +0,0 @@",
  "-a",
  "-b",
  'diff --git "src/t\\303\\251st a.ts" "src/t\\303\\251st a.ts"',
  "new file mode 100644",
  "--- /dev/null",
  '+++ "src/t\\303\\251st a.ts"',
  "@@ -0,0 +1,2 @@",
  "+x",
  "+y",
  "",
].join("\n");

describe("parseUnifiedDiff", () => {
  const files = parseUnifiedDiff(DIFF);

  test("modified lines become ranges, pure deletions become gaps", () => {
    expect(files.get("src/a.ts")).toEqual({
      whole: false,
      ranges: [
        [3, 3],
        [19, 21],
      ],
      gaps: [9],
    });
  });
  test("an added line that starts with ++ is content, not a file header", () => {
    expect([...files.keys()]).not.toContain("added = 1;");
  });
  test("renames are keyed by the new path; pure renames and deleted files are absent", () => {
    expect(files.get("src/new.ts")?.ranges).toEqual([[1, 1]]);
    expect(files.has("src/old.ts")).toBe(false);
    expect(files.has("src/moved2.ts")).toBe(false);
    expect(files.has("src/deleted.ts")).toBe(false);
  });
  test("quoted paths with octal-escaped UTF-8 are unquoted", () => {
    expect(files.get("src/tést a.ts")?.ranges).toEqual([[1, 2]]);
    expect(files.size).toBe(3);
  });
});

describe("spanTouches", () => {
  const changes = {
    whole: false,
    ranges: [
      [3, 3],
      [19, 21],
    ] as [number, number][],
    gaps: [9],
  };
  test.each([
    [3, 3, true],
    [1, 2, false],
    [2, 4, true],
    [4, 8, false],
    [9, 9, false], // ends right at the deletion point: the deleted lines were after it
    [10, 12, false],
    [8, 10, true], // encloses the deletion
    [9, 10, true],
    [21, 30, true],
    [22, 30, false],
  ])("lines %p..%p → %p", (first, last, expected) => {
    expect(spanTouches(changes, first, last)).toBe(expected);
  });
  test("a whole-file change touches every span", () => {
    expect(spanTouches({ whole: true, ranges: [], gaps: [] }, 500, 501)).toBe(true);
  });
});

describe("unquotePath", () => {
  test.each([
    ["plain/path.ts", "plain/path.ts"],
    ['"with\\ttab.ts"', "with\ttab.ts"],
    ['"quote\\"d.ts"', 'quote"d.ts'],
    ['"caf\\303\\251.ts"', "café.ts"],
  ])("%p → %p", (input, expected) => {
    expect(unquotePath(input)).toBe(expected);
  });
});
