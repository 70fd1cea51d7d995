// One gremlin in a worker thread: flip the switch, re-run the selected tests (bail at the first
// failure), read the hit counter, and turn it all into a verdict. Static gremlins get a fresh worker
// that imports the test files with the switch already set.

import type { WorkerTest, WorkerTestResult } from "./protocol.ts";
import { isFailure, type Failure } from "./thread-worker.ts";
import type { Loaded, PortWorker, WorkerPort } from "./port.ts";
import { threadVerdict, type ThreadVerdict } from "./verdict.ts";
import { SUBTEST_BASE, type Units } from "./units.ts";

export interface RunSettings {
  tests: ReadonlyMap<number, WorkerTest>;
  /** Test units (top-level tests and nested subtests): requests are built and results read through it. */
  units: Units;
  durations: ReadonlyMap<number, number>;
  /** The hit limit for a gremlin (derived from its baseline hits). */
  hitLimitFor: (index: number) => number;
  /** The configured hit limit (the spawn executor's); derived limits never exceed it. */
  hitLimitCeiling: number;
  /** The per-test limit handed to the harness. */
  testTimeoutMs: number;
  /** Wall-clock limit for `tests`: their baseline time × factor + the fixed allowance. */
  limitFor: (tests: readonly number[]) => number;
  /** Wall-clock limit for importing the test files. */
  loadLimitMs: number;
  /** A harness test timeout counts as a failure (the runner has per-test timeouts). */
  testTimeoutFails: boolean;
  /** The runner runs each test file apart (SEPARATE_FILE_RUNS): a test that never ends stops only its own file. */
  separateFileRuns?: boolean;
  /** Stop at the first failing test (default); false runs every selected test (--no-bail). */
  bail?: boolean;
  /** Careful mode: a failing test is re-run at once with the switch off, in the same request (`GremlinResult.recheck`). */
  recheck?: boolean;
  /** A failing test is re-run at once with the switch still on, in the same request (`GremlinResult.reproduced`). */
  reproduce?: boolean;
  /** Test files that leak state: a worker reloads them before a run that needs them fresh (leak-reset.ts). */
  resetFiles?: readonly string[];
  /** Static gremlin → the test files whose load reaches it, where known (the baseline's `staticFiles`). */
  staticFiles?: ReadonlyMap<number, readonly string[]>;
}

/** The `isolate` field of a run request, from the settings. */
function isolate(settings: RunSettings): { isolate?: string[] } {
  return settings.resetFiles && settings.resetFiles.length > 0 ? { isolate: [...settings.resetFiles] } : {};
}

export interface GremlinResult extends ThreadVerdict {
  testsRun: number;
  /** Sum of the baseline durations of the tests that ran. */
  testMs: number;
  durationMs: number;
  /** Every failing test, in run order (all of them with bail off), when the verdict is Killed. */
  failingTests?: number[];
  /** The worker thread died during the run (its exit reason): the executor retries once on a fresh one. */
  died?: string;
  /** The first failing test, re-run in the same request with the switch off: did it pass (the worker is sound)? */
  recheck?: { index: number; passed: boolean };
  /** The first failing test, re-run in the same request with the switch still on: did it fail again? */
  reproduced?: boolean;
  /** Nothing ran: reloading the leaking files cannot reset this worker (why); the executor runs the gremlin on a fresh one. */
  stale?: string;
  /** Leaking files reloaded before the run. */
  reloaded?: number;
  /** Tests the worker ended before their timeout (nothing could finish them). */
  endedEarly?: number;
  /** A kill on a reloaded module graph whose clean check is still owed (static-runs.ts): not final until checked. */
  cleanCheckOwed?: boolean;
  /** A Timeout that a second run confirmed. */
  confirmed?: boolean;
}

/** The GremlinResult fields that say how a run ended beyond the verdict. */
function endOf(
  results: WorkerTestResult[] | Failure,
  verdict: ThreadVerdict,
  testTimeoutFails: boolean,
): Pick<GremlinResult, "failingTests" | "died"> {
  if (!Array.isArray(results)) return results.type === "exit" ? { died: results.error } : {};
  if (verdict.status !== "Killed") return {};
  const failing = results
    .filter((r) => r.status === "failed" || (testTimeoutFails && r.status === "timeout"))
    .map((r) => r.index);
  return failing.length > 0 ? { failingTests: failing } : {};
}

/** Runs `tests` on `worker` with gremlin `index` active. The switch is back to 0 afterwards. */
export async function runOnWorker(
  worker: PortWorker,
  index: number,
  tests: readonly number[],
  settings: RunSettings,
): Promise<GremlinResult> {
  const started = performance.now();
  worker.fatal.length = 0;
  worker.activate(index, settings.hitLimitFor(index));
  const limitMs = settings.limitFor(tests);
  const { units } = settings;
  const reply = await worker.request(
    {
      type: "run",
      ...units.request(tests),
      bail: settings.bail ?? true,
      testTimeoutMs: settings.testTimeoutMs,
      coverage: false,
      recheck: settings.recheck === true,
      reproduce: settings.reproduce === true,
      ...isolate(settings),
    },
    "ran",
    limitMs,
  );
  const hitLimit = worker.hitLimitExceeded();
  worker.activate(0, 0);
  if (!isFailure(reply) && reply.stale !== undefined)
    return {
      status: "RuntimeError",
      statusReason: reply.stale,
      recycle: true,
      stale: reply.stale,
      testsRun: 0,
      testMs: 0,
      durationMs: performance.now() - started,
    };
  const results = isFailure(reply) ? reply : units.results(reply.results, tests);
  const loadError = isFailure(reply) ? undefined : reply.loadError;
  const verdict = threadVerdict({
    results,
    hitLimit,
    fatal: [...worker.fatal],
    loadError,
    tests: settings.tests,
    limitMs,
    testTimeoutFails: settings.testTimeoutFails,
  });
  const reloaded = isFailure(reply) ? 0 : (reply.reloaded?.length ?? 0);
  const checked = isFailure(reply) ? undefined : reply.recheck;
  const recheck = checked
    ? { index: checked.key === undefined ? checked.index : units.indexOfKey(checked.key), passed: checked.passed }
    : undefined;
  // A worker that holds too many module graphs (its ES modules imported afresh) serves no more runs.
  const retire = !isFailure(reply) && reply.retire !== undefined;
  return {
    ...verdict,
    ...(retire ? { recycle: true } : {}),
    ...endOf(results, verdict, settings.testTimeoutFails),
    ...(recheck ? { recheck } : {}),
    ...(!isFailure(reply) && reply.reproduced !== undefined ? { reproduced: reply.reproduced } : {}),
    ...(reloaded > 0 ? { reloaded } : {}),
    ...(Array.isArray(results) && results.some((r) => r.endedEarly)
      ? { endedEarly: results.filter((r) => r.endedEarly).length }
      : {}),
    testsRun: Array.isArray(results) ? results.length : 0,
    testMs: Array.isArray(results) ? units.baselineMs(results, settings.durations) : 0,
    durationMs: performance.now() - started,
  };
}

/** How taintOf's answer starts when the worker could not be reset for the check (not a taint: the worker is just unfit). */
export const STALE = "the worker cannot be reset";

/** After a kill: does its killing `test` pass on `worker` without the gremlin (the run's own recheck, else a run)? */
export async function soundAfter(
  result: GremlinResult,
  worker: PortWorker,
  test: number,
  settings: RunSettings,
): Promise<boolean> {
  if (result.recheck?.index === test) return result.recheck.passed && worker.fatal.length === 0;
  return (await taintOf(worker, [test], settings, true)) === null;
}

/**
 * Runs `tests` on `worker` with no gremlin active (every one of them unless `bail`): null when all pass
 * and nothing else went wrong (the worker's state is still sound), else what failed, in a few words.
 */
export async function taintOf(
  worker: PortWorker,
  tests: readonly number[],
  settings: RunSettings,
  bail = false,
): Promise<string | null> {
  worker.fatal.length = 0;
  worker.activate(0, 0);
  const limitMs = settings.limitFor(tests);
  const reply = await worker.request(
    {
      type: "run",
      ...settings.units.request(tests),
      bail,
      testTimeoutMs: settings.testTimeoutMs,
      coverage: false,
      ...isolate(settings),
    },
    "ran",
    limitMs,
  );
  if (!isFailure(reply) && reply.stale !== undefined) return `${STALE}: ${reply.stale}`;
  if (!isFailure(reply) && reply.loadError !== undefined)
    return `reloading a leaking test file failed: ${reply.loadError}`;
  if (isFailure(reply))
    return reply.type === "exit"
      ? `the worker died (${reply.error})`
      : reply.type === "timeout"
        ? `the tests took over ${Math.round(limitMs)} ms`
        : "the worker ran out of memory";
  const ok = (status: string): boolean => status === "passed" || status === "skipped";
  if (reply.results.every((r) => ok(r.status))) return worker.fatal[0] ?? null;
  const failed =
    settings.units.results(reply.results, tests).find((r) => !ok(r.status)) ?? reply.results.find((r) => !ok(r.status));
  const test = failed === undefined ? undefined : settings.tests.get(failed.index);
  return `"${test ? test.fullName || test.name : `test #${failed?.index ?? "?"}`}" failed`;
}

/**
 * A static gremlin: a fresh worker imports the suite with the switch preset, then runs every test (`tests`
 * first, in that order; see runOnGraph). The worker is released afterwards, unless `keep` (asked after a
 * run) takes it over.
 */
export async function runStatic<W extends PortWorker>(
  supply: WorkerPort<W>,
  index: number,
  tests: readonly number[] | null,
  settings: RunSettings,
  keep?: (worker: W, loaded: Loaded, result: GremlinResult) => boolean,
): Promise<GremlinResult> {
  const started = performance.now();
  const taken = await supply.takeLoaded(index, settings.hitLimitFor(index), settings.loadLimitMs);
  if ("failure" in taken) {
    const hitLimit = taken.worker?.hitLimitExceeded() ?? false;
    if (taken.worker) supply.release(taken.worker);
    return loadFailed(taken.failure, hitLimit, settings, started);
  }
  let result: GremlinResult | undefined;
  try {
    result = await runOnGraph(taken.worker, taken.loaded, index, tests, settings, started);
    return result;
  } finally {
    if (result === undefined || !keep?.(taken.worker, taken.loaded, result)) supply.release(taken.worker);
  }
}

/** The verdict when importing the test files with a gremlin active produced no reply (time limit, crash). */
export function loadFailed(failure: Failure, hitLimit: boolean, settings: RunSettings, started: number): GremlinResult {
  const verdict = threadVerdict({
    results: failure,
    hitLimit,
    fatal: [],
    tests: settings.tests,
    limitMs: settings.loadLimitMs,
  });
  return {
    ...verdict,
    ...endOf(failure, verdict, false),
    testsRun: 0,
    testMs: 0,
    durationMs: performance.now() - started,
  };
}

/**
 * Runs `tests` (in that order) of a module graph just imported with gremlin `index` active on `worker`;
 * with `tests` null, every test, fastest first. When the gremlin changed which tests exist (a table used by
 * test.each), indices may name other tests: every test of this graph runs, `tests` first.
 */
export async function runOnGraph(
  worker: PortWorker,
  loaded: Loaded,
  index: number,
  tests: readonly number[] | null,
  settings: RunSettings,
  started: number,
): Promise<GremlinResult> {
  if (loaded.error !== undefined || worker.hitLimitExceeded() || worker.fatal.length > 0) {
    const verdict = threadVerdict({
      results: [],
      hitLimit: worker.hitLimitExceeded(),
      fatal: [...worker.fatal],
      loadError: loaded.error,
      tests: settings.tests,
      limitMs: settings.loadLimitMs,
    });
    // A module that threw while loading leaves nothing a reload does not replace: the next reload drops the
    // project's modules, and a changed global environment is caught there (stale). Keeping the worker keeps
    // the slot's held static kills checkable, instead of each re-run on a fresh worker.
    // Not where the module that threw keeps its error for later imports (Bun): `reloadable` is false there.
    const replaceable =
      loaded.error !== undefined && loaded.reloadable && !worker.hitLimitExceeded() && worker.fatal.length === 0;
    return {
      ...verdict,
      recycle: replaceable ? false : verdict.recycle,
      testsRun: 0,
      testMs: 0,
      durationMs: performance.now() - started,
    };
  }
  // The gremlin may change which tests exist (e.g. a table used by test.each): use this graph's tests.
  const present = new Map(loaded.tests.map((t) => [t.index, t]));
  const here = new Map<number, WorkerTest>([...settings.tests, ...present]);
  const all = loaded.tests.filter((t) => !t.skipped).map((t) => t.index);
  const runnable = (t: number): boolean => present.has(t) && !present.get(t)?.skipped;
  const fastest = (list: number[]): number[] =>
    list.sort((a, b) => (settings.durations.get(a) ?? 0) - (settings.durations.get(b) ?? 0) || a - b);
  const listed = new Set(tests ?? []);
  const ordered = !tests
    ? fastest([...all])
    : sameTests(loaded.tests, settings.tests)
      ? tests.filter(runnable)
      : [...tests.filter(runnable), ...fastest(all.filter((t) => !listed.has(t)))];
  const result = await runOnWorker(worker, index, ordered, { ...settings, tests: here });
  return { ...result, durationMs: performance.now() - started };
}

/** The graph registered the baseline's tests, each under its index (subtest units aside). */
function sameTests(loaded: readonly WorkerTest[], known: ReadonlyMap<number, WorkerTest>): boolean {
  let topLevel = 0;
  for (const [index, test] of known)
    if (index < SUBTEST_BASE && (test as { parent?: number }).parent === undefined) topLevel++;
  return loaded.length === topLevel && loaded.every((t) => known.get(t.index)?.id === t.id);
}
