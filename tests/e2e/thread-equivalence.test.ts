// The thread executor against the spawn executor (the oracle): on every fixture the harness supports,
// each gremlin's status must be the same, gremlin by gremlin. Also the thread-* fixtures (static
// gremlins, leaking state, unhandled rejections) and the vi.mock fallback.
import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUN, CLI, REPO } from "./run-harness.ts";

interface Run {
  code: number | null;
  stderr: string;
  statuses: Map<string, string>;
  wallMs: number;
}

/** Runs the CLI with `--executor <executor>` and returns each gremlin's status by its stable id. */
export function runWith(fixture: string, executor: "thread" | "spawn", extra: string[] = []): Run {
  const reportDir = mkdtempSync(join(tmpdir(), `gremlins-eq-${fixture}-`));
  const started = performance.now();
  const child = spawnSync(BUN, [CLI, "run", "--executor", executor, "--reporters", "json", "--workers", "2", "--report-dir", reportDir, "--no-cache", ...extra], {
    cwd: join(REPO, "tests/fixtures", fixture),
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 240_000,
  });
  const wallMs = performance.now() - started;
  const statuses = new Map<string, string>();
  const file = join(reportDir, "mutation.json");
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, "utf8")) as { files: Record<string, { mutants: { id: string; status: string; mutatorName: string; replacement?: string; location: { start: { line: number; column: number } } }[] }> };
    for (const [path, entry] of Object.entries(report.files)) {
      for (const m of entry.mutants) statuses.set(`${path}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${m.replacement ?? ""} [${m.id}]`, m.status);
    }
  }
  rmSync(reportDir, { recursive: true, force: true });
  return { code: child.status, stderr: child.stderr ?? "", statuses, wallMs };
}

/** Gremlins whose status differs between the two runs, one line each. */
export function differences(thread: Run, spawn: Run): string[] {
  const out: string[] = [];
  for (const [key, status] of spawn.statuses) {
    const other = thread.statuses.get(key);
    if (other !== status) out.push(`${key}: spawn ${status}, thread ${other ?? "missing"}`);
  }
  for (const key of thread.statuses.keys()) if (!spawn.statuses.has(key)) out.push(`${key}: only in the thread run`);
  return out;
}

const FIXTURES = (process.env.GREMLINS_EQ_FIXTURES ?? "bun,node-test,mocha,uvu,tape,jest,vitest,thread-static,thread-leak,thread-rejection").split(",");
const timings: string[] = [];
afterAll(() => console.log(timings.join("\n")));

describe("thread executor ≡ spawn executor", () => {
  for (const fixture of FIXTURES) {
    test(
      fixture,
      () => {
        const thread = runWith(fixture, "thread");
        if (thread.code !== 0) console.log(thread.stderr);
        expect(thread.code).toBe(0);
        expect(thread.stderr).toContain("Executor: thread");
        const spawn = runWith(fixture, "spawn");
        expect(spawn.code).toBe(0);
        expect(thread.statuses.size).toBeGreaterThan(0);
        timings.push(`${fixture}: ${thread.statuses.size} gremlins, thread ${(thread.wallMs / 1000).toFixed(1)} s, spawn ${(spawn.wallMs / 1000).toFixed(1)} s`);
        expect(differences(thread, spawn)).toEqual([]);
        if (fixture === "thread-leak") expect(thread.stderr).toContain("fresh worker per gremlin");
      },
      300_000,
    );
  }
});

describe("falls back where the harness cannot be faithful", () => {
  test("vi.mock: --executor thread refuses with the reason", () => {
    const run = runWith("thread-vimock", "thread");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("module mocking (vi.mock)");
  }, 60_000);
  test("Deno.test: --executor thread refuses with the reason", () => {
    const run = runWith("deno", "thread");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Deno.test");
  }, 60_000);
});
