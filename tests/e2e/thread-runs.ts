// Helpers of the thread-executor end-to-end tests: run the CLI on a fixture with one executor and read
// each gremlin's status from the JSON report; list where two runs disagree.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { globSync } from "tinyglobby";
import { BUN, CLI, REPO } from "./run-harness.ts";

export interface Run {
  code: number | null;
  stderr: string;
  statuses: Map<string, string>;
  /** Per gremlin (same keys): how many tests its run completed (the report's testsCompleted). */
  testsRun: Map<string, number>;
  wallMs: number;
}

/** Runs whose inputs are equal give equal reports; several test files compare against the same reference. */
const remembered = new Map<string, Run>();
/** Environment variables that make a run write a file of its own: such a run is never shared. */
const SIDE_FILES = ["GREMLINS_TRACE_RUNS", "GREMLINS_THREAD_STATS"];

/**
 * Runs the CLI with `--executor <executor>` and returns each gremlin's status by its stable id. A run with
 * the same fixture, executor, arguments, environment and CLI as an earlier one in this process (the
 * spawn reference runs that several test files compare against) is returned from memory, not run again.
 */
export function runWith(
  fixture: string,
  executor: "thread" | "spawn",
  extra: string[] = [],
  env: Record<string, string> = {},
  cli: readonly string[] = [BUN, CLI],
): Run {
  if (SIDE_FILES.some((name) => name in env)) return runOnce(fixture, executor, extra, env, cli);
  const key = JSON.stringify([fixture, executor, extra, Object.entries(env).sort(), cli]);
  const known = remembered.get(key);
  if (known) return known;
  const run = runOnce(fixture, executor, extra, env, cli);
  if (run.code === 0) remembered.set(key, run);
  return run;
}

function runOnce(
  fixture: string,
  executor: "thread" | "spawn",
  extra: string[],
  env: Record<string, string>,
  cli: readonly string[],
): Run {
  const reportDir = mkdtempSync(join(tmpdir(), `gremlins-eq-${fixture}-`));
  const started = performance.now();
  // The spawn re-check of thread verdicts (--verify) is redundant where a full spawn run is compared anyway.
  const verify = extra.includes("--verify") ? [] : ["--verify", "0"];
  const child = spawnSync(
    cli[0] as string,
    [
      ...cli.slice(1),
      "run",
      "--executor",
      executor,
      "--reporters",
      "json",
      "--workers",
      "2",
      "--report-dir",
      reportDir,
      "--no-cache",
      ...verify,
      ...extra,
    ],
    {
      cwd: join(REPO, "tests/fixtures", fixture),
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", ...env },
      timeout: 240_000,
    },
  );
  const wallMs = performance.now() - started;
  const statuses = new Map<string, string>();
  const testsRun = new Map<string, number>();
  const file = join(reportDir, "mutation.json");
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, "utf8")) as {
      files: Record<
        string,
        {
          mutants: {
            id: string;
            status: string;
            testsCompleted?: number;
            mutatorName: string;
            replacement?: string;
            location: { start: { line: number; column: number } };
          }[];
        }
      >;
    };
    for (const [path, entry] of Object.entries(report.files)) {
      for (const m of entry.mutants) {
        const key = `${path}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${m.replacement ?? ""} [${m.id}]`;
        statuses.set(key, m.status);
        if (m.testsCompleted !== undefined) testsRun.set(key, m.testsCompleted);
      }
    }
  }
  rmSync(reportDir, { recursive: true, force: true });
  return { code: child.status, stderr: child.stderr ?? "", statuses, testsRun, wallMs };
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

/**
 * Path → sha256 of every file gremlins must never write in the user's tree: `.snap` files and everything in
 * `__mocks__` folders (node_modules and .gremlins aside).
 */
export function protectedHashes(dir: string): Record<string, string> {
  const files = globSync(["**/*.snap", "**/__mocks__/**"], {
    cwd: dir,
    ignore: ["**/node_modules/**", "**/.gremlins/**"],
    onlyFiles: true,
  }).sort();
  return Object.fromEntries(
    files.map((f) => [
      f,
      createHash("sha256")
        .update(readFileSync(join(dir, f)))
        .digest("hex"),
    ]),
  );
}
