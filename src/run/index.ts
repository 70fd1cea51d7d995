// The orchestrator of `gremlins run`: discover → generate → sandbox + instrument → detect the test
// command → baseline → execute every gremlin → reports → exit code (0 ok, 1 below thresholds.break, 2 errors).

import { GremlinsError } from "../errors.ts";
import type { Gremlin, Outcome, ResolvedConfig, RunResult } from "../types.ts";
import { discoverFiles } from "../discover/index.ts";
import { instrumentFile } from "../instrument/index.ts";
import { createSandbox, onInterrupt, type Sandbox } from "../sandbox/index.ts";
import { generateWithCache, planIncremental, scopeFiles } from "../cache/index.ts";
import { applyOverlay, collectChanges, readSources, type DiffMode } from "../diff/index.ts";
import { detectTestCommand } from "../detect/test-command.ts";
import { runSetupSteps, testSteps } from "../execute/test-steps.ts";
import { detectRuntime, explainRuntime } from "../detect/runtime.ts";
import { BaselineError, DEFAULT_HIT_LIMIT, executeGremlins, indentTail, planRuns, resolveWorkers, runBaseline, selectFiles, type FileSelection, type WorkerContext } from "../execute/index.ts";
import { appendFileSync } from "node:fs";
import { startThreads, type ThreadSession } from "../execute/thread/index.ts";
import { createProgress, summarize, writeReports } from "../report/index.ts";
import { formatDuration } from "../report/format.ts";
import { createLog } from "./log.ts";
import { CostTracker, costMs, efficiency, enclosingFunctions, formatEfficiency, formatShard, KillerMemory, largestFirst, requiredMs, selectShard, spawnCostModel, stampShard, threadCostModel, type ShardSpec, type ShardStamp } from "../plan/index.ts";

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

  const paths = await discoverFiles(root, config.mutate);
  if (paths.length === 0) {
    throw new GremlinsError(`No files to mutate: the mutate globs ${formatGlobs(config.mutate)} (from ${globOrigin(config)}) matched no JS/TS file under ${root}.`);
  }
  const changes = options.diff ? collectChanges(root, options.diff) : null;
  const { inputs, read } = readSources(root, paths, changes);
  const generated = generateWithCache(config, inputs, options.cache !== false);
  for (const failure of generated.failures) {
    log.warn(`${failure.file}:${failure.line}:${failure.column}: ${failure.message} (file skipped)`);
  }
  const { files, gremlins } = generated;
  if (gremlins.length === 0) {
    throw new GremlinsError(
      `No gremlins to test: the ${paths.length} file(s) matched by ${formatGlobs(config.mutate)} contain no code the operators can mutate.`,
    );
  }
  log.info(`${gremlins.length} gremlins in ${files.length} file(s)`);

  const chosen = detectTestCommand(root, config.testCommand);
  log.info(`Test command: ${chosen.command}  (${chosen.reason})`);
  // Both executors run the runner's step alone; build steps run once before the baseline, checks are skipped.
  const steps = testSteps(root, chosen);
  const test = steps.test;
  for (const note of steps.notes) log.verbose(note);
  log.verbose(explainRuntime(detectRuntime(root, test)));
  const plan = await planIncremental(config, files, gremlins, { useCache: options.cache !== false, changes, testCommand: chosen.command, read, warn: log.warn });
  // Ctrl-C / SIGTERM: the sandbox and child processes go first (newer teardowns), then the verdicts
  // completed so far are saved to the cache and a partial summary is printed (exit 130 / 143).
  const tally = new Map<string, number>();
  let planned = 0;
  const stopSaving = onInterrupt(() => {
    plan.saveInterrupted();
    const done = [...tally.values()].reduce((a, b) => a + b, 0);
    const parts = [...tally].map(([status, n]) => `${status} ${n}`).join(", ");
    process.stderr.write(`\nInterrupted: ${done} of ${planned} gremlins got a verdict${parts ? ` (${parts})` : ""}; completed verdicts saved to the cache.\n`);
  });

  let sandbox: Sandbox | null = null;
  let threaded: ThreadSession | null = null;
  try {
    if (plan.toTest.length === 0) {
      plan.save();
      const totalMs = performance.now() - started;
      const result: RunResult = { root, files: scopeFiles(files, plan.inScope), gremlins: plan.inScope, outcomes: plan.known, tests: new Map(), timings: { setupMs: totalMs, baselineMs: 0, mutationMs: 0, totalMs }, thresholds: config.thresholds, config };
      return await writeRunReports(result, options, log, plan.summary(0));
    }
    sandbox = createSandbox(root, { keep: files.map((f) => f.file) });
    if (changes) applyOverlay(sandbox.dirs[0] as string, changes.overlay);
    for (const name of sandbox.orphansRemoved) log.verbose(`removed orphaned sandbox .gremlins/${name}`);
    for (const file of files) sandbox.writeFile(file.file, instrumentFile(file));
    log.verbose(`sandbox: ${sandbox.dirs[0]} (${sandbox.stats.files} files copied, ${sandbox.stats.ignored.length} git-ignored paths skipped)`);
    const box = sandbox;
    const context = (worker: number): WorkerContext => ({
      cwd: box.dirs[worker] as string,
      stateDir: box.freshStateDir(worker),
      tmpDir: box.tmpDir(worker),
    });
    const setupMs = performance.now() - started;

    const baselineStart = performance.now();
    // Worker threads share the process's working directory: the tests' relative file writes must land
    // in the sandbox, never in the user's tree (restored in `finally`).
    process.chdir(box.dirs[0] as string);
    const setup = await runSetupSteps(steps.setup, box.dirs[0] as string, test.path);
    if (setup.failed) log.warn(`the step "${setup.failed.command}" failed in the sandbox (the baseline decides whether the tests still pass):\n${indentTail(setup.failed.tail)}`);
    // Executor selection: the thread executor when the built-in harness can run the suite, else spawn (with the reason).
    const threads = await startThreads({
      executor: config.executor,
      dir: box.dirs[0] as string,
      testCommand: test.command,
      mutatedFiles: files.map((f) => f.file),
      timeoutMs: config.timeoutMs,
      timeoutFactor: config.timeoutFactor,
      hitLimit: DEFAULT_HIT_LIMIT,
      workers: resolveWorkers(config.workers, plan.toTest.length),
    });
    if ("session" in threads) {
      threaded = threads.session;
      log.info(`Executor: thread (${threaded.framework} tests in the built-in harness${threaded.leaky ? `; a fresh worker per gremlin because ${threaded.leaky}` : ""})`);
      for (const note of threaded.notes) log.verbose(`  ${note}`);
    } else if (config.executor !== "spawn") {
      log.info(`Executor: spawn (${threads.reason})`);
    }
    const baseline = threaded
      ? { reached: threaded.baseline.reached, durationMs: threaded.baseline.loadMs + threaded.baseline.runMs }
      : plan.coverage
      ? { reached: plan.coverage.reached, durationMs: plan.coverage.baselineMs }
      : await runBaseline(test, () => context(0), config.baselineRuns ?? 2).catch((error: unknown) => {
          if (error instanceof BaselineError) log.warn(`baseline output (last lines):\n${indentTail(error.tail)}`);
          throw error;
        });
    if (!plan.coverage) plan.recordCoverage(baseline.reached, baseline.durationMs);
    const baselineMs = performance.now() - baselineStart;
    // Plan: the cost model from the baseline, this shard's gremlins, then largest cost first.
    const model = threaded ? threadCostModel(threaded.baseline) : spawnCostModel(baseline.reached, baseline.durationMs);
    let scope = plan.inScope;
    let stamp: ShardStamp | undefined;
    if (options.shard) {
      const selection = selectShard(plan.inScope, model, options.shard);
      stamp = stampShard(options.shard, { config, testCommand: chosen.command, files, gremlins: plan.inScope, ...plan.inputHashes });
      scope = plan.inScope.filter((g) => selection.ids.has(g.id));
      log.info(`Shard ${formatShard(options.shard)}: ${scope.length} of ${plan.inScope.length} gremlins (${selection.weight} of ${selection.totalWeight} cost units)`);
    }
    const inShard = new Set(scope.map((g) => g.id));
    const ordered = largestFirst(plan.toTest.filter((g) => inShard.has(g.id)), (g) => costMs(g, model));
    const { toRun } = planRuns(ordered, baseline.reached);
    const timeoutMs = Math.round(baseline.durationMs * config.timeoutFactor + config.timeoutMs);
    log.info(
      `${plan.coverage ? "Coverage from the cache (no baseline run)" : `Baseline green in ${formatDuration(baselineMs)}`}; ${baseline.reached.size} of ${gremlins.length} gremlins reached by tests. ` +
        `Time limit per gremlin: ${formatDuration(timeoutMs)}.`,
    );

    const workers = resolveWorkers(config.workers, toRun.length);
    if (!threaded) box.addWorkers(workers);
    const scopes = enclosingFunctions(files);
    let selection: FileSelection | undefined;
    if (!threaded && toRun.length > 0 && process.env.GREMLINS_TEST_SELECTION === "off") {
      log.info("Test selection: none, every gremlin runs the whole test command (GREMLINS_TEST_SELECTION=off)");
    } else if (!threaded && toRun.length > 0) {
      const selectStart = performance.now();
      const selected = await selectFiles({
        spec: test,
        dir: box.dirs[0] as string,
        workers,
        context,
        fileTimeoutMs: timeoutMs,
        limitFor: (ms) => Math.round(ms * config.timeoutFactor + config.timeoutMs),
        scopeOf: (g) => scopes.get(g.id),
        bail: options.bail !== false,
      });
      if ("reason" in selected) log.info(`Test selection: none, every gremlin runs the whole test command (${selected.reason})`);
      else {
        selection = selected;
        const whole = toRun.filter((g) => !selected.coverage.coverage.has(g.index)).length;
        log.info(
          `Test selection: per test file (${selected.coverage.files.length} files of ${selected.runner}, each run alone in ${formatDuration(performance.now() - selectStart)})` +
            (whole > 0 ? `; ${whole} gremlin(s) reached by no single file run the whole command` : ""),
        );
      }
    }
    if (toRun.length > 0) log.info(`Testing ${toRun.length} gremlins with ${workers} worker(s)…`);

    const showProgress = !options.quiet && config.reporters.includes("progress") && toRun.length > 0;
    const progress = showProgress
      ? createProgress({
          total: toRun.length,
          tty: Boolean(process.stderr.isTTY),
          write: (text) => process.stderr.write(text),
          columns: process.stderr.columns,
        })
      : null;
    const ran = new Set(toRun.map((g) => g.id));
    planned = ordered.length;
    const eta = new CostTracker(toRun, (g) => costMs(g, model), workers);
    const mutationStart = performance.now();
    const outcomes = await (threaded ? threaded.execute : executeGremlins)({
      gremlins: ordered,
      reached: baseline.reached,
      testOrder: threaded ? new KillerMemory(threaded.baseline.durations, (g) => scopes.get(g.id)) : undefined,
      bail: options.bail,
      onNotice: (message) => (progress ? progress.log(message) : log.info(message)),
      spec: test,
      workers,
      context,
      timeoutMs,
      selection,
      onRun: traceRuns(),
      onOutcome(gremlin, outcome) {
        plan.record(gremlin, outcome);
        tally.set(outcome.status, (tally.get(outcome.status) ?? 0) + 1);
        if (!ran.has(gremlin.id)) return;
        progress?.update(outcome, { remainingCostMs: eta.done(gremlin, outcome.durationMs) });
        if (options.verbose) {
          const line = `  ${outcome.status.padEnd(12)} #${gremlin.index} ${gremlin.file}:${gremlin.loc.start.line}:${gremlin.loc.start.column} ${gremlin.operator} (${outcome.statusReason ?? ""})`;
          if (progress) progress.log(line);
          else log.verbose(line);
        }
      },
    });
    progress?.done();
    process.chdir(startCwd);
    const mutationMs = performance.now() - mutationStart;
    plan.save();
    for (const [id, outcome] of plan.known) if (inShard.has(id)) outcomes.set(id, outcome);
    if (options.verbose && toRun.length > 0) {
      let required = 0;
      for (const g of toRun) {
        const outcome = outcomes.get(g.id);
        if (outcome) required += requiredMs(g, outcome, model);
      }
      log.verbose(formatEfficiency(efficiency({ requiredMs: required, workers, baselineMs, wallMs: baselineMs + mutationMs }), workers, formatDuration));
    }

    const result: RunResult = {
      root,
      files: scopeFiles(files, scope),
      gremlins: scope,
      outcomes,
      tests: threaded ? new Map([...testsFrom(outcomes), ...threaded.testInfo()]) : testsFrom(outcomes),
      timings: { setupMs, baselineMs, mutationMs, totalMs: performance.now() - started },
      thresholds: config.thresholds,
      // The shard stamp rides in the report's free-form `config` (read back by `gremlins merge`).
      config: stamp ? ({ ...config, shard: stamp } as ResolvedConfig) : config,
    };
    const code = await writeRunReports(result, options, log, plan.summary(toRun.length));
    if (stamp && code === 1) {
      log.info(`Shard ${formatShard(stamp)}: the score threshold applies to the merged report (gremlins merge), not to one shard.`);
      return 0;
    }
    return code;
  } finally {
    process.chdir(startCwd);
    stopSaving();
    threaded?.close();
    sandbox?.remove();
  }
}

/** Writes the configured reports, then the incremental summary lines; returns the exit code. */
async function writeRunReports(result: RunResult, options: RunOptions, log: ReturnType<typeof createLog>, summary: string[]): Promise<number> {
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

/** Test "ids" are the failing tests' names as the runner printed them. */
function testsFrom(outcomes: Map<string, Outcome>): RunResult["tests"] {
  const tests: RunResult["tests"] = new Map();
  for (const outcome of outcomes.values()) {
    for (const name of outcome.killedBy ?? []) tests.set(name, { name });
  }
  return tests;
}

/** Where the mutate globs came from, for error messages. */
function globOrigin(config: ResolvedConfig): string {
  switch (config.sources.mutate) {
    case "cli":
      return "--mutate";
    case "config":
      return config.configFile ?? "the config file";
    case "package.json":
      return 'package.json "gremlins"';
    default:
      return "the defaults";
  }
}

function formatGlobs(globs: string[]): string {
  return globs.length === 0 ? "(none)" : globs.map((g) => JSON.stringify(g)).join(", ");
}

/**
 * `GREMLINS_TRACE_RUNS=<file>`: the spawn executor appends one JSON line per gremlin run (index, command,
 * test files, the runner's output) — for checking test selection by hand and in the end-to-end tests.
 */
function traceRuns(): ((gremlin: Gremlin, run: { command: string; files: string[] | null; output: string }) => void) | undefined {
  const file = process.env.GREMLINS_TRACE_RUNS;
  if (!file) return undefined;
  return (gremlin, run) => appendFileSync(file, `${JSON.stringify({ index: gremlin.index, file: gremlin.file, line: gremlin.loc.start.line, ...run })}\n`);
}
