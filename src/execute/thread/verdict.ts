// The thread executor's verdicts: one in-worker run of the selected tests with a gremlin active
// becomes Killed / Survived / Timeout / RuntimeError, the same states the spawn executor gives.

import type { Verdict } from "../verdict.ts";
import type { WorkerTest, WorkerTestResult } from "./protocol.ts";
import type { Failure } from "./thread-worker.ts";

export interface RunFacts {
  /** The worker's results, or why it gave none. */
  results: WorkerTestResult[] | Failure;
  /** The active gremlin's site was reached more often than the hit limit. */
  hitLimit: boolean;
  /** Errors no test owned, seen during the run (unhandled rejections…). */
  fatal: readonly string[];
  /** The import error, when the gremlin was active while the test files loaded (static gremlins). */
  loadError?: string;
  tests: ReadonlyMap<number, WorkerTest>;
  /** The wall-clock limit that applied, for the reason text. */
  limitMs: number;
  /**
   * The project's runner fails a test that exceeds its per-test timeout (bun, vitest, jest, mocha), so a
   * harness "timeout" is a failure (Killed) as under the runner; otherwise it is a Timeout.
   */
  testTimeoutFails?: boolean;
}

export interface ThreadVerdict extends Verdict {
  /** The killing test's index (a candidate for the "does it fail without the gremlin?" check). */
  killingTest?: number;
  /** The worker's state can no longer be trusted: replace it. */
  recycle: boolean;
  /** A Timeout's test that did not end, when known (hung-apart.ts). */
  hung?: number;
}

function testName(tests: ReadonlyMap<number, WorkerTest>, index: number): string {
  const test = tests.get(index);
  return test ? test.fullName || test.name : `test #${index}`;
}

/** The verdict for one run (pure). */
export function threadVerdict(facts: RunFacts): ThreadVerdict {
  const { results } = facts;
  if (!Array.isArray(results)) {
    if (results.type === "timeout")
      return {
        status: "Timeout",
        statusReason: `time limit of ${Math.round(facts.limitMs)} ms exceeded`,
        recycle: true,
        ...(results.test === undefined ? {} : { hung: results.test }),
      };
    if (results.type === "memory")
      return {
        status: "Timeout",
        statusReason: `memory grew past the limit (${results.rssMb} MB resident)`,
        recycle: true,
      };
    if (facts.hitLimit)
      return { status: "Timeout", statusReason: "hit limit reached (likely an infinite loop)", recycle: true };
    // The worker died with the gremlin active (e.g. out of memory, a crash): the gremlin's doing.
    return { status: "Killed", statusReason: `the test worker died: ${results.error}`, recycle: true };
  }
  if (facts.hitLimit) {
    // The run came back: the worker is responsive. Like a kill, the executor checks that the last test
    // still passes without the gremlin before reusing the worker (killingTest), instead of replacing it.
    const last = results[results.length - 1];
    const recycle = facts.fatal.length > 0 || last === undefined || last.status === "timeout";
    return {
      status: "Timeout",
      statusReason: "hit limit reached (likely an infinite loop)",
      recycle,
      ...(recycle ? {} : { killingTest: last.index }),
    };
  }
  if (facts.loadError !== undefined)
    return { status: "Killed", statusReason: `module load: ${facts.loadError}`, recycle: true };
  // A test took a path that calls an API the harness does not emulate: its result may not be the runner's.
  const unemulated = results.find((r) => r.unsupported && r.unsupported.length > 0);
  if (unemulated) {
    const what = unemulated.unsupported?.[0] ?? "an API";
    return {
      status: "RuntimeError",
      statusReason: `${testName(facts.tests, unemulated.index)} called ${what}, which the built-in harness does not emulate (--executor spawn gives this gremlin's verdict)`,
      recycle: false,
    };
  }
  const first = results.find((r) => r.status === "failed" || r.status === "timeout");
  if (first && (first.status === "failed" || facts.testTimeoutFails)) {
    const name = testName(facts.tests, first.index);
    const reason = first.status === "timeout" ? `${name} (timed out)` : name;
    return {
      status: "Killed",
      statusReason: reason,
      killedBy: name,
      killingTest: first.index,
      // A body still pending may run on in the worker; one ended as stuck has nothing left that could, so
      // an uncaught error that left it unanswered (a request handler threw) has run its course too: the
      // worker stays, and the kill is verified as any other (a verification sees any later uncaught error).
      recycle: first.endedEarly === true ? false : facts.fatal.length > 0 || first.status === "timeout",
    };
  }
  const timedOut = first;
  if (timedOut)
    return {
      status: "Timeout",
      statusReason: `${testName(facts.tests, timedOut.index)} exceeded its time limit`,
      recycle: true,
      hung: timedOut.index,
    };
  if (facts.fatal.length > 0) return { status: "Killed", statusReason: facts.fatal[0] as string, recycle: true };
  const ran = results.filter((r) => r.status === "passed").length;
  return { status: "Survived", statusReason: `all ${ran} selected test(s) passed`, recycle: false };
}

/**
 * The verdict after a worker died under a gremlin and the gremlin was retried once on a fresh worker.
 * A worker that ended through `process.exit(code)` did what the user's CI would see (a test ended the
 * run): the retry's verdict stands. Any other death twice in a row (a crash, an internal error) is not
 * the gremlin's to answer for: RuntimeError with both reasons.
 */
export function verdictAfterRetry<T extends ThreadVerdict & { died?: string }>(first: T, again: T): T {
  if (again.died === undefined) return again;
  if (/^worker exited with code \d+$/.test(again.died))
    return { ...again, statusReason: `${again.statusReason} (and again on a fresh worker)` };
  return {
    ...again,
    status: "RuntimeError",
    statusReason: `the test worker died twice: ${first.died ?? "?"}; on the retry: ${again.died}`,
    killingTest: undefined,
  };
}
