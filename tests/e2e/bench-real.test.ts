// Smoke test of scripts/bench-real.ts: one run on a copy of the node-test fixture (gremlins from source,
// --skip-spawn), with its settings in a bench.json beside the copy: one table row, the JSON row's runner,
// executor, reason and verdict counts; a missing project directory is a one-line error.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUN, REPO } from "./run-harness.ts";

const SCRIPT = join(REPO, "scripts/bench-real.ts");
let root = "";

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "gremlins-bench-real-test-"));
  cpSync(join(REPO, "tests/fixtures/node-test"), join(root, "node-test"), { recursive: true });
  writeFileSync(
    join(root, "node-test.bench.json"),
    JSON.stringify({ runner: "node:test", mutate: ["src/*.js"], repo: "local/fixture", commit: "none" }),
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

test("one row per project, and the raw row in --json", () => {
  const out = join(root, "rows.json");
  const run = spawnSync(
    BUN,
    [SCRIPT, join(root, "node-test"), "--runtime", "source", "--skip-spawn", "--verify", "3", "--json", out],
    { encoding: "utf8", timeout: 300_000 },
  );
  expect(run.status).toBe(0);
  const rows = run.stdout.split("\n").filter((l) => l.startsWith("| node-test |"));
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain("— (--skip-spawn)");
  const [row] = JSON.parse(readFileSync(out, "utf8")) as {
    runner: string;
    repo: string;
    gremlins: number;
    testCommand: string;
    auto: { executor: string; reason: string; counts: Record<string, number> };
    spawn: { skipped?: string };
  }[];
  expect(row?.runner).toBe("node:test");
  expect(row?.repo).toBe("local/fixture");
  expect(row?.auto.executor).toBe("thread");
  expect(row?.auto.reason).toContain("built-in harness");
  expect(row?.testCommand).toContain("node --test");
  expect(row?.gremlins).toBe(58);
  expect(row?.auto.counts).toEqual({ Killed: 43, Survived: 4, Timeout: 1, NoCoverage: 10 });
  expect(row?.spawn.skipped).toBe("--skip-spawn");
  // --verify passes through to the auto leg; its re-check is read back from the report.
  expect(
    (row as unknown as { auto: { verification?: { checked: number; agreed: number } } }).auto.verification,
  ).toMatchObject({ checked: 3, agreed: 3 });
  expect(rows[0]).toContain("3/3 agree");
}, 300_000);

test("a directory that is not a project is a one-line error", () => {
  const run = spawnSync(BUN, [SCRIPT, join(root, "missing")], { encoding: "utf8" });
  expect(run.status).toBe(2);
  expect(run.stderr.trim()).toBe(
    `bench-real: ${join(root, "missing")} has no package.json or deno.json: pass a project directory`,
  );
});
