// A runner that runs each test file apart (node --test: a process per file; vitest, jest, ava: a worker
// per file) still reports the failures of other files while one test never ends: the run is a kill, not a
// Timeout. After a Timeout whose hung test is known, and before it is confirmed, the tests the runner would still finish run.

import type { WorkerTest } from "./protocol.ts";
import type { GremlinResult, RunSettings } from "./run-gremlin.ts";
import { timedOut } from "./slot-events.ts";

/** A unit's top-level test (a subtest's parent). */
function topOf(index: number, tests: ReadonlyMap<number, WorkerTest & { parent?: number }>): number {
  return tests.get(index)?.parent ?? index;
}

/**
 * Of `covering`, the tests the runner finishes while `hung` never ends (pure): every test of another file,
 * and those of its own file declared before it (a file's tests run in order). Empty when `hung` is unknown.
 */
export function finishingBeside(
  covering: readonly number[],
  hung: number,
  tests: ReadonlyMap<number, WorkerTest & { parent?: number }>,
): number[] {
  const file = tests.get(hung)?.file;
  if (file === undefined) return [];
  const hungTop = topOf(hung, tests);
  return covering.filter((t) => {
    const test = tests.get(t);
    if (test === undefined || t === hung) return false;
    return test.file !== file || topOf(t, tests) < hungTop;
  });
}

/** The verdict once the tests beside a hung one ran: their kill, naming the test that did not end; else the Timeout. */
export function afterHung(
  timeout: GremlinResult,
  beside: GremlinResult,
  tests: ReadonlyMap<number, WorkerTest>,
): GremlinResult {
  const durationMs = timeout.durationMs + beside.durationMs;
  if (beside.status !== "Killed") return { ...timeout, durationMs };
  const hung = timeout.hung === undefined ? undefined : tests.get(timeout.hung);
  const name = hung ? hung.fullName || hung.name : "a test";
  return {
    ...beside,
    statusReason: `${beside.statusReason} (while "${name}" did not end)`,
    durationMs,
  };
}

/**
 * A Timeout under a runner that runs files apart, its hung test known: runs (`run`) the covering tests the runner
 * finishes meanwhile, and a kill among them is the verdict. Otherwise (or elsewhere) the Timeout stands.
 */
export async function besideHung(
  timeout: GremlinResult,
  covering: readonly number[],
  settings: Pick<RunSettings, "separateFileRuns" | "tests">,
  step: { run: (tests: number[]) => Promise<GremlinResult>; onRun: () => void },
): Promise<GremlinResult> {
  if (!settings.separateFileRuns || !timedOut(timeout) || timeout.hung === undefined) return timeout;
  const beside = finishingBeside(covering, timeout.hung, settings.tests);
  if (beside.length === 0) return timeout;
  step.onRun();
  return afterHung(timeout, await step.run(beside), settings.tests);
}
