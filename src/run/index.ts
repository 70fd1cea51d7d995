// The orchestrator of `gremlins run`: discover → generate → sandbox + instrument → detect the test
// command → baseline → execute every gremlin → reports → exit code (0 ok, 1 below thresholds.break, 2 errors).

import { readFileSync } from "node:fs";
import { join } from "pathe";
import { GremlinsError } from "../errors.ts";
import type { Outcome, ResolvedConfig, RunResult } from "../types.ts";
import { discoverFiles } from "../discover/index.ts";
import { generateGremlins } from "../mutate/index.ts";
import { instrumentFile } from "../instrument/index.ts";
import { createSandbox, type Sandbox } from "../sandbox/index.ts";
import { detectTestCommand } from "../detect/test-command.ts";
import { BaselineError, executeGremlins, indentTail, planRuns, resolveWorkers, runBaseline, type WorkerContext } from "../execute/index.ts";
import { createProgress, summarize, writeReports } from "../report/index.ts";
import { formatDuration } from "../report/format.ts";
import { createLog } from "./log.ts";

export interface RunOptions {
  verbose?: boolean;
  quiet?: boolean;
}

/** Runs mutation testing for `config`; returns the process exit code. Throws GremlinsError for usage errors. */
export async function runGremlins(config: ResolvedConfig, options: RunOptions = {}): Promise<number> {
  const log = createLog(options);
  const started = performance.now();
  const root = config.root;

  const paths = await discoverFiles(root, config.mutate);
  if (paths.length === 0) {
    throw new GremlinsError(`No files to mutate: the mutate globs ${formatGlobs(config.mutate)} matched no JS/TS file under ${root}.`);
  }
  const inputs = paths.map((file) => ({ file, source: readFileSync(join(root, file), "utf8") }));
  const generated = generateGremlins(inputs, { operators: config.operators });
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

  if (config.executor === "thread") log.warn("the thread executor is not available yet; using the spawn executor");
  const test = detectTestCommand(root, config.testCommand);
  log.info(`Test command: ${test.command}  (${test.reason})`);

  let sandbox: Sandbox | null = null;
  try {
    sandbox = createSandbox(root, { keep: files.map((f) => f.file) });
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
    const baseline = await runBaseline(test, context(0)).catch((error: unknown) => {
      if (error instanceof BaselineError) log.warn(`baseline output (last lines):\n${indentTail(error.tail)}`);
      throw error;
    });
    const baselineMs = performance.now() - baselineStart;
    const { toRun } = planRuns(gremlins, baseline.reached);
    const timeoutMs = Math.round(baseline.durationMs * config.timeoutFactor + config.timeoutMs);
    log.info(
      `Baseline green in ${formatDuration(baselineMs)}; ${baseline.reached.size} of ${gremlins.length} gremlins reached by tests. ` +
        `Time limit per gremlin: ${formatDuration(timeoutMs)}.`,
    );

    const workers = resolveWorkers(config.workers, toRun.length);
    box.addWorkers(workers);
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
    const mutationStart = performance.now();
    const outcomes = await executeGremlins({
      gremlins,
      reached: baseline.reached,
      spec: test,
      workers,
      context,
      timeoutMs,
      onOutcome(gremlin, outcome) {
        if (!ran.has(gremlin.id)) return;
        progress?.update(outcome);
        if (options.verbose) {
          const line = `  ${outcome.status.padEnd(12)} #${gremlin.index} ${gremlin.file}:${gremlin.loc.start.line}:${gremlin.loc.start.column} ${gremlin.operator} (${outcome.statusReason ?? ""})`;
          if (progress) progress.log(line);
          else log.verbose(line);
        }
      },
    });
    progress?.done();
    const mutationMs = performance.now() - mutationStart;

    const result: RunResult = {
      root,
      files,
      gremlins,
      outcomes,
      tests: testsFrom(outcomes),
      timings: { setupMs, baselineMs, mutationMs, totalMs: performance.now() - started },
      thresholds: config.thresholds,
      config,
    };
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    const written = await writeReports(result, config.reporters, {
      color,
      quiet: options.quiet,
      write: (text) => process.stdout.write(text),
    });
    for (const file of written) log.info(`Report written: ${file}`);
    return exitCodeFor(result);
  } finally {
    sandbox?.remove();
  }
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

function formatGlobs(globs: string[]): string {
  return globs.length === 0 ? "(none)" : globs.map((g) => JSON.stringify(g)).join(", ");
}
