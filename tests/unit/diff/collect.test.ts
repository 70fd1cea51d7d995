// collectChanges against real git repositories: --staged, --changed (untracked files count whole),
// --since (committed and uncommitted), renames, deletions, the staged overlay, and the usage errors.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyOverlay, collectChanges, readSources, touchesChange } from "../../../src/diff/index.ts";
import { GremlinsError } from "../../../src/errors.ts";
import type { Gremlin } from "../../../src/types.ts";
import { makeRepo, run, write } from "./git-repo.ts";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
function repo(files: Record<string, string>, commit = true): string {
  const root = makeRepo(files, commit);
  roots.push(root);
  return root;
}

const FIVE = "one\ntwo\nthree\nfour\nfive\n";
const lines = (root: string, mode: Parameters<typeof collectChanges>[1]) =>
  Object.fromEntries(
    [...collectChanges(root, mode).files].map(([path, c]) => [
      path,
      c.whole ? "whole" : { ranges: c.ranges, gaps: c.gaps },
    ]),
  );

describe("collectChanges", () => {
  test("--staged sees only the index; --changed sees staged + unstaged + untracked", () => {
    const root = repo({ "src/a.ts": FIVE, "src/b.ts": FIVE });
    write(root, { "src/a.ts": FIVE.replace("two", "TWO") });
    run(root, "add", "src/a.ts");
    write(root, {
      "src/a.ts": FIVE.replace("two", "TWO").replace("five", "FIVE"),
      "src/b.ts": FIVE.replace("four\n", ""),
      "src/new.ts": "x\n",
    });
    expect(lines(root, { kind: "staged" })).toEqual({ "src/a.ts": { ranges: [[2, 2]], gaps: [] } });
    expect(lines(root, { kind: "changed" })).toEqual({
      "src/a.ts": {
        ranges: [
          [2, 2],
          [5, 5],
        ],
        gaps: [],
      },
      "src/b.ts": { ranges: [], gaps: [3] },
      "src/new.ts": "whole",
    });
  });

  test("--since <ref> covers later commits and uncommitted edits; renames map to the new path", () => {
    const root = repo({ "src/a.ts": FIVE, "src/old.ts": FIVE + "six\nseven\n" });
    run(root, "tag", "base");
    write(root, { "src/a.ts": FIVE.replace("one", "ONE") });
    run(root, "mv", "src/old.ts", "src/renamed.ts");
    write(root, { "src/renamed.ts": FIVE.replace("three", "THREE") + "six\nseven\n" });
    run(root, "commit", "-qam", "second");
    write(root, { "src/a.ts": FIVE.replace("one", "ONE").replace("five", "5") });
    expect(lines(root, { kind: "since", ref: "base" })).toEqual({
      "src/a.ts": {
        ranges: [
          [1, 1],
          [5, 5],
        ],
        gaps: [],
      },
      "src/renamed.ts": { ranges: [[3, 3]], gaps: [] },
    });
    expect(lines(root, { kind: "since", ref: "HEAD" })).toEqual({ "src/a.ts": { ranges: [[5, 5]], gaps: [] } });
  });

  test("deleted files yield no changes; a subdirectory root sees its own files, relative to it", () => {
    const root = repo({ "pkg/src/a.ts": FIVE, "other/b.ts": FIVE });
    unlinkSync(join(root, "other/b.ts"));
    write(root, { "pkg/src/a.ts": FIVE.replace("four", "FOUR") });
    expect(lines(join(root, "pkg"), { kind: "changed" })).toEqual({ "src/a.ts": { ranges: [[4, 4]], gaps: [] } });
    expect(lines(root, { kind: "changed" })).toEqual({ "pkg/src/a.ts": { ranges: [[4, 4]], gaps: [] } });
  });

  test("a repository without commits: everything staged is new", () => {
    const root = repo({ "src/a.ts": "a\nb\n" }, false);
    run(root, "add", "-A");
    expect(lines(root, { kind: "staged" })).toEqual({ "src/a.ts": { ranges: [[1, 2]], gaps: [] } });
  });

  test("--staged reads the staged content of files the working tree changed further, and overlays it", () => {
    const root = repo({ "src/a.ts": FIVE, "test/a.test.ts": "old test\n" });
    write(root, { "src/a.ts": FIVE.replace("two", "TWO") });
    run(root, "add", "src/a.ts");
    write(root, { "src/a.ts": "working tree only\n", "test/a.test.ts": "unstaged test edit\n" });
    const changes = collectChanges(root, { kind: "staged" });
    const { inputs, read } = readSources(root, ["src/a.ts"], changes);
    expect(inputs).toEqual([{ file: "src/a.ts", source: FIVE.replace("two", "TWO") }]);
    expect(read("test/a.test.ts")?.toString()).toBe("old test\n");
    const copy = mkdtempSync(join(tmpdir(), "gremlins-overlay-"));
    roots.push(copy);
    applyOverlay(copy, changes.overlay);
    expect(readFileSync(join(copy, "test/a.test.ts"), "utf8")).toBe("old test\n");
    expect(readFileSync(join(copy, "src/a.ts"), "utf8")).toBe(FIVE.replace("two", "TWO"));
    expect(existsSync(join(copy, "src/b.ts"))).toBe(false);
  });

  test("outside a git repository, and with an unknown revision: usage errors (exit 2) naming the flag", () => {
    const plain = mkdtempSync(join(tmpdir(), "gremlins-nogit-"));
    roots.push(plain);
    for (const mode of [{ kind: "staged" }, { kind: "changed" }, { kind: "since", ref: "main" }] as const) {
      let error: unknown;
      try {
        collectChanges(plain, mode);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GremlinsError);
      expect((error as GremlinsError).exitCode).toBe(2);
      expect((error as Error).message).toContain("not inside a git work tree");
    }
    const root = repo({ "a.ts": "x\n" });
    expect(() => collectChanges(root, { kind: "since", ref: "no-such-branch" })).toThrow(
      '--since: unknown git revision "no-such-branch"',
    );
    expect(() => collectChanges(root, { kind: "since", ref: "--output=/tmp/x" })).toThrow("is not a git revision");
  });
});

describe("touchesChange", () => {
  const gremlin = (file: string, from: number, to: number) =>
    ({ file, loc: { start: { line: from, column: 1 }, end: { line: to, column: 1 } } }) as Gremlin;
  test("by file and line span", () => {
    const changes = {
      mode: { kind: "changed" as const },
      label: "",
      overlay: new Map(),
      files: new Map([["src/a.ts", { whole: false, ranges: [[4, 4]] as [number, number][], gaps: [] }]]),
    };
    expect(touchesChange(gremlin("src/a.ts", 4, 4), changes)).toBe(true);
    expect(touchesChange(gremlin("src/a.ts", 1, 3), changes)).toBe(false);
    expect(touchesChange(gremlin("src/b.ts", 4, 4), changes)).toBe(false);
  });
});
