// Snapshot guard: which snapshot files a command wrote, changed or removed (relative paths, sorted).
import { expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { snapshotChanges, snapshotFiles } from "../../../src/execute/snapshot-guard.ts";

test.each([
  ["nothing changed", { "a.snap": "1" }, { "a.snap": "1" }, []],
  ["written", {}, { "__snapshots__/t.ts.snap": "1" }, ["__snapshots__/t.ts.snap (written)"]],
  ["changed", { "a.snap": "1" }, { "a.snap": "2" }, ["a.snap (changed)"]],
  ["removed", { "a.snap": "1", "b.snap": "1" }, { "b.snap": "1" }, ["a.snap (removed)"]],
  ["several, sorted", { "z.snap": "1" }, { "a.snap": "1", "z.snap": "2" }, ["a.snap (written)", "z.snap (changed)"]],
])("%s", (_name, before, after, expected) => {
  expect(snapshotChanges(new Map(Object.entries(before)), new Map(Object.entries(after)))).toEqual(expected);
});

test("snapshot files: *.snap anywhere and anything in __snapshots__, not in node_modules, .git or .gremlins", () => {
  const dir = mkdtempSync(join(tmpdir(), "gremlins-snapguard-"));
  try {
    for (const folder of ["src/__snapshots__", "test", "node_modules/x", ".git", ".gremlins"])
      mkdirSync(join(dir, folder), { recursive: true });
    for (const file of [
      "src/__snapshots__/a.test.ts.snap",
      "src/__snapshots__/output.txt",
      "test/b.snap",
      "test/c.ts",
      "node_modules/x/d.snap",
      ".git/e.snap",
      ".gremlins/f.snap",
    ])
      writeFileSync(join(dir, file), file);
    expect([...snapshotFiles(dir).keys()].sort()).toEqual([
      "src/__snapshots__/a.test.ts.snap",
      "src/__snapshots__/output.txt",
      "test/b.snap",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
