// The thread executor: gives every gremlin a verdict from the thread baseline's coverage —
// Ignored / NoCoverage without running, static gremlins in fresh workers, the rest by re-running
// only the tests that reached them on long-lived loaded workers, with spares ready to replace them.
// A kill there stands once its killing test passes again without the gremlin on that worker, checked
// in batches per worker (epochs.ts); after a failed check every kill is re-checked at once (careful mode).

import type { Gremlin, Outcome } from "../../types.ts";
import { runPool } from "../pool.ts";
import type { ThreadBaseline } from "./baseline.ts";
import { fastestFirst } from "./baseline.ts";
import type { WorkerSupply } from "./supply.ts";
import type { ThreadWorker } from "./thread-worker.ts";
import type { StatsRecorder } from "./stats.ts";
import type { TestOrder } from "../../plan/order.ts";
import {
  runOnWorker,
  runStatic,
  STALE,
  stillPasses,
  taintOf,
  type GremlinResult,
  type RunSettings,
} from "./run-gremlin.ts";
import { verdictAfterRetry } from "./verdict.ts";
import { Epochs } from "./epochs.ts";
import { StaticRuns } from "./static-runs.ts";
import { needsColdRun, runCold } from "./cold-runs.ts";

export interface ThreadExecuteOptions {
  gremlins: readonly Gremlin[];
  baseline: ThreadBaseline;
  supply: WorkerSupply;
  workers: number;
  settings: RunSettings;
  onOutcome?: (gremlin: Gremlin, outcome: Outcome) => void;
  stats?: StatsRecorder;
  /** Orders each gremlin's tests at dispatch (likely killers first) and learns the killers. Default: fastest first. */
  testOrder?: TestOrder;
  /** False (--no-bail): run every covering test, and list every killing test. */
  bail?: boolean;
  /**
   * Called once if a batched verification finds a worker tainted by earlier gremlins: from then on the
   * run is in careful mode (every kill re-checked at once, slower). The argument says what failed.
   */
  onCareful?: (reason: string) => void;
  /** Something the user should know about how the run went (said once, e.g. a speed-up given up). */
  onNotice?: (message: string) => void;
}

/** How a gremlin will be tested. */
export type Plan =
  | { kind: "settled"; outcome: Outcome }
  | { kind: "static"; tests: null }
  | { kind: "dynamic"; tests: number[] };

/** The plan for one gremlin (pure): which tests, in which order, in which kind of worker. */
export function planGremlin(
  gremlin: Gremlin,
  baseline: Pick<ThreadBaseline, "coverage" | "staticGremlins" | "outside" | "runnable" | "durations">,
): Plan {
  if (gremlin.ignoredReason !== undefined)
    return { kind: "settled", outcome: { id: gremlin.id, status: "Ignored", statusReason: gremlin.ignoredReason } };
  if (baseline.staticGremlins.has(gremlin.index)) return { kind: "static", tests: null };
  if (baseline.outside.has(gremlin.index))
    return { kind: "dynamic", tests: fastestFirst(baseline.runnable, baseline.durations) };
  const tests = baseline.coverage.get(gremlin.index);
  if (!tests || tests.length === 0)
    return {
      kind: "settled",
      outcome: { id: gremlin.id, status: "NoCoverage", statusReason: "no test reached this code" },
    };
  return { kind: "dynamic", tests: fastestFirst(tests, baseline.durations) };
}

type Job = { gremlin: Gremlin; plan: Exclude<Plan, { kind: "settled" }> };

/** A kill on a long-lived worker, not reported until its slot's next verification passes. */
interface Provisional {
  job: Job;
  /** The tests it ran, in order (a re-run runs them again). */
  tests: number[];
  result: GremlinResult;
  /** Time spent on it besides the run in `result` (its share of a verification, an earlier attempt): statistics only. */
  extraMs: number;
}

/** The tests that failed with the gremlin active (the killing test first). */
function killersOf(result: GremlinResult): number[] {
  return result.failingTests ?? (result.killingTest !== undefined ? [result.killingTest] : []);
}

/** A kill (or a hit-limit Timeout) decided by a test on a worker that stays in use: its test must pass again without the gremlin. */
function needsCheck(result: GremlinResult): result is GremlinResult & { killingTest: number } {
  return (result.status === "Killed" || result.status === "Timeout") && result.killingTest !== undefined;
}

function toOutcome(
  gremlin: Gremlin,
  result: GremlinResult,
  tests: ReadonlyMap<number, { id: string }>,
  isStatic: boolean,
  covering: readonly number[] | null,
): Outcome {
  const outcome: Outcome = {
    id: gremlin.id,
    status: result.status,
    statusReason: result.statusReason,
    durationMs: Math.round(result.durationMs * 100) / 100,
    testsCompleted: result.testsRun,
  };
  const killers = killersOf(result);
  if (killers.length > 0) outcome.killedBy = killers.map((t) => tests.get(t)?.id ?? String(t));
  if (covering) outcome.coveredBy = covering.map((t) => tests.get(t)?.id ?? String(t));
  if (isStatic) outcome.static = true;
  if (result.confirmed) outcome.confirmed = true;
  return outcome;
}

/** The run ended because the active gremlin's site was reached more often than its hit limit. */
function hitLimitTripped(result: GremlinResult): boolean {
  return result.status === "Timeout" && (result.statusReason ?? "").startsWith("hit limit");
}

/** A Timeout from the wall-clock or memory limit (a hit-limit Timeout is settled by its own re-run). */
function timedOut(result: GremlinResult): boolean {
  return result.status === "Timeout" && !hitLimitTripped(result);
}

/** The verdict after a Timeout was run again: confirmed when the second run times out too, else the second run's verdict. */
export function confirmedTimeout(first: GremlinResult, second: GremlinResult): GremlinResult {
  if (second.status !== "Timeout") return { ...second, durationMs: first.durationMs + second.durationMs };
  return { ...second, confirmed: true, durationMs: first.durationMs + second.durationMs };
}

export async function executeInThreads(options: ThreadExecuteOptions): Promise<Map<string, Outcome>> {
  const { baseline, supply } = options;
  const settings: RunSettings = options.bail === false ? { ...options.settings, bail: false } : options.settings;
  const outcomes = new Map<string, Outcome>();
  const report = (gremlin: Gremlin, outcome: Outcome): Outcome => {
    outcomes.set(gremlin.id, outcome);
    options.onOutcome?.(gremlin, outcome);
    return outcome;
  };
  const jobs: Job[] = [];
  for (const gremlin of options.gremlins) {
    const plan = planGremlin(gremlin, baseline);
    if (plan.kind === "settled") report(gremlin, plan.outcome);
    else jobs.push({ gremlin, plan });
  }
  const fresh = baseline.leaky !== null;
  const slots: (ThreadWorker | null)[] = Array.from({ length: options.workers }, (_, i) =>
    i === 0 && baseline.worker.alive && !fresh ? baseline.worker : null,
  );
  const epochs = new Epochs<Provisional>(options.workers);
  const stats = options.stats;
  /** Workers replaced because reloading their leaking files could not reset them. */
  let staleWorkers = 0;

  /** Tells the test order what killed a dynamic gremlin, at once (a provisional kill too: it only orders tests). */
  const learn = (gremlin: Gremlin, result: GremlinResult): void => {
    const killers = result.status === "Killed" ? killersOf(result) : [];
    if (killers.length > 0) options.testOrder?.killed(gremlin, killers);
  };

  /** Records a final verdict. */
  const finish = ({ gremlin, plan }: Job, result: GremlinResult, extraMs = 0): void => {
    stats?.gremlin({
      index: gremlin.index,
      status: result.status,
      static: plan.kind === "static",
      testsRun: result.testsRun,
      testMs: result.testMs,
      durationMs: result.durationMs + extraMs,
    });
    report(
      gremlin,
      toOutcome(gremlin, result, baseline.tests, plan.kind === "static", plan.kind === "dynamic" ? plan.tests : null),
    );
  };

  /** The slot's loaded worker, replacing a dead or missing one from the spares. */
  const loadedWorker = async (slot: number): Promise<ThreadWorker | GremlinResult> => {
    const current = slots[slot];
    if (current?.alive) return current;
    const taken = await supply.takeLoaded(0, 0, settings.loadLimitMs);
    if ("failure" in taken) {
      if (taken.worker) supply.release(taken.worker);
      const why = taken.failure.type === "exit" ? taken.failure.error : taken.failure.type;
      return {
        status: "RuntimeError",
        statusReason: `a replacement worker could not load the tests (${why})`,
        recycle: true,
        testsRun: 0,
        testMs: 0,
        durationMs: 0,
      };
    }
    if (taken.loaded.error !== undefined) {
      supply.release(taken.worker);
      return {
        status: "RuntimeError",
        statusReason: `a replacement worker could not load the tests (${taken.loaded.error})`,
        recycle: true,
        testsRun: 0,
        testMs: 0,
        durationMs: 0,
      };
    }
    slots[slot] = taken.worker;
    return taken.worker;
  };

  const release = (slot: number): void => {
    const worker = slots[slot];
    if (worker) supply.release(worker);
    slots[slot] = null;
  };

  /**
   * Verifies the slot's provisional kills: one request on its worker, no gremlin active, their distinct
   * killing tests. Passed: they are reported. Failed: the worker was tainted, careful mode starts, and
   * they are returned to re-run — as they are when the worker is gone, or when the failure is
   * `ambiguous` (the worker is being retired after a run that left it unfit: that run may be the cause).
   */
  const verify = async (slot: number, ambiguous: boolean): Promise<Provisional[]> => {
    const kills = epochs.pending(slot);
    if (kills === 0) return [];
    const worker = slots[slot];
    if (!worker?.alive) return epochs.lost(slot);
    const tests = epochs.tests(slot);
    const started = performance.now();
    const taint = await taintOf(worker, tests, settings);
    const share = (performance.now() - started) / kills;
    stats?.verification(kills, tests.length, share * kills, taint === null);
    if (taint === null) {
      for (const p of epochs.passed(slot)) finish(p.job, p.result, p.extraMs + share);
      return [];
    }
    const first = epochs.careful === null;
    const reason = `${taint} with no gremlin active, after other gremlins ran in the same worker`;
    // A worker whose leaking files could not be reloaded says nothing about taint: its kills re-run elsewhere.
    const unfit = ambiguous || taint.startsWith(STALE);
    const redo = unfit ? epochs.lost(slot) : epochs.failed(slot, reason);
    if (!unfit && first) {
      stats?.careful(reason);
      options.onCareful?.(reason);
    }
    for (const p of redo) p.extraMs += share + p.result.durationMs;
    return redo;
  };

  /** Verifies the slot's provisional kills; retires its worker when `retiring` or found tainted, and re-runs what needs it. */
  const checkpoint = async (slot: number, retiring: boolean, ambiguous = false): Promise<void> => {
    const redo = await verify(slot, ambiguous);
    if (retiring || redo.length > 0) release(slot);
    stats?.rerun(redo.length);
    for (const p of redo) {
      const result = await attemptDynamic(p.job.gremlin, p.tests, slot, true);
      learn(p.job.gremlin, result);
      finish(p.job, result, p.extraMs);
    }
  };

  /** One run on the slot's worker. `careful`: a failing test is re-checked at once, and the run repeated on a fresh worker when the check fails. */
  const runDynamic = async (
    gremlin: Gremlin,
    tests: number[],
    slot: number,
    careful: boolean,
    runSettings: RunSettings = settings,
    retried = false,
  ): Promise<GremlinResult> => {
    if (slots[slot] && !slots[slot]?.alive) await checkpoint(slot, true);
    const worker = await loadedWorker(slot);
    if (!("alive" in worker)) return worker;
    const checking = careful && !fresh;
    const result = await runOnWorker(
      worker,
      gremlin.index,
      tests,
      checking ? { ...runSettings, recheck: true } : runSettings,
    );
    if (result.reloaded) stats?.leakReset(result.reloaded);
    if (result.stale !== undefined) {
      // Reloading the leaking files cannot reset this worker (e.g. the tests changed a global): a fresh one runs the gremlin.
      staleWorkers++;
      if (staleWorkers === 1)
        options.onNotice?.(
          `leaking test files: a worker could not be reset by reloading them (${result.stale}); such workers are replaced by fresh ones`,
        );
      await checkpoint(slot, true, true);
      return runDynamic(gremlin, tests, slot, careful, runSettings, retried);
    }
    if (result.recycle || fresh || !worker.alive) {
      await checkpoint(slot, true, worker.alive);
      return result;
    }
    if (checking && needsCheck(result) && !retried) {
      // A failure is the gremlin's only if the test still passes without it; otherwise the
      // worker's state was tainted by earlier runs: replace it and decide on a fresh one.
      const sound =
        result.recheck?.index === result.killingTest
          ? result.recheck.passed && worker.fatal.length === 0
          : await stillPasses(worker, result.killingTest, settings);
      if (!sound) {
        await checkpoint(slot, true);
        return runDynamic(gremlin, tests, slot, careful, runSettings, true);
      }
    }
    return result;
  };

  /** A dynamic gremlin's verdict: one run, the hit-limit ceiling when the derived limit tripped, once more if the worker died. */
  const attemptDynamic = async (
    gremlin: Gremlin,
    tests: number[],
    slot: number,
    careful: boolean,
  ): Promise<GremlinResult> => {
    let result = await runDynamic(gremlin, tests, slot, careful);
    if (hitLimitTripped(result) && settings.hitLimitFor(gremlin.index) < settings.hitLimitCeiling) {
      // The baseline-derived limit is an early guess: before calling it a Timeout, give the gremlin the
      // spawn executor's limit, under which a deep recursion overflows the stack (and a test may see it).
      const ceiling = settings.hitLimitCeiling;
      result = await runDynamic(gremlin, tests, slot, careful, { ...settings, hitLimitFor: () => ceiling });
    }
    // A worker that died mid-gremlin may have died for its own reasons: once more on a fresh worker
    // (runDynamic already retired the dead one).
    if (result.died !== undefined) result = verdictAfterRetry(result, await runDynamic(gremlin, tests, slot, careful));
    // A time limit may be the machine's doing (load, a slow start): a Timeout stands only if a second run agrees.
    if (timedOut(result)) result = confirmedTimeout(result, await runDynamic(gremlin, tests, slot, careful));
    // A Survived where a test runs otherwise once state is warm: a cold graph, as the runner's process, decides.
    if (!fresh && needsColdRun(result, tests, baseline.stateful))
      result = await runCold(supply, gremlin.index, settings, result);
    return result;
  };

  // CommonJS suites reload their module graph in a worker kept per slot instead of a fresh worker each.
  const statics = new StaticRuns(supply, baseline.reloadable && !fresh);
  const attemptStatic = async (gremlin: Gremlin, slot: number): Promise<GremlinResult> => {
    let result = await statics.run(slot, gremlin.index, settings);
    // A death is retried once on a fresh worker.
    if (result.died !== undefined)
      result = verdictAfterRetry(result, await runStatic(supply, gremlin.index, null, settings));
    if (timedOut(result)) result = confirmedTimeout(result, await statics.run(slot, gremlin.index, settings));
    return result;
  };

  stats?.mark("execute-start");
  if (stats) stats.stats.workers = options.workers;
  supply.replenish();
  await runPool(
    jobs,
    options.workers,
    async (job, slot) => {
      const { gremlin, plan } = job;
      if (plan.kind === "static") return finish(job, await attemptStatic(gremlin, slot));
      const tests = options.testOrder ? options.testOrder.order(gremlin, plan.tests) : plan.tests;
      const careful = epochs.careful !== null;
      const result = await attemptDynamic(gremlin, tests, slot, careful);
      learn(gremlin, result);
      // A kill on a worker that stays in use waits for the slot's next verification (unless checked already).
      if (
        !careful &&
        !fresh &&
        needsCheck(result) &&
        !result.recycle &&
        result.died === undefined &&
        slots[slot]?.alive
      )
        epochs.add(slot, { job, tests, result, extraMs: 0 }, killersOf(result));
      else finish(job, result);
      if (epochs.due(slot)) await checkpoint(slot, false);
    },
    undefined,
    // A slot out of work verifies what it still holds, on the same worker, while the others go on.
    (slot) => checkpoint(slot, false),
  );
  for (let slot = 0; slot < slots.length; slot++) release(slot);
  statics.close();
  if (stats) stats.stats.staticReloads = { reloads: statics.reloads, gaveUp: statics.gaveUp };
  if (statics.gaveUp !== null)
    options.onNotice?.(
      `static gremlins: reloading the module graph in a kept worker was given up (${statics.gaveUp}); each took a fresh worker`,
    );
  stats?.mark("execute-end");
  return outcomes;
}
