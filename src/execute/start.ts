// Chooses and starts the executor for a run: the thread executor when the built-in harness can run
// the suite (its baseline runs while it starts), else the spawn executor, with the reason.

import type { ExecutorName, Gremlin, Outcome } from "../types.ts";
import { threadCostModel } from "../plan/schedule.ts";
import { KillerMemory } from "../plan/order.ts";
import { formatDuration } from "../report/format.ts";
import { startThreads, type ThreadSession } from "./thread/index.ts";
import { SpawnExecutor, type SpawnExecutorOptions } from "./spawn-executor.ts";
import type { Executor } from "./executor.ts";
import { fileCoverageOf } from "./thread/file-coverage.ts";

export interface StartInput {
  executor: ExecutorName;
  /** The thread executor's settings (it decides whether it can run the suite). */
  thread: Omit<Parameters<typeof startThreads>[0], "executor">;
  /** The spawn executor's settings, used when threads cannot run the suite. */
  spawn: SpawnExecutorOptions;
  /** A gremlin's enclosing function (killers-first ordering). */
  scopeOf: (gremlin: Gremlin) => string | undefined;
}

/** The executor to use, the line that says which one and why, and how the runner's options were read (--verbose). */
export async function startExecutor(
  input: StartInput,
): Promise<{ executor: Executor; line: string | null; notes: string[] }> {
  const threads = await startThreads({ executor: input.executor, ...input.thread });
  if ("session" in threads) {
    const session = threads.session;
    const line = `Executor: thread (${session.framework} tests in the built-in harness${session.leaky ? `; a fresh worker per gremlin because ${session.leaky}` : ""})`;
    return { executor: threadExecutor(session, input), line, notes: session.notes };
  }
  return {
    executor: new SpawnExecutor(input.spawn),
    line: input.executor === "spawn" ? null : `Executor: spawn (${threads.reason})`,
    notes: [],
  };
}

/**
 * `GREMLINS_FLIP_THREAD_VERDICT=<gremlin id>`: a test double for the verification tests, which makes
 * the thread executor report the opposite verdict (Killed ⇄ Survived) for that one gremlin.
 */
function flippedVerdict(): string | null {
  return process.env.GREMLINS_FLIP_THREAD_VERDICT || null;
}

/** The thread session behind the Executor interface (its baseline ran when it started). */
function threadExecutor(session: ThreadSession, input: StartInput): Executor {
  const { timeoutFactor, timeoutMs } = input.thread;
  return {
    name: "thread",
    async baseline() {
      const b = session.baseline;
      return {
        reached: b.reached,
        durationMs: b.loadMs + b.runMs,
        model: threadCostModel(b),
        cached: false,
        flaky: b.unsteady,
      };
    },
    describe() {
      return [
        `Time limit per gremlin: its tests' baseline time × ${timeoutFactor} + ${formatDuration(timeoutMs)} (plus the runner's per-test timeout).`,
      ];
    },
    async execute(request) {
      const flip = flippedVerdict();
      const ordering = {
        testOrder: new KillerMemory(session.baseline.durations, input.scopeOf),
        scopeOf: input.scopeOf,
      };
      if (flip === null) return session.execute({ ...request, ...ordering });
      // The test double of the --verify end-to-end test: one thread verdict deliberately wrong.
      const flipped = (g: Gremlin, o: Outcome): Outcome =>
        g.id === flip
          ? {
              ...o,
              status: o.status === "Killed" ? "Survived" : "Killed",
              statusReason: "flipped by GREMLINS_FLIP_THREAD_VERDICT",
            }
          : o;
      const byId = new Map(request.gremlins.map((g) => [g.id, g]));
      const outcomes = await session.execute({
        ...request,
        ...ordering,
        onOutcome: (g, o) => request.onOutcome?.(g, flipped(g, o)),
      });
      for (const [id, o] of outcomes) outcomes.set(id, flipped(byId.get(id) as Gremlin, o));
      return outcomes;
    },
    fileCoverage() {
      return fileCoverageOf(session.baseline, input.thread.dir);
    },
    tests(outcomes) {
      const tests = new Map<string, { name: string; file?: string }>();
      for (const outcome of outcomes.values()) for (const name of outcome.killedBy ?? []) tests.set(name, { name });
      for (const [id, info] of session.testInfo()) tests.set(id, info);
      return tests;
    },
    releaseSandbox() {
      session.restoreSandbox();
    },
    close() {
      session.close();
    },
  };
}
