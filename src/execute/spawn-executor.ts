// The spawn executor behind the Executor interface: the whole-suite baseline (or the cached coverage),
// one sandbox copy per worker for the whole run, per-file test selection, then every gremlin's run of
// the user's runner in a child process.

import type { Gremlin, Outcome } from "../types.ts";
import { spawnCostModel } from "../plan/schedule.ts";
import { formatDuration } from "../report/format.ts";
import { runBaseline } from "./baseline.ts";
import { executeGremlins } from "./index.ts";
import { gremlinEnv, type CommandSpec, type WorkerContext } from "./gremlin-run.ts";
import { nodeOn, warmConfig, WarmRuns, type WarmMode } from "./warm/index.ts";
import { selectFiles, type FileSelection } from "./select/index.ts";
import { TITLE_FILTER_NAME } from "./select/title-filter.ts";
import { testsFromOutcomes, type ExecuteRequest, type Executor, type ExecutorBaseline } from "./executor.ts";

export interface SpawnExecutorOptions {
  spec: CommandSpec;
  /** The primary sandbox copy (absolute): where test files are listed. */
  dir: string;
  /** Worker `w`'s context; called before each run (it hands out a fresh GREMLINS_DIR). */
  context: (worker: number) => WorkerContext;
  /** Makes sure there are `count` sandbox copies (one per worker, kept for the whole run). */
  addWorkers: (count: number) => void;
  /** Workers for the per-file baseline (the gremlins' runs get theirs in `execute`). */
  workers: number;
  /** Config: the time limit is the baseline's duration × timeoutFactor + timeoutMs. */
  timeoutMs: number;
  timeoutFactor: number;
  /** Whole-suite baseline runs (flaky-test detection). */
  baselineRuns: number;
  hitLimit?: number;
  /** Coverage from the incremental cache: no whole-suite baseline run. */
  cachedCoverage: { reached: ReadonlySet<number>; baselineMs: number } | null;
  /** Per-file test selection; false runs the whole command for every gremlin. */
  selection: boolean;
  /** False (GREMLINS_TEST_SELECTION=files): test files are selected, single tests never. */
  perTest?: boolean;
  /** False (--no-bail): selected runs go without the runner's bail flag. */
  bail: boolean;
  /** Warm test processes for selected runs (GREMLINS_WARM_RUNS; default auto: measured against fresh ones). */
  warm?: WarmMode;
  /** A gremlin's enclosing function (killers-first ordering of its test files). */
  scopeOf?: (gremlin: Gremlin) => string | undefined;
  /** Called after each gremlin's run (GREMLINS_TRACE_RUNS). */
  onRun?: (
    gremlin: Gremlin,
    run: { command: string; files: string[] | null; tests?: string[]; output: string },
  ) => void;
}

export class SpawnExecutor implements Executor {
  readonly name = "spawn";
  private wholeTimeoutMs = 0;
  private selected: FileSelection | null = null;
  private selectionNote = "";
  private reached: ReadonlySet<number> = new Set();
  private warm: WarmRuns | null = null;
  private warmNote = "";

  constructor(private readonly options: SpawnExecutorOptions) {}

  private limitFor(ms: number): number {
    return Math.round(ms * this.options.timeoutFactor + this.options.timeoutMs);
  }

  async baseline(): Promise<ExecutorBaseline> {
    const o = this.options;
    const whole = o.cachedCoverage
      ? { reached: o.cachedCoverage.reached, durationMs: o.cachedCoverage.baselineMs }
      : await runBaseline(o.spec, () => o.context(0), o.baselineRuns);
    this.reached = whole.reached;
    this.wholeTimeoutMs = this.limitFor(whole.durationMs);
    o.addWorkers(o.workers);
    if (!o.selection) {
      this.selectionNote = "none, every gremlin runs the whole test command (GREMLINS_TEST_SELECTION=off)";
    } else if (whole.reached.size > 0) {
      const started = performance.now();
      const selected = await selectFiles({
        spec: o.spec,
        dir: o.dir,
        workers: o.workers,
        context: o.context,
        fileTimeoutMs: this.wholeTimeoutMs,
        limitFor: (ms) => this.limitFor(ms),
        scopeOf: o.scopeOf,
        bail: o.bail,
        perTest: o.perTest !== false,
      });
      if ("reason" in selected) {
        this.selectionNote = `none, every gremlin runs the whole test command (${selected.reason})`;
      } else {
        this.selected = selected;
        const alone = [...whole.reached].filter((index) => !selected.coverage.coverage.has(index)).length;
        const perTest = selected.perTest(whole.reached);
        this.selectionNote =
          `per test file (${selected.coverage.files.length} files of ${selected.runner}, each run alone in ${formatDuration(performance.now() - started)})` +
          (selected.coverage.tests
            ? `; per test for ${perTest} gremlin(s) reached only inside tests (${selected.runner} ${TITLE_FILTER_NAME[selected.runner] ?? "title filter"}), their files whole for the rest`
            : "") +
          (alone > 0 ? `; ${alone} gremlin(s) reached by no single file run the whole command` : "");
      }
    }
    if (this.selected) await this.startWarm(this.selected);
    const selection = this.selected;
    const runMsOf = selection ? (g: Gremlin) => sumOf(selection, g) : undefined;
    const flaky = "flaky" in whole && whole.flaky ? [{ name: whole.flaky.name, detail: whole.flaky.detail }] : [];
    return {
      reached: whole.reached,
      durationMs: whole.durationMs,
      model: spawnCostModel(whole.reached, whole.durationMs, runMsOf),
      cached: o.cachedCoverage !== null,
      flaky,
    };
  }

  /** Sets up warm runs over the selection when the runner has a warm mode and its files pass warm. */
  private async startWarm(selection: FileSelection): Promise<void> {
    const o = this.options;
    const mode = o.warm ?? "auto";
    if (mode === "off") return;
    const config = warmConfig(o.dir, selection.command, selection.coverage.files, o.bail);
    if ("reason" in config) {
      this.warmNote = `Warm runs: off, a fresh process per gremlin (${config.reason}).`;
      return;
    }
    const warm = new WarmRuns({
      config,
      mode,
      node: nodeOn(o.spec.path),
      envOf: (worker) => {
        const ctx = o.context(worker);
        return { env: gremlinEnv(o.spec, ctx, 0, 0), ctx };
      },
    });
    const refused = await warm.prepare(selection.coverage.files);
    if (refused) this.warmNote = `Warm runs: off, a fresh process per gremlin (${refused.reason}).`;
    else this.warm = warm;
  }

  describe(): string[] {
    const limit = this.selected
      ? `Time limit per gremlin: its test files' baseline time × ${this.options.timeoutFactor} + ${formatDuration(this.options.timeoutMs)} (whole command: ${formatDuration(this.wholeTimeoutMs)}).`
      : `Time limit per gremlin: ${formatDuration(this.wholeTimeoutMs)}.`;
    return [
      limit,
      ...(this.selectionNote ? [`Test selection: ${this.selectionNote}`] : []),
      ...(this.warmNote ? [this.warmNote] : []),
    ];
  }

  async execute(request: ExecuteRequest): Promise<Map<string, Outcome>> {
    const o = this.options;
    o.addWorkers(request.workers);
    const outcomes = await executeGremlins({
      gremlins: request.gremlins,
      reached: this.reached,
      spec: o.spec,
      workers: request.workers,
      context: o.context,
      timeoutMs: this.wholeTimeoutMs,
      hitLimit: o.hitLimit,
      bail: request.bail,
      selection: this.selected ?? undefined,
      onRun: o.onRun,
      onOutcome: request.onOutcome,
      ...(this.warm ? { warm: this.warm } : {}),
    });
    if (this.warm) request.onNotice?.(this.warm.summary());
    return outcomes;
  }

  tests(outcomes: ReadonlyMap<string, Outcome>) {
    return testsFromOutcomes(outcomes);
  }

  close(): void {
    // Fresh child processes end with each run; warm ones end here. The sandbox belongs to the orchestrator.
    this.warm?.close();
  }
}

/** Baseline time of the files a gremlin's selected run takes (undefined: the whole command). */
function sumOf(selection: FileSelection, gremlin: Gremlin): number | undefined {
  const files = selection.coverage.coverage.get(gremlin.index);
  if (!files) return undefined;
  let ms = 0;
  for (const f of files) ms += selection.coverage.durations[f] ?? 0;
  return ms;
}
