// The baseline in threads: import the suite once, run every test with no gremlin active while
// recording per-test durations and coverage, then run it again in the order gremlin runs use
// (fastest first) to detect tests that leak state between runs, or take other paths once state is warm.

import type { ThreadWorker } from "./thread-worker.ts";
import { isFailure } from "./thread-worker.ts";
import type { WorkerSupply } from "./supply.ts";
import type { StatsRecorder } from "./stats.ts";
import { Units, type UnitTest } from "./units.ts";
import { statefulTests } from "./cold-runs.ts";

export interface ThreadBaseline {
  /** Test units: the top-level tests, then the nested subtests found in the first pass. */
  tests: Map<number, UnitTest>;
  units: Units;
  /** Top-level tests that run (not skipped), in declaration order. */
  runnable: number[];
  durations: Map<number, number>;
  /** gremlin index → tests that reached it. */
  coverage: Map<number, number[]>;
  /** Gremlins reached while the test files loaded (need a fresh import with the switch preset). */
  staticGremlins: Set<number>;
  /**
   * Static gremlin → the tests it can affect, when known (load-scope.ts): those of the test files that load
   * the module whose load-time code reached it, and those that reach it while running. Absent: every test.
   */
  staticTests: Map<number, number[]>;
  /** Static gremlin → the test files (project-relative) whose load reaches it, when known (the keys of `staticTests`). */
  staticFiles: Map<number, string[]>;
  /** Gremlins reached during the run but outside any test (file-level hooks): need all tests. */
  outside: Set<number>;
  /** Why re-running in the same worker is not trusted (null = trusted). */
  leaky: string | null;
  /**
   * Test files (project-relative) whose tests fail when re-run in the same worker, but pass once the file is
   * reloaded: a worker reloads them before a run that needs them fresh (leak-reset.ts). Empty: none leak.
   */
  resetFiles: string[];
  /** Test units that reached other gremlins on the warm re-run than on the cold first pass (cold-runs.ts). */
  stateful: Set<number>;
  /** Tests whose result changed on the re-run and that reloading did not steady (each gremlin gets a fresh worker). */
  unsteady: { name: string; detail: string }[];
  /** gremlin index → hits while loading and during the baseline run (idle; no gremlin active). */
  hits: Map<number, number>;
  /** Every gremlin reached one way or another. */
  reached: Set<number>;
  loadMs: number;
  runMs: number;
  /** The test files are in require's cache: a worker can reload the module graph (static gremlins, static-runs.ts). */
  reloadable: boolean;
  /** The loaded worker, reusable for gremlin runs. */
  worker: ThreadWorker;
}

/** Why the thread baseline cannot be used (the caller falls back to the spawn executor). */
export interface BaselineProblem {
  reason: string;
  /** When tests failed (and nothing else went wrong): the files of every failing test, as the harness names them. */
  failingFiles?: string[];
}

export interface BaselineOptions {
  /** Per-test limit handed to the harness (the runner's own default, or beyond the wall limit). */
  testTimeoutMs: number;
  /** Wall-clock limit for loading and for each pass. */
  limitMs: number;
  stats?: StatsRecorder;
}

/** Indices sorted by baseline duration, fastest first (ties: declaration order). */
/** Hit limit floor: a site reached a few times in the baseline still gets this many hits. */
export const MIN_HIT_LIMIT = 1000;
/** A gremlin may be reached this many times as often as its site was in the whole baseline. */
export const HIT_LIMIT_FACTOR = 10;

/**
 * The hit limit for one gremlin: HIT_LIMIT_FACTOR × its site's hits in the baseline (at least MIN_HIT_LIMIT),
 * never above `ceiling` (the configured limit the spawn executor uses). An unknown or overflowed count: the ceiling.
 */
export function hitLimitFor(baselineHits: number | undefined, ceiling: number): number {
  if (baselineHits === undefined || baselineHits < 0) return ceiling;
  const derived = Math.max(MIN_HIT_LIMIT, baselineHits * HIT_LIMIT_FACTOR);
  return ceiling > 0 ? Math.min(ceiling, derived) : derived;
}

export function fastestFirst(indices: readonly number[], durations: ReadonlyMap<number, number>): number[] {
  return [...indices].sort((a, b) => (durations.get(a) ?? 0) - (durations.get(b) ?? 0) || a - b);
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}

export async function threadBaseline(
  supply: WorkerSupply,
  options: BaselineOptions,
): Promise<ThreadBaseline | BaselineProblem> {
  const taken = await supply.takeLoaded(0, 0, options.limitMs);
  if ("failure" in taken) {
    if (taken.worker) supply.release(taken.worker);
    const why =
      taken.failure.type === "timeout"
        ? `took longer than ${taken.failure.afterMs} ms`
        : taken.failure.type === "exit"
          ? taken.failure.error
          : "ran out of memory";
    return { reason: `loading the test files in a worker thread failed (${why})` };
  }
  const { worker, loaded } = taken;
  options.stats?.mark("baseline-loaded");
  const fail = (reason: string): BaselineProblem => {
    supply.release(worker);
    return { reason };
  };
  if (loaded.error) return fail(`a test file cannot be imported in a worker thread: ${firstLine(loaded.error)}`);
  if (loaded.unsupported.length > 0)
    return fail(`the built-in harness does not support ${loaded.unsupported.join(", ")}`);
  if (worker.fatal.length > 0) return fail(`loading the tests raised ${worker.fatal[0]}`);
  const tests = new Map<number, UnitTest>(loaded.tests.map((t) => [t.index, t]));
  const units = new Units(tests);
  const runnable = loaded.tests.filter((t) => !t.skipped).map((t) => t.index);
  if (runnable.length === 0) return fail("the built-in harness found no tests in the test files");

  const started = performance.now();
  const first = await worker.request(
    { type: "run", indices: runnable, bail: false, testTimeoutMs: options.testTimeoutMs, coverage: true },
    "ran",
    options.limitMs,
  );
  const runMs = performance.now() - started;
  options.stats?.mark("baseline-pass1");
  if (isFailure(first))
    return fail(
      `the baseline run in a worker thread failed (${first.type === "timeout" ? "time limit exceeded" : first.type})`,
    );
  const unemulated = first.results.find((r) => r.unsupported && r.unsupported.length > 0);
  if (unemulated) {
    const name = tests.get(unemulated.index)?.fullName ?? `test #${unemulated.index}`;
    return fail(
      `"${name}" calls ${unemulated.unsupported?.[0] ?? "an API"}, which the built-in harness does not emulate`,
    );
  }
  const failures = first.results.filter((r) => r.status !== "passed" && r.status !== "skipped");
  const failed = failures[0];
  if (failed) {
    const name = tests.get(failed.index)?.fullName ?? `test #${failed.index}`;
    const problem = fail(
      `"${name}" does not pass in the built-in harness (${failed.status}${failed.error ? `: ${firstLine(failed.error)}` : ""})`,
    );
    const files = failures.map((r) => tests.get(r.index)?.file).filter((f): f is string => f !== undefined);
    return worker.fatal.length > 0 ? problem : { ...problem, failingFiles: [...new Set(files)] };
  }
  if (worker.fatal.length > 0) return fail(`the baseline run raised ${worker.fatal[0]}`);

  // Nested subtests become units of their own: their own duration, coverage and verdicts.
  const durations = new Map<number, number>();
  for (const r of first.results) {
    durations.set(r.index, r.durationMs);
    const top = tests.get(r.index);
    if (top) for (const sub of r.subtests ?? []) durations.set(units.add(top, sub), sub.durationMs);
  }
  const covering = new Map<number, Set<number>>();
  for (const [key, gremlins] of first.reached) {
    const unit = units.indexOfKey(key);
    for (const g of gremlins) {
      let set = covering.get(g);
      if (!set) covering.set(g, (set = new Set()));
      set.add(unit);
    }
  }
  const coverage = new Map<number, number[]>();
  for (const [g, set] of covering) coverage.set(g, [...set]);
  const staticGremlins = new Set(loaded.staticReached);
  const outside = new Set(first.outside);
  const hits = new Map(first.hits);
  const staticTests = scopedTests(loaded.staticScopes ?? [], staticGremlins, outside, runnable, tests, coverage);
  const staticFiles = new Map((loaded.staticScopes ?? []).filter(([gremlin]) => staticTests.has(gremlin)));
  const reached = new Set([...coverage.keys(), ...staticGremlins, ...outside]);

  // Second pass, fastest first: a test whose result changes leaks state (or depends on order); one that
  // reaches other gremlins than in the first pass takes another path once the modules' state is warm.
  let leaky: string | null = null;
  let resetFiles: string[] = [];
  let unsteady: { name: string; detail: string }[] = [];
  worker.notify({ type: "reset-coverage" });
  const second = await worker.request(
    {
      type: "run",
      indices: fastestFirst(runnable, durations),
      bail: false,
      testTimeoutMs: options.testTimeoutMs,
      coverage: true,
    },
    "ran",
    options.limitMs,
  );
  const stateful = isFailure(second) ? new Set<number>() : statefulTests(first.reached, second.reached, units);
  if (isFailure(second)) {
    leaky = `re-running the suite in the same worker failed (${second.type})`;
  } else {
    const changed = second.results.filter((r) => r.status !== "passed" && r.status !== "skipped");
    if (changed.length > 0) {
      const first = `"${tests.get(changed[0]!.index)?.fullName ?? changed[0]!.index}" fails when the suite is re-run in the same worker (tests leak state)`;
      const files = [...new Set(changed.map((r) => tests.get(r.index)?.file ?? ""))].filter((f) => f !== "");
      const fixed =
        loaded.reloadable && worker.fatal.length === 0
          ? await resetFixes(worker, files, runnable, tests, durations, options)
          : loaded.reloadable
            ? `the re-run raised ${worker.fatal[0]}`
            : `its test files cannot be loaded afresh in a worker (${"Deno" in globalThis ? "ES modules on Deno" : "loaded through the esm package"})`;
      if (fixed === null) resetFiles = files;
      else {
        leaky = `${first}, and reloading ${files.length === 1 ? "its file" : "their files"} does not reset it (${fixed})`;
        const detail =
          loaded.reloadable && worker.fatal.length === 0
            ? "failed when the suite was re-run in the same worker, even with its file reloaded (flaky, or state that reloading does not reset); every gremlin got a fresh worker"
            : `failed when the suite was re-run in the same worker (leaking state, or flaky: ${fixed}); every gremlin got a fresh worker, where it runs as in the first baseline pass`;
        unsteady = changed.map((r) => ({ name: tests.get(r.index)?.fullName ?? String(r.index), detail }));
      }
    } else if (worker.fatal.length > 0) leaky = `re-running the suite raised ${worker.fatal[0]}`;
  }
  options.stats?.mark("baseline-pass2");
  if (leaky !== null || !worker.alive) supply.release(worker);
  return {
    tests,
    units,
    runnable,
    durations,
    coverage,
    staticGremlins,
    staticTests,
    staticFiles,
    outside,
    leaky,
    resetFiles,
    stateful,
    unsteady,
    reached,
    hits,
    loadMs: loaded.durationMs,
    runMs,
    reloadable: loaded.reloadable,
    worker,
  };
}

/**
 * Static gremlin → its tests: the runnable tests of its scope's files, and those that reach it while
 * running. One also reached in a hook outside any test has no scope: every test runs for it.
 */
function scopedTests(
  scopes: readonly [number, string[]][],
  staticGremlins: ReadonlySet<number>,
  outside: ReadonlySet<number>,
  runnable: readonly number[],
  tests: ReadonlyMap<number, UnitTest>,
  coverage: ReadonlyMap<number, number[]>,
): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [gremlin, files] of scopes) {
    if (!staticGremlins.has(gremlin) || outside.has(gremlin)) continue;
    const inFiles = new Set(files);
    const selected = new Set(runnable.filter((t) => inFiles.has(tests.get(t)?.file ?? "")));
    for (const t of coverage.get(gremlin) ?? []) selected.add(t);
    out.set(gremlin, [...selected]);
  }
  return out;
}

/**
 * Third and fourth passes, for tests that failed the second: the tests of `files`, fastest first, on the
 * same worker, with those files reloaded first (leak-reset.ts). null when they pass both times (reloading
 * resets the leak), else why not. Twice, because a flaky test (one that fails every other run, whatever is
 * reloaded) passes a single re-run by chance.
 */
async function resetFixes(
  worker: ThreadWorker,
  files: string[],
  runnable: readonly number[],
  tests: ReadonlyMap<number, UnitTest>,
  durations: ReadonlyMap<number, number>,
  options: BaselineOptions,
): Promise<string | null> {
  for (let pass = 0; pass < 2; pass++) {
    const problem = await reloadedRun(worker, files, runnable, tests, durations, options);
    if (problem !== null) return problem;
  }
  return null;
}

/** One run of `files`' tests with those files reloaded first: null when they all pass, else why not. */
async function reloadedRun(
  worker: ThreadWorker,
  files: string[],
  runnable: readonly number[],
  tests: ReadonlyMap<number, UnitTest>,
  durations: ReadonlyMap<number, number>,
  options: BaselineOptions,
): Promise<string | null> {
  const inFiles = runnable.filter((t) => files.includes(tests.get(t)?.file ?? ""));
  const third = await worker.request(
    {
      type: "run",
      indices: fastestFirst(inFiles, durations),
      bail: false,
      testTimeoutMs: options.testTimeoutMs,
      coverage: false,
      isolate: files,
    },
    "ran",
    options.limitMs,
  );
  options.stats?.mark("baseline-pass3");
  if (isFailure(third)) return `the re-run failed (${third.type === "timeout" ? "time limit exceeded" : third.type})`;
  if (third.stale !== undefined) return third.stale;
  if (third.loadError !== undefined) return `reloading failed: ${firstLine(third.loadError)}`;
  if ((third.reloaded?.length ?? 0) === 0) return "nothing was reloaded";
  const failed = third.results.find((r) => r.status !== "passed" && r.status !== "skipped");
  if (failed) return `"${tests.get(failed.index)?.fullName ?? failed.index}" still fails`;
  if (worker.fatal.length > 0) return `the re-run raised ${worker.fatal[0]}`;
  return null;
}
