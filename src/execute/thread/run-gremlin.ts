// One gremlin in a worker thread: flip the switch, re-run the selected tests (bail at the first
// failure), read the hit counter, and turn it all into a verdict. Static gremlins get a fresh worker
// that imports the test files with the switch already set.

import type { WorkerTest, WorkerTestResult } from "./protocol.ts";
import { isFailure, type Failure, type ThreadWorker } from "./thread-worker.ts";
import type { WorkerSupply } from "./supply.ts";
import { threadVerdict, type ThreadVerdict } from "./verdict.ts";

export interface RunSettings {
  tests: ReadonlyMap<number, WorkerTest>;
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
  /** Stop at the first failing test (default); false runs every selected test (--no-bail). */
  bail?: boolean;
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
}

/** The GremlinResult fields that say how a run ended beyond the verdict. */
function endOf(results: WorkerTestResult[] | Failure, verdict: ThreadVerdict, testTimeoutFails: boolean): Pick<GremlinResult, "failingTests" | "died"> {
  if (!Array.isArray(results)) return results.type === "exit" ? { died: results.error } : {};
  if (verdict.status !== "Killed") return {};
  const failing = results.filter((r) => r.status === "failed" || (testTimeoutFails && r.status === "timeout")).map((r) => r.index);
  return failing.length > 0 ? { failingTests: failing } : {};
}

function baselineTime(results: readonly { index: number }[], durations: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const r of results) sum += durations.get(r.index) ?? 0;
  return sum;
}

/** Runs `tests` on `worker` with gremlin `index` active. The switch is back to 0 afterwards. */
export async function runOnWorker(worker: ThreadWorker, index: number, tests: readonly number[], settings: RunSettings): Promise<GremlinResult> {
  const started = performance.now();
  worker.fatal.length = 0;
  worker.activate(index, settings.hitLimitFor(index));
  const limitMs = settings.limitFor(tests);
  const reply = await worker.request({ type: "run", indices: [...tests], bail: settings.bail ?? true, testTimeoutMs: settings.testTimeoutMs, coverage: false, recheck: true }, "ran", limitMs);
  const hitLimit = worker.hitLimitExceeded();
  worker.activate(0, 0);
  const results = isFailure(reply) ? reply : reply.results;
  const verdict = threadVerdict({ results, hitLimit, fatal: [...worker.fatal], tests: settings.tests, limitMs, testTimeoutFails: settings.testTimeoutFails });
  const recheck = isFailure(reply) ? undefined : reply.recheck;
  return { ...verdict, ...endOf(results, verdict, settings.testTimeoutFails), ...(recheck ? { recheck } : {}), testsRun: Array.isArray(results) ? results.length : 0, testMs: Array.isArray(results) ? baselineTime(results, settings.durations) : 0, durationMs: performance.now() - started };
}

/** True when `test` passes on `worker` with no gremlin active (the worker's state is still sound). */
export async function stillPasses(worker: ThreadWorker, test: number, settings: RunSettings): Promise<boolean> {
  worker.fatal.length = 0;
  worker.activate(0, 0);
  const reply = await worker.request({ type: "run", indices: [test], bail: true, testTimeoutMs: settings.testTimeoutMs, coverage: false }, "ran", settings.limitFor([test]));
  return !isFailure(reply) && reply.results.every((r) => r.status === "passed" || r.status === "skipped") && worker.fatal.length === 0;
}

/** A static gremlin: a fresh worker imports the suite with the switch preset, then runs `tests` (or every test). */
export async function runStatic(supply: WorkerSupply, index: number, tests: readonly number[] | null, settings: RunSettings): Promise<GremlinResult> {
  const started = performance.now();
  const taken = await supply.takeLoaded(index, settings.hitLimitFor(index), settings.loadLimitMs);
  if ("failure" in taken) {
    const hitLimit = taken.worker?.hitLimitExceeded() ?? false;
    if (taken.worker) supply.release(taken.worker);
    const verdict = threadVerdict({ results: taken.failure, hitLimit, fatal: [], tests: settings.tests, limitMs: settings.loadLimitMs });
    return { ...verdict, ...endOf(taken.failure, verdict, false), testsRun: 0, testMs: 0, durationMs: performance.now() - started };
  }
  const { worker, loaded } = taken;
  try {
    if (loaded.error !== undefined || worker.hitLimitExceeded() || worker.fatal.length > 0) {
      const verdict = threadVerdict({ results: [], hitLimit: worker.hitLimitExceeded(), fatal: [...worker.fatal], loadError: loaded.error, tests: settings.tests, limitMs: settings.loadLimitMs });
      return { ...verdict, testsRun: 0, testMs: 0, durationMs: performance.now() - started };
    }
    // The gremlin may change which tests exist (e.g. a table used by test.each): use this graph's tests.
    const here = new Map(loaded.tests.map((t) => [t.index, t]));
    const all = loaded.tests.filter((t) => !t.skipped).map((t) => t.index);
    const selected = (tests ?? all).filter((t) => here.has(t) && !here.get(t)?.skipped);
    const ordered = [...selected].sort((a, b) => (settings.durations.get(a) ?? 0) - (settings.durations.get(b) ?? 0) || a - b);
    const result = await runOnWorker(worker, index, ordered, { ...settings, tests: here });
    return { ...result, durationMs: performance.now() - started };
  } finally {
    supply.release(worker);
  }
}
