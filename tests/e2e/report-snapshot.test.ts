// The console report of a real `gremlins run` pinned as a snapshot (tests/snapshots/report-bun-slug.txt): the
// bun fixture's src/slug.ts (18 gremlins, Killed and NoCoverage only, so no timing decides a verdict), with
// timings and paths masked. A changed column or section fails here; UPDATE_SNAPSHOTS=1 rewrites the file.
import { afterAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectSnapshot } from "../snapshot.ts";
import { BUN, CLI, REPO } from "./run-harness.ts";

const reportDir = mkdtempSync(join(tmpdir(), "gremlins-snapshot-"));
afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

/** Durations and rates vary from run to run; paths vary from machine to machine. */
function maskRun(text: string, root: string): string {
  return text
    .replaceAll(root, "<root>")
    .replaceAll(reportDir, "<report-dir>")
    .replace(/\b\d+(?:\.\d+)? gremlins\/s\b/g, "<rate> gremlins/s")
    .replace(/\b\d+(?:\.\d+)? ?(?:ms|s|min)\b/g, "<time>");
}

test("console report of a run on the bun fixture (src/slug.ts)", () => {
  const root = join(REPO, "tests/fixtures/bun");
  const args = [
    "run",
    "--mutate",
    "src/slug.ts",
    "--reporters",
    "clear-text",
    "--workers",
    "2",
    "--verify",
    "0",
    "--no-cache",
    "--report-dir",
    reportDir,
  ];
  const child = spawnSync(BUN, [CLI, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  expect(child.status).toBe(0);
  expectSnapshot("report-bun-slug.txt", maskRun(child.stdout, root));
}, 180_000);
