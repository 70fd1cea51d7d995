// Helpers of the thread-executor end-to-end tests: run the CLI on a fixture with one executor and read
// each gremlin's status from the JSON report (and, for the spawn executor, its trace of every gremlin run);
// list where two runs disagree.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { globSync } from "tinyglobby";
import { BUN, CLI, REPO } from "./run-harness.ts";
import type { ThreadStats } from "../../src/execute/thread/stats.ts";

/** One gremlin run of the spawn executor, as GREMLINS_TRACE_RUNS records it. */
export interface Traced {
  index: number;
  file: string;
  line: number;
  command: string;
  files: string[] | null;
  tests?: string[];
  output: string;
}

export interface Run {
  code: number | null;
  stderr: string;
  statuses: Map<string, string>;
  /** Per gremlin (same keys): how many tests its run completed (the report's testsCompleted). */
  testsRun: Map<string, number>;
  /** Per Killed gremlin (same keys): the tests the report names as its killers (killedBy). */
  killedBy: Map<string, string[]>;
  /** Spawn runs: every gremlin run, in the order they ended (GREMLINS_TRACE_RUNS); thread runs: none. */
  traced: Traced[];
  wallMs: number;
}

/** Runs whose inputs are equal give equal reports; several test files compare against the same reference. */
const remembered = new Map<string, Run>();
/** Environment variables that make a run write a file of its own: such a run is never shared. */
const SIDE_FILES = ["GREMLINS_TRACE_RUNS", "GREMLINS_THREAD_STATS"];

/**
 * Runs the CLI with `--executor <executor>` and returns each gremlin's status by its stable id. A run with
 * the same fixture, executor, arguments, environment and CLI as an earlier one in this process (the
 * spawn reference runs that several test files compare against, whose trace of gremlin runs is part of
 * the result) is returned from memory, not run again. The spawn executor's extra baseline run, which only
 * looks for flaky tests, is skipped unless `extra` sets --baseline-runs.
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
  // A second baseline run only looks for flaky tests; no verdict depends on it (the fixtures are not flaky).
  const baselines = executor === "spawn" && !extra.includes("--baseline-runs") ? ["--baseline-runs", "1"] : [];
  const trace = join(reportDir, "runs.jsonl");
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
      ...baselines,
      ...extra,
    ],
    {
      cwd: join(REPO, "tests/fixtures", fixture),
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", ...(executor === "spawn" ? { GREMLINS_TRACE_RUNS: trace } : {}), ...env },
      timeout: 240_000,
    },
  );
  const wallMs = performance.now() - started;
  const statuses = new Map<string, string>();
  const testsRun = new Map<string, number>();
  const killedBy = new Map<string, string[]>();
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
            killedBy?: string[];
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
        if (m.status === "Killed") killedBy.set(key, m.killedBy ?? []);
      }
    }
  }
  const traced = existsSync(trace)
    ? readFileSync(trace, "utf8")
        .trim()
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Traced)
    : [];
  rmSync(reportDir, { recursive: true, force: true });
  return { code: child.status, stderr: child.stderr ?? "", statuses, testsRun, killedBy, traced, wallMs };
}

/**
 * A thread run with its GREMLINS_THREAD_STATS record (read from a temp file, then removed): never shared,
 * as runWith shares no run that writes a file of its own.
 */
export function runWithStats(fixture: string, extra: string[] = []): { run: Run; stats: ThreadStats | null } {
  const dir = mkdtempSync(join(tmpdir(), `gremlins-stats-${fixture}-`));
  const file = join(dir, "stats.json");
  try {
    const run = runWith(fixture, "thread", extra, { GREMLINS_THREAD_STATS: file });
    return { run, stats: existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ThreadStats) : null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
 * The operators of the whole-suite reference runs and of the --no-bail runs, which check how tests are chosen
 * and run rather than what one gremlin does: every comparison keeps its equality and boundary gremlins (the
 * conditional and block gremlins of the same lines go through the same tests), string and object literals keep
 * the gremlins reached while a module loads, arithmetic the fixtures' uncalled functions (NoCoverage), update
 * node-test's endless loop (Timeout). The selected runs compared with them keep every operator.
 */
export const NARROW = ["--operators", "arithmetic,boundary,equality,object-literal,string-literal,update"];

/** The whole suite's verdicts on the NARROW operators (GREMLINS_TEST_SELECTION=off): the reference of test selection. */
export function wholeSuite(fixture: string): Run {
  return runWith(fixture, "spawn", NARROW, { GREMLINS_TEST_SELECTION: "off" });
}

/** `run` cut to the gremlins `reference` has (a reference run on fewer operators or files). */
export function within(run: Run, reference: Run): Run {
  const keep = <T>(map: Map<string, T>) => new Map([...map].filter(([key]) => reference.statuses.has(key)));
  return { ...run, statuses: keep(run.statuses), testsRun: keep(run.testsRun), killedBy: keep(run.killedBy) };
}

/** The distinct statuses of a run, sorted: a narrowed reference must still hold every status of the full run. */
export function kinds(run: Run): string[] {
  return [...new Set(run.statuses.values())].sort();
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
