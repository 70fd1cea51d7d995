// The orchestrator of `gremlins run`: discover → generate → sandbox + instrument → detect the test
// command → baseline → execute every gremlin → reports → exit code (0 ok, 1 below thresholds.break, 2 errors).

import { appendFileSync } from "node:fs";
import type { Gremlin, ResolvedConfig, RunResult } from "../types.ts";
import { onInterrupt, type Sandbox } from "../sandbox/index.ts";
import { scopeFiles, startIncremental } from "../incremental/index.ts";
import type { DiffMode } from "../diff/index.ts";
import { runSetupSteps } from "../execute/test-steps.ts";
import { projectModel } from "../project/model.ts";
import { explainRuntime } from "../project/runtime.ts";
import { GremlinsError } from "../errors.ts";
import { BaselineError, DEFAULT_HIT_LIMIT, indentTail, resolveWorkers } from "../execute/index.ts";
import { startExecutor } from "../execute/start.ts";
import { warmMode } from "../execute/warm/index.ts";
import type { Executor } from "../execute/executor.ts";
import { summarize, writeReports } from "../report/index.ts";
import { formatDuration } from "../report/format.ts";
import { createLog } from "./log.ts";
import { enclosingFunctions, formatShard, type ShardSpec } from "../plan/index.ts";
import { executeWork, generateGremlins, planWork, prepareSandbox } from "./stages.ts";
import { verifyStage } from "./verify-stage.ts";
import { flakyTestsWithVerdicts } from "../verify/flaky.ts";

export interface RunOptions {
  verbose?: boolean;
  quiet?: boolean;
  /** False for --no-cache: no cached verdict or coverage is used (fresh ones are still saved). */
  cache?: boolean;
  /** --since / --staged / --changed: only gremlins on changed lines are tested. */
  diff?: DiffMode;
  /** --shard i/n: test only this deterministic, cost-balanced share of the gremlins (the report says which). */
  shard?: ShardSpec;
  /** False for --no-bail: every covering test runs, and the report lists every killing test. */
  bail?: boolean;
}

/** Runs mutation testing for `config`; returns the process exit code. Throws GremlinsError for usage errors. */
export async function runGremlins(config: ResolvedConfig, options: RunOptions = {}): Promise<number> {
  const log = createLog(options);
  const started = performance.now();
  const root = config.root;
  const startCwd = process.cwd();

  const generated = await generateGremlins(config, options, log);
  const { files, gremlins } = generated;
  const project = projectModel(root, config.testCommand);
  const { chosen, steps } = project;
  log.info(`Test command: ${chosen.command}  (${chosen.reason})`);
  // Both executors run the runner's step alone; build steps run once before the baseline, checks are skipped.
  const test = steps.test;
  for (const note of steps.notes) log.verbose(note);
  if (project.missingRuntime) throw new GremlinsError(project.missingRuntime);
  log.verbose(explainRuntime(project.runtime));
  const incremental = await startIncremental(config, files, gremlins, {
    useCache: options.cache !== false,
    changes: generated.changes,
    testCommand: chosen.command,
    read: generated.read,
    warn: log.warn,
  });
  // Ctrl-C / SIGTERM: the sandbox and child processes go first (newer teardowns), then the verdicts
  // completed so far are saved to the cache and a partial summary is printed (exit 130 / 143).
  const tally = new Map<string, number>();
  let planned = 0;
  const stopSaving = onInterrupt(() => {
    incremental.saveInterrupted();
    const done = [...tally.values()].reduce((a, b) => a + b, 0);
    const parts = [...tally].map(([status, n]) => `${status} ${n}`).join(", ");
    process.stderr.write(
      `\nInterrupted: ${done} of ${planned} gremlins got a verdict${parts ? ` (${parts})` : ""}; completed verdicts saved to the cache.\n`,
    );
  });

  let sandbox: Sandbox | null = null;
  let executor: Executor | null = null;
  try {
    if (incremental.toTest.length === 0) {
      incremental.save();
      const totalMs = performance.now() - started;
      const result: RunResult = {
        root,
        files: scopeFiles(files, incremental.inScope),
        gremlins: incremental.inScope,
        outcomes: incremental.known,
        tests: new Map(),
        timings: { setupMs: totalMs, baselineMs: 0, mutationMs: 0, totalMs },
        thresholds: config.thresholds,
        config,
      };
      return await writeRunReports(result, options, log, incremental.summary(0));
    }
    const prepared = prepareSandbox(root, generated, log);
    sandbox = prepared.sandbox;
    const box = sandbox;
    const dir = box.dirs[0] as string;
    const setupMs = performance.now() - started;

    const baselineStart = performance.now();
    // Worker threads share the process's working directory: the tests' relative file writes must land
    // in the sandbox, never in the user's tree (restored in `finally`).
    process.chdir(dir);
    const setup = await runSetupSteps(steps.setup, dir, test.path);
    if (setup.failed)
      log.warn(
        `the step "${setup.failed.command}" failed in the sandbox (the baseline decides whether the tests still pass):\n${indentTail(setup.failed.tail)}`,
      );
    // Executor selection: the thread executor when the built-in harness can run the suite, else spawn (with the reason).
    const scopes = enclosingFunctions(files);
    const scopeOf = (g: Gremlin) => scopes.get(g.id);
    const workers = resolveWorkers(config.workers, incremental.toTest.length);
    const start = await startExecutor({
      executor: config.executor,
      scopeOf,
      thread: {
        dir,
        testCommand: test.command,
        mutatedFiles: files.map((f) => f.file),
        timeoutMs: config.timeoutMs,
        timeoutFactor: config.timeoutFactor,
        hitLimit: DEFAULT_HIT_LIMIT,
        workers,
      },
      spawn: {
        spec: test,
        dir,
        context: prepared.context,
        addWorkers: (count) => box.addWorkers(count),
        workers,
        timeoutMs: config.timeoutMs,
        timeoutFactor: config.timeoutFactor,
        baselineRuns: config.baselineRuns ?? 2,
        hitLimit: DEFAULT_HIT_LIMIT,
        cachedCoverage: incremental.coverage,
        selection: process.env.GREMLINS_TEST_SELECTION !== "off",
        perTest: process.env.GREMLINS_TEST_SELECTION !== "files",
        warm: warmMode(process.env.GREMLINS_WARM_RUNS),
        bail: options.bail !== false,
        scopeOf,
        onRun: traceRuns(),
      },
    });
    executor = start.executor;
    if (start.line) log.info(start.line);
    for (const note of start.notes) log.verbose(`  ${note}`);
    const baseline = await executor.baseline().catch((error: unknown) => {
      if (error instanceof BaselineError) log.warn(`baseline output (last lines):\n${indentTail(error.tail)}`);
      throw error;
    });
    if (!incremental.coverage) incremental.recordCoverage(baseline.reached, baseline.durationMs);
    const baselineMs = performance.now() - baselineStart;
    const [limit, ...described] = executor.describe();
    log.info(
      `${baseline.cached ? "Coverage from the cache (no baseline run)" : `Baseline green in ${formatDuration(baselineMs)}`}; ${baseline.reached.size} of ${gremlins.length} gremlins reached by tests.${limit ? ` ${limit}` : ""}`,
    );
    for (const line of described) log.info(line);
    for (const flake of baseline.flaky) {
      log.warn(
        `flaky test ${flake.name === null ? "(unnamed)" : `"${flake.name}"`}: it ${flake.detail}. The run goes on; the reports name it and the verdicts that rest on it.`,
      );
    }

    const work = planWork(incremental, baseline, {
      config,
      shard: options.shard,
      testCommand: chosen.command,
      files,
      log,
    });
    planned = work.ordered.length;
    const { outcomes, mutationMs } = await executeWork({
      executor,
      work,
      baseline,
      baselineMs,
      bail: options.bail !== false,
      verbose: Boolean(options.verbose),
      progress: !options.quiet && config.reporters.includes("progress"),
      log,
      onOutcome(gremlin, outcome) {
        incremental.record(gremlin, outcome);
        tally.set(outcome.status, (tally.get(outcome.status) ?? 0) + 1);
      },
    });
    const { verification, unmet } = await verifyStage({
      config,
      executor,
      ran: work.toRun,
      outcomes,
      spec: test,
      dir,
      workers: work.workers,
      context: prepared.context,
      addWorkers: (count) => box.addWorkers(count),
      // The thread run's wall time so far (setup, baseline, gremlins): the default sample may take a share of it.
      threadMs: performance.now() - started,
      baselineMs: baseline.durationMs,
      hitLimit: DEFAULT_HIT_LIMIT,
      log,
      onReplaced: (gremlin, outcome) => incremental.record(gremlin, outcome),
    });
    process.chdir(startCwd);
    incremental.save();
    for (const [id, outcome] of incremental.known) if (work.inShard.has(id)) outcomes.set(id, outcome);

    const { stamp } = work;
    const tests = executor.tests(outcomes);
    const flakyTests = flakyTestsWithVerdicts(baseline.flaky, outcomes, tests);
    const result: RunResult = {
      root,
      files: scopeFiles(files, work.scope),
      gremlins: work.scope,
      outcomes,
      tests,
      timings: { setupMs, baselineMs, mutationMs, totalMs: performance.now() - started },
      thresholds: config.thresholds,
      // The shard stamp rides in the report's free-form `config` (read back by `gremlins merge`).
      config: stamp ? ({ ...config, shard: stamp } as ResolvedConfig) : config,
      ...(verification ? { verification } : {}),
      ...(flakyTests.length > 0 ? { flakyTests } : {}),
    };
    const code = await writeRunReports(result, options, log, incremental.summary(work.toRun.length));
    if (unmet) {
      // An explicit --verify is a demand (a CI job wanting certainty): its absence fails the run.
      log.error(
        `--verify ${config.verify} was asked for but could not run: ${unmet}. The reports hold the unverified thread verdicts; fix the cause or pass --verify 0.`,
      );
      return 2;
    }
    if (stamp && code === 1) {
      log.info(
        `Shard ${formatShard(stamp)}: the score threshold applies to the merged report (gremlins merge), not to one shard.`,
      );
      return 0;
    }
    return code;
  } finally {
    process.chdir(startCwd);
    stopSaving();
    executor?.close();
    sandbox?.remove();
  }
}

/** Writes the configured reports, then the incremental summary lines; returns the exit code. */
async function writeRunReports(
  result: RunResult,
  options: RunOptions,
  log: ReturnType<typeof createLog>,
  summary: string[],
): Promise<number> {
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const written = await writeReports(result, result.config.reporters, {
    color,
    quiet: options.quiet,
    write: (text) => process.stdout.write(text),
  });
  for (const file of written) log.info(`Report written: ${file}`);
  for (const line of summary) log.info(line);
  return exitCodeFor(result);
}

/** 1 when the mutation score is below thresholds.break, else 0. */
export function exitCodeFor(result: RunResult): number {
  const limit = result.thresholds.break;
  if (limit === null) return 0;
  const score = summarize(result).total.mutationScore;
  if (Number.isNaN(score)) return 0;
  return score < limit ? 1 : 0;
}

/**
 * `GREMLINS_TRACE_RUNS=<file>`: the spawn executor appends one JSON line per gremlin run (index, command,
 * test files, the runner's output) — for checking test selection by hand and in the end-to-end tests.
 */
function traceRuns():
  | ((gremlin: Gremlin, run: { command: string; files: string[] | null; tests?: string[]; output: string }) => void)
  | undefined {
  const file = process.env.GREMLINS_TRACE_RUNS;
  if (!file) return undefined;
  return (gremlin, run) =>
    appendFileSync(
      file,
      `${JSON.stringify({ index: gremlin.index, file: gremlin.file, line: gremlin.loc.start.line, ...run })}\n`,
    );
}
