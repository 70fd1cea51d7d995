// The stages `gremlins run` orchestrates, one function each: generate the gremlins, prepare the
// sandbox, plan the work (shard, order), execute it with progress and verbose lines.

import { GremlinsError } from "../errors.ts";
import type { Gremlin, Outcome, ResolvedConfig, SourceFile } from "../types.ts";
import { discoverFiles } from "../discover/index.ts";
import { instrumentFile } from "../instrument/index.ts";
import { createSandbox, type Sandbox } from "../sandbox/index.ts";
import { disableTypeChecks, typeCheckingLoader } from "../sandbox/type-checks.ts";
import { generateWithCache } from "../cache/index.ts";
import type { Incremental } from "../incremental/index.ts";
import { applyOverlay, collectChanges, readSources, type DiffMode } from "../diff/index.ts";
import { planRuns, resolveWorkers, type WorkerContext } from "../execute/index.ts";
import type { Executor, ExecutorBaseline } from "../execute/executor.ts";
import { createProgress } from "../report/index.ts";
import { formatDuration } from "../report/format.ts";
import {
  CostTracker,
  costMs,
  efficiency,
  formatEfficiency,
  formatShard,
  largestFirst,
  requiredMs,
  selectShard,
  stampShard,
  type ShardSpec,
  type ShardStamp,
} from "../plan/index.ts";
import type { RunLog } from "./log.ts";

type Changes = ReturnType<typeof collectChanges>;

export interface Generated {
  files: SourceFile[];
  gremlins: Gremlin[];
  changes: Changes | null;
  read: ReturnType<typeof readSources>["read"];
}

/** Discover → parse → gremlins (cached by content); throws when there is nothing to mutate. */
export async function generateGremlins(
  config: ResolvedConfig,
  options: { diff?: DiffMode; cache?: boolean },
  log: RunLog,
): Promise<Generated> {
  const root = config.root;
  const paths = await discoverFiles(root, config.mutate);
  if (paths.length === 0) {
    throw new GremlinsError(
      `No files to mutate: the mutate globs ${formatGlobs(config.mutate)} (from ${globOrigin(config)}) matched no JS/TS file under ${root}.`,
    );
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
  return { files, gremlins, changes, read };
}

/** The sandbox copy with the instrumented files in place, and each worker's context in it. */
export function prepareSandbox(
  root: string,
  generated: Generated,
  log: RunLog,
): { sandbox: Sandbox; context: (worker: number) => WorkerContext } {
  const sandbox = createSandbox(root, { keep: generated.files.map((f) => f.file) });
  let checker: string | null = null;
  let noCheck = 0;
  try {
    if (generated.changes) applyOverlay(sandbox.dirs[0] as string, generated.changes.overlay);
    for (const name of sandbox.orphansRemoved) log.verbose(`removed orphaned sandbox .gremlins/${name}`);
    for (const file of generated.files) sandbox.writeFile(file.file, instrumentFile(file));
    checker = typeCheckingLoader(sandbox.dirs[0] as string);
    if (checker) noCheck = disableTypeChecks(sandbox.dirs[0] as string, new Set(generated.files.map((f) => f.file)));
  } catch (error) {
    sandbox.remove();
    throw error;
  }
  log.verbose(
    `sandbox: ${sandbox.dirs[0]} (${sandbox.stats.files} files copied, ${sandbox.stats.ignored.length} git-ignored paths skipped)`,
  );
  if (checker)
    log.verbose(
      `sandbox: ${checker} may type-check the tests, and the instrumented copies infer other types: ${noCheck} more TypeScript files of the copy open with // @ts-nocheck (one line more)`,
    );
  const context = (worker: number): WorkerContext => ({
    cwd: sandbox.dirs[worker] as string,
    stateDir: sandbox.freshStateDir(worker),
    tmpDir: sandbox.tmpDir(worker),
  });
  return { sandbox, context };
}

export interface Work {
  /** This run's (or shard's) gremlins, for the report. */
  scope: Gremlin[];
  stamp?: ShardStamp;
  /** Gremlins to test (no cached verdict), largest cost first. */
  ordered: Gremlin[];
  /** Those of them that need a run (reached, not ignored). */
  toRun: Gremlin[];
  inShard: Set<string>;
  workers: number;
}

/** Plan: this shard's gremlins, then largest cost first, and the worker count. */
export function planWork(
  incremental: Incremental,
  baseline: ExecutorBaseline,
  input: { config: ResolvedConfig; shard?: ShardSpec; testCommand: string; files: SourceFile[]; log: RunLog },
): Work {
  const { config, log } = input;
  let scope = incremental.inScope;
  let stamp: ShardStamp | undefined;
  if (input.shard) {
    const selection = selectShard(incremental.inScope, baseline.model, input.shard);
    stamp = stampShard(input.shard, {
      config,
      testCommand: input.testCommand,
      files: input.files,
      gremlins: incremental.inScope,
      ...incremental.inputHashes,
    });
    scope = incremental.inScope.filter((g) => selection.ids.has(g.id));
    log.info(
      `Shard ${formatShard(input.shard)}: ${scope.length} of ${incremental.inScope.length} gremlins (${selection.weight} of ${selection.totalWeight} cost units)`,
    );
  }
  const inShard = new Set(scope.map((g) => g.id));
  const ordered = largestFirst(
    incremental.toTest.filter((g) => inShard.has(g.id)),
    (g) => costMs(g, baseline.model),
  );
  const { toRun } = planRuns(ordered, baseline.reached);
  return { scope, stamp, ordered, toRun, inShard, workers: resolveWorkers(config.workers, toRun.length) };
}

export interface ExecuteStageInput {
  executor: Executor;
  work: Work;
  baseline: ExecutorBaseline;
  baselineMs: number;
  bail: boolean;
  verbose: boolean;
  /** The progress bar on stderr (null: none). */
  progress: boolean;
  log: RunLog;
  /** Each verdict as it is known (cache, tally). */
  onOutcome: (gremlin: Gremlin, outcome: Outcome) => void;
}

/** Executes the planned gremlins with the progress bar and --verbose lines; returns the outcomes and the phase's wall time. */
export async function executeWork(
  input: ExecuteStageInput,
): Promise<{ outcomes: Map<string, Outcome>; mutationMs: number }> {
  const { work, baseline, log } = input;
  const { toRun, workers } = work;
  if (toRun.length > 0) log.info(`Testing ${toRun.length} gremlins with ${workers} worker(s)…`);
  const progress =
    input.progress && toRun.length > 0
      ? createProgress({
          total: toRun.length,
          tty: Boolean(process.stderr.isTTY),
          write: (text) => process.stderr.write(text),
          columns: process.stderr.columns,
        })
      : null;
  const ran = new Set(toRun.map((g) => g.id));
  const eta = new CostTracker(toRun, (g) => costMs(g, baseline.model), workers);
  const started = performance.now();
  const outcomes = await input.executor.execute({
    gremlins: work.ordered,
    workers,
    bail: input.bail,
    onNotice: (message) => (progress ? progress.log(message) : log.info(message)),
    onOutcome(gremlin, outcome) {
      input.onOutcome(gremlin, outcome);
      if (!ran.has(gremlin.id)) return;
      progress?.update(outcome, { remainingCostMs: eta.done(gremlin, outcome.durationMs) });
      if (input.verbose) {
        const line = `  ${outcome.status.padEnd(12)} #${gremlin.index} ${gremlin.file}:${gremlin.loc.start.line}:${gremlin.loc.start.column} ${gremlin.operator} (${outcome.statusReason ?? ""})`;
        if (progress) progress.log(line);
        else log.verbose(line);
      }
    },
  });
  progress?.done();
  const mutationMs = performance.now() - started;
  if (input.verbose && toRun.length > 0) {
    let required = 0;
    for (const g of toRun) {
      const outcome = outcomes.get(g.id);
      if (outcome) required += requiredMs(g, outcome, baseline.model);
    }
    log.verbose(
      formatEfficiency(
        efficiency({
          requiredMs: required,
          workers,
          baselineMs: input.baselineMs,
          wallMs: input.baselineMs + mutationMs,
        }),
        workers,
        formatDuration,
      ),
    );
  }
  return { outcomes, mutationMs };
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
