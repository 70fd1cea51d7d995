// Test helper: compares text with a snapshot file under tests/snapshots/ (cargo-mutants style, plain text).
// UPDATE_SNAPSHOTS=1 writes the files instead; a missing or different snapshot fails with a line diff.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const DIR = resolve(import.meta.dir, "snapshots");

/** The differing middle of two texts as `-`/`+` lines, with up to two lines of context either side. */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const from = Math.max(0, head - 2);
  const lines = [`@@ line ${head + 1} @@`];
  for (const line of a.slice(from, head)) lines.push(`  ${line}`);
  for (const line of a.slice(head, a.length - tail)) lines.push(`- ${line}`);
  for (const line of b.slice(head, b.length - tail)) lines.push(`+ ${line}`);
  for (const line of a.slice(a.length - tail, a.length - tail + 2)) lines.push(`  ${line}`);
  return lines.join("\n");
}

/** Fails unless `actual` equals the snapshot `name` (a file name under tests/snapshots/). */
export function expectSnapshot(name: string, actual: string): void {
  const path = join(DIR, name);
  const shown = relative(resolve(DIR, "../.."), path);
  if (process.env["UPDATE_SNAPSHOTS"] === "1") {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path))
    throw new Error(`no snapshot ${shown}: run the test with UPDATE_SNAPSHOTS=1 to write it, then review it`);
  const expected = readFileSync(path, "utf8");
  if (expected === actual) return;
  throw new Error(
    `${shown} differs from the output (- snapshot, + now); if the change is intended, rerun with UPDATE_SNAPSHOTS=1 and review the diff\n${lineDiff(expected, actual)}`,
  );
}
