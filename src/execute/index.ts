// The spawn executor: gives every gremlin a verdict — Ignored and NoCoverage without running, the
// rest by running the test command with the gremlin active, spread over a pool of sandbox copies.

import { constants } from "node:os";
import type { Gremlin, Outcome } from "../types.ts";
import { runPool } from "./pool.ts";
import { DEFAULT_HIT_LIMIT, runGremlin, type CommandSpec, type SpawnRun, type WorkerContext } from "./gremlin-run.ts";
import { failingTestNames } from "./verdict.ts";
import type { FileSelection, SelectedRun } from "./select/index.ts";
import type { WarmRuns } from "./warm/index.ts";
import { memoryLimitMb } from "./memory.ts";

export { BaselineError, indentTail, runBaseline, ranZeroTests, outputTail, type Baseline } from "./baseline.ts";
export { resolveWorkers, usableCores, runPool } from "./pool.ts";
export { classify, failingTestName, failingTestNames, type Verdict } from "./verdict.ts";
export { selectFiles, type FileSelection } from "./select/index.ts";
export { runCommand, type SpawnResult } from "./spawn.ts";
export { DEFAULT_HIT_LIMIT, type CommandSpec, type WorkerContext } from "./gremlin-run.ts";

/** The spawn executor's options (the thread executor has its own, see thread/index.ts). */
export interface ExecuteOptions {
  gremlins: readonly Gremlin[];
  /** Gremlin indices the baseline reached. */
  reached: ReadonlySet<number>;
  spec: CommandSpec;
  workers: number;
  /** Worker `w`'s context; called before each run (it must hand out a fresh GREMLINS_DIR). */
  context: (worker: number) => WorkerContext;
  timeoutMs: number;
  hitLimit?: number;
  /** Called as each verdict is known (including the ones that need no run). */
  onOutcome?: (gremlin: Gremlin, outcome: Outcome) => void;
  /** False (--no-bail): selected runs go without the runner's bail flag and every failing test is listed. */
  bail?: boolean;
  /** Per-file test selection (else every gremlin runs the whole command). */
  selection?: FileSelection;
  /** Warm test processes for selected runs (else a fresh process per run). */
  warm?: WarmRuns;
  /**
   * Stops the runs: no run starts once it is aborted, runs in flight are killed, and their gremlins get no
   * outcome (fresh runs only: not with `warm`).
   */
  signal?: AbortSignal;
  /** Called after each gremlin's run with the command line, its test files (null = whole command) and output. */
  onRun?: (
    gremlin: Gremlin,
    run: { command: string; files: string[] | null; tests?: string[]; output: string },
  ) => void;
}

/** Gremlins that need a run, in the order given. The rest get their verdict immediately. */
export function planRuns(
  gremlins: readonly Gremlin[],
  reached: ReadonlySet<number>,
): { toRun: Gremlin[]; settled: Map<string, Outcome> } {
  const toRun: Gremlin[] = [];
  const settled = new Map<string, Outcome>();
  for (const gremlin of gremlins) {
    if (gremlin.ignoredReason !== undefined) {
      settled.set(gremlin.id, { id: gremlin.id, status: "Ignored", statusReason: gremlin.ignoredReason });
    } else if (!reached.has(gremlin.index)) {
      settled.set(gremlin.id, { id: gremlin.id, status: "NoCoverage", statusReason: "no test reached this code" });
    } else {
      toRun.push(gremlin);
    }
  }
  return { toRun, settled };
}

/** A run that ended by a signal gremlins did not send (no time, memory or hit limit was involved). */
function diedOfSignal(run: SpawnRun): boolean {
  const { exitCode, startError, timedOut, memoryMb } = run.result;
  // A shell reports a child killed by signal N as exit code 128 + N.
  const bySignal = exitCode === null || (exitCode > 128 && exitCode < 160);
  return (
    bySignal &&
    startError === undefined &&
    !timedOut &&
    memoryMb === undefined &&
    run.status === "Killed" &&
    run.killedBy === undefined
  );
}

function signalName(run: SpawnRun): string {
  const { exitCode, signal } = run.result;
  if (signal) return signal;
  const name = Object.entries(constants.signals).find(([, n]) => n === (exitCode ?? 0) - 128)?.[0];
  return name ?? `exit code ${exitCode}`;
}

/** Runs every reached gremlin; returns one outcome per gremlin that got a verdict. */
export async function executeGremlins(options: ExecuteOptions): Promise<Map<string, Outcome>> {
  const { toRun, settled } = planRuns(options.gremlins, options.reached);
  const outcomes = new Map<string, Outcome>();
  for (const gremlin of options.gremlins) {
    const outcome = settled.get(gremlin.id);
    if (!outcome) continue;
    outcomes.set(gremlin.id, outcome);
    options.onOutcome?.(gremlin, outcome);
  }
  const { signal } = options;
  await runPool(
    toRun,
    options.workers,
    (gremlin, worker) => runOne(options, gremlin, worker, outcomes),
    () => signal?.aborted === true,
  );
  return outcomes;
}

/** One gremlin's run (once more if it died of a signal nobody sent); its outcome is recorded unless aborted. */
async function runOne(
  options: ExecuteOptions,
  gremlin: Gremlin,
  worker: number,
  outcomes: Map<string, Outcome>,
): Promise<void> {
  const bail = options.bail !== false;
  let selected = options.selection?.runFor(gremlin, bail) ?? null;
  let wholeFiles = false;
  let run = await attempt(options, gremlin, worker, selected);
  if (!run) return;
  if (selected?.tests && run.status === "Survived") {
    // Per-test selection misses a killer whose test reads state another test built with the gremlin active
    // (a table filled on first use): a Survived stands only once its files also pass whole, as the thread
    // executor re-runs its Survived on a cold module graph.
    wholeFiles = true;
  } else if (selected?.tests && run.status === "Killed" && !(await passesAlone(options, selected, worker))) {
    // The selected tests fail with no gremlin active too: they need tests of their files that the selection
    // left out (a counter or table the file's earlier tests set up). Their files run whole decide.
    wholeFiles = true;
  }
  if (wholeFiles) {
    options.onRun?.(gremlin, runRecord(options, selected, run));
    selected = options.selection?.runFor(gremlin, bail, { wholeFiles: true }) ?? null;
    run = await attempt(options, gremlin, worker, selected, wholeFiles);
    if (!run) return;
  }
  if (run.byClock) {
    // A run slowed by the machine's load (other workers' runners) can pass its limit: a Timeout on the clock
    // alone stands only once a second run, given twice the time, did not end either.
    options.onRun?.(gremlin, runRecord(options, selected, run));
    const first = run;
    run = await attempt(options, gremlin, worker, selected, wholeFiles, 2);
    if (!run) return;
    if (run.byClock) run = { ...run, statusReason: `${first.statusReason}, and ${run.statusReason} on the second run` };
  }
  const outcome: Outcome = {
    id: gremlin.id,
    status: run.status,
    statusReason: run.statusReason,
    durationMs: Math.round(run.durationMs),
  };
  // A failing test then a run that never ended (mocha without --exit) is Killed, yet its duration is the limit.
  if (run.result.timedOut) outcome.endedByLimit = true;
  if (run.killedBy) {
    // --no-bail: every failing test the output names is a killer.
    outcome.killedBy = bail ? [run.killedBy] : failingTestNames(run.result.output);
    if (selected) options.selection?.killed(gremlin, selected, outcome.killedBy);
  } else if (selected && run.status === "Killed") {
    options.selection?.killed(gremlin, selected, []);
  }
  options.onRun?.(gremlin, runRecord(options, selected, run));
  outcomes.set(gremlin.id, outcome);
  options.onOutcome?.(gremlin, outcome);
}

/** Per selection, per per-test command: whether it passes with no gremlin active (memoised: its tests stand alone). */
const aloneChecks = new WeakMap<FileSelection, Map<string, Promise<boolean>>>();

/**
 * True when `selected`'s tests pass by themselves, with no gremlin active: a kill of them is then the
 * gremlin's. Checked once per command in a fresh process; a check stopped by `signal` proves nothing.
 */
async function passesAlone(options: ExecuteOptions, selected: SelectedRun, worker: number): Promise<boolean> {
  const selection = options.selection as FileSelection;
  let checks = aloneChecks.get(selection);
  if (!checks) aloneChecks.set(selection, (checks = new Map()));
  let check = checks.get(selected.command);
  if (!check) {
    const run = runGremlin(
      0,
      options.spec,
      options.context(worker),
      selected.timeoutMs * 2,
      options.hitLimit ?? DEFAULT_HIT_LIMIT,
      selected.command,
      options.signal,
    );
    check = run.then((r) => r.result.aborted || r.status === "Survived");
    checks.set(selected.command, check);
    if ((await run).result.aborted) checks.delete(selected.command);
  }
  return check;
}

/** What onRun is told of one run. */
function runRecord(
  options: ExecuteOptions,
  selected: SelectedRun | null,
  run: SpawnRun,
): { command: string; files: string[] | null; tests?: string[]; output: string } {
  return {
    command: selected?.command ?? options.spec.command,
    files: selected?.files ?? null,
    ...(selected?.tests ? { tests: selected.tests } : {}),
    output: run.result.output,
  };
}

/**
 * One run of `selected` (or the whole command), warm where possible, with its time limit times `limitScale`;
 * null when aborted.
 */
async function attempt(
  options: ExecuteOptions,
  gremlin: Gremlin,
  worker: number,
  selected: SelectedRun | null,
  wholeFiles = false,
  limitScale = 1,
): Promise<SpawnRun | null> {
  const bail = options.bail !== false;
  const hitLimit = options.hitLimit ?? DEFAULT_HIT_LIMIT;
  const timeoutMs = (selected?.timeoutMs ?? options.timeoutMs) * limitScale;
  const fresh = () =>
    runGremlin(
      gremlin.index,
      options.spec,
      options.context(worker),
      timeoutMs,
      hitLimit,
      selected?.command,
      options.signal,
    );
  const warm = options.warm;
  const once =
    warm && selected
      ? () =>
          warm.run({
            worker,
            gremlin,
            files: selected.files,
            ...(selected.tests ? { tests: selected.tests } : {}),
            wholeFiles,
            timeoutMs,
            hitLimit,
            bail,
            memoryLimitMb: memoryLimitMb(),
            fresh,
          })
      : fresh;
  const run = await once();
  if (run.result.aborted) return null;
  if (!diedOfSignal(run)) return run;
  // Killed by a signal nobody sent on purpose (OOM killer, a crash): maybe not the gremlin's doing.
  // Once more; a second death is reported as the tool-side failure it most likely is.
  const again = await once();
  if (again.result.aborted) return null;
  return diedOfSignal(again)
    ? {
        ...again,
        status: "RuntimeError",
        statusReason: `the test process died twice (killed by ${signalName(again)}, also on the retry)`,
        killedBy: undefined,
      }
    : again;
}
