// The spawn executor as the judge of thread verdicts (--verify): its re-checks, with time limits that learn
// the runner's start-up in a fresh process, and the proof that its command passes with no gremlin active.
import { stripVTControlCharacters } from "node:util";
import type { Gremlin, Outcome } from "../types.ts";
import { executeGremlins } from "../execute/index.ts";
import { fileSelection, readRunnerCommand, type FileCoverage, type FileSelection } from "../execute/select/index.ts";
import { runGremlin, type CommandSpec, type SpawnRun, type WorkerContext } from "../execute/gremlin-run.ts";
import { compareVerdicts } from "./compare.ts";
import { DurationEstimate, runScheduled } from "./schedule.ts";

/** What the oracle's runs need from the run that made the thread verdicts. */
export interface OracleInput {
  /** The gremlins the thread executor ran, and its verdicts. */
  ran: readonly Gremlin[];
  outcomes: ReadonlyMap<string, Outcome>;
  /** Which test files reach each gremlin (from the thread baseline); null: whole command for every re-check. */
  coverage: FileCoverage | null;
  /** Everything the spawn executor's runs need (the orchestrator's sandbox and test command). */
  spec: CommandSpec;
  dir: string;
  workers: number;
  context: (worker: number) => WorkerContext;
  addWorkers: (count: number) => void;
  /** Whole-command time limit (ms), and the limit for files whose tests took `ms` in the baseline. */
  wholeTimeoutMs: number;
  limitFor: (ms: number) => number;
  hitLimit: number;
}

/**
 * Until a run of the user's runner in a fresh process has ended, its time limit is at least this (a vitest
 * start under load took over 10 s; the thread baseline's times know no start-up).
 */
const FIRST_RUN_LIMIT_MS = 120_000;

/** The re-check of a sample: spawn's verdicts and why it ended, or why spawn cannot judge. */
export type Recheck = { spawn: Map<string, Outcome>; stopped: "complete" | "deadline" } | { skipped: string };

export class Oracle {
  private readonly byId: Map<string, Gremlin>;
  private readonly selection: FileSelection | undefined;
  private readonly durations: DurationEstimate;

  constructor(private readonly input: OracleInput) {
    this.byId = new Map(input.ran.map((g) => [g.id, g]));
    // Every re-check gets the runner's start-up, as seen so far, on top of its files' thread-baseline time.
    const limitFor = (ms: number) => {
      const startUp = this.durations.startUpMs;
      return startUp === null ? Math.max(FIRST_RUN_LIMIT_MS, input.limitFor(ms)) : input.limitFor(ms + startUp);
    };
    this.selection = selectionFor(input, limitFor);
    this.durations = new DurationEstimate((id) => this.filesMs(id));
    input.addWorkers(input.workers);
  }

  /**
   * Re-checks `sample` (in its order) on every worker, starting none whose estimated end is past `deadline`
   * and killing the runs in flight when `stop` fires. Spawn's verdicts stand only once a run passed in a
   * fresh process: a spawn verdict that fails where the thread passed is confirmed by its command passing
   * with no gremlin active, else spawn cannot judge (`skipped`).
   */
  async recheck(sample: readonly string[], deadline: number, stop: AbortSignal): Promise<Recheck> {
    const thread = this.input.outcomes;
    let green = false;
    if (!sample.some((id) => thread.get(id)?.status === "Survived")) {
      // No re-check of this sample can show the runner passing: a run with no gremlin active must, first.
      const check = await this.check(sample[0] as string, stop);
      if (check === undefined) return { spawn: new Map(), stopped: "deadline" };
      if (typeof check === "string") return { skipped: check };
      green = true;
    }
    const { done: spawn, stopped } = await runScheduled({
      ids: sample,
      workers: this.input.workers,
      deadline,
      stop,
      estimate: (id) => this.durations.estimate(id),
      run: async (id, worker, signal) => (await this.run([this.gremlin(id)], { worker, signal })).get(id),
    });
    green ||= [...spawn.values()].some((o) => o.status === "Survived");
    const suspects = compareVerdicts(sample, thread, spawn)
      .disagreements.filter((d) => d.spawn !== "Survived")
      .map((d) => d.id);
    const commands = new Set<string>();
    for (const id of suspects) {
      const command = this.commandFor(id);
      if (commands.has(command)) continue;
      commands.add(command);
      const check = await this.check(id);
      if (typeof check === "string") return { skipped: check };
    }
    // Verdicts that only failed, with no run seen passing, prove nothing (the deadline came first).
    if (!green && suspects.length === 0) return { spawn: new Map(), stopped };
    return { spawn, stopped };
  }

  /** Spawn verdicts of `gremlins`: on every worker, or on `worker` alone; runs stop when `signal` fires. */
  async run(gremlins: Gremlin[], on: { worker?: number; signal?: AbortSignal } = {}): Promise<Map<string, Outcome>> {
    const { worker, signal } = on;
    const startUp = this.durations.startUpMs;
    const outcomes = await executeGremlins({
      gremlins,
      reached: new Set(gremlins.map((g) => g.index)),
      spec: this.input.spec,
      workers: worker === undefined ? Math.min(this.input.workers, gremlins.length) : 1,
      context: worker === undefined ? this.input.context : () => this.input.context(worker),
      timeoutMs:
        startUp === null
          ? Math.max(FIRST_RUN_LIMIT_MS, this.input.wholeTimeoutMs)
          : this.input.wholeTimeoutMs + this.input.limitFor(startUp),
      hitLimit: this.input.hitLimit,
      bail: true,
      ...(this.selection ? { selection: this.selection } : {}),
      ...(signal ? { signal } : {}),
    });
    for (const [id, outcome] of outcomes) this.durations.observe(id, outcome);
    return outcomes;
  }

  /**
   * Runs `id`'s command with no gremlin active on worker 0: the run, why spawn cannot judge when it fails,
   * or undefined when `stop` ended it first.
   */
  private async check(id: string, stop?: AbortSignal): Promise<SpawnRun | string | undefined> {
    const planned = this.selection?.runFor(this.gremlin(id), true) ?? null;
    const run = await runGremlin(
      0,
      this.input.spec,
      this.input.context(0),
      planned?.timeoutMs ?? Math.max(FIRST_RUN_LIMIT_MS, this.input.wholeTimeoutMs),
      this.input.hitLimit,
      planned?.command,
      stop,
    );
    if (run.result.aborted) return undefined;
    if (run.status !== "Survived") {
      const tail = stripVTControlCharacters(run.result.output).trim().split("\n").slice(-3).join(" / ");
      return `\`${planned?.command ?? this.input.spec.command}\` does not pass with no gremlin active (${run.statusReason ?? run.status}${tail ? `: ${tail}` : ""})`;
    }
    this.durations.observe(id, { status: run.status, durationMs: run.durationMs });
    return run;
  }

  private gremlin(id: string): Gremlin {
    return this.byId.get(id) as Gremlin;
  }

  private commandFor(id: string): string {
    return this.selection?.runFor(this.gremlin(id), true)?.command ?? this.input.spec.command;
  }

  /** The thread-baseline time of the test files a re-check of `id` runs (0: the whole command runs). */
  private filesMs(id: string): number {
    const coverage = this.selection?.coverage;
    const files = coverage?.coverage.get(this.gremlin(id).index) ?? [];
    return files.reduce((sum, file) => sum + (coverage?.durations[file] ?? 0), 0);
  }
}

/** The sample's runs take only the test files that reach each gremlin, when the command can be taken apart. */
function selectionFor(input: OracleInput, limitFor: (ms: number) => number): FileSelection | undefined {
  if (!input.coverage || input.coverage.files.length === 0) return undefined;
  const command = readRunnerCommand(input.dir, input.spec.command);
  if ("reason" in command) return undefined;
  return fileSelection(command, input.coverage, limitFor);
}
