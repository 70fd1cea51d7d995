// The clock of the --verify re-check: runs the sampled gremlins on every worker in the sample's order,
// starts none whose estimated end is past the deadline, and stops the runs in flight when the deadline comes.

import type { Outcome } from "../types.ts";
export interface ScheduleInput<T> {
  /** The ids to run, in priority order (Survived first). */
  ids: readonly string[];
  workers: number;
  /** Runs `id` on `worker`; resolves undefined when `stop` ended it before it had a result. */
  run: (id: string, worker: number, stop: AbortSignal) => Promise<T | undefined>;
  /** When the runs must be over (ms on `now`'s clock); Infinity for none. */
  deadline: number;
  /** Aborted when the deadline comes: the runs in flight are killed and no other starts. */
  stop: AbortSignal;
  /** How long `id`'s run is expected to take (ms); null while nothing is known (it may start). */
  estimate: (id: string) => number | null;
  now?: () => number;
}

export interface Scheduled<T> {
  /** The results, by id, in the order they came. */
  done: Map<string, T>;
  /** "complete": every id has a result; "deadline": some were not started (they would have ended past it) or were stopped at it. */
  stopped: "complete" | "deadline";
}

/**
 * Runs `ids` with `workers` runs at a time. A free worker takes the first id still waiting whose estimated
 * end is before the deadline (a cheaper later one when the next would not fit), and stops when none fits.
 */
export async function runScheduled<T>(input: ScheduleInput<T>): Promise<Scheduled<T>> {
  const now = input.now ?? (() => performance.now());
  const waiting = [...input.ids];
  const done = new Map<string, T>();
  const take = (): string | undefined => {
    if (input.stop.aborted) return undefined;
    const left = input.deadline - now();
    const at = waiting.findIndex((id) => {
      const ms = input.estimate(id);
      return ms === null ? left > 0 : ms <= left;
    });
    return at < 0 ? undefined : waiting.splice(at, 1)[0];
  };
  const work = async (worker: number): Promise<void> => {
    for (let id = take(); id !== undefined; id = take()) {
      const result = await input.run(id, worker, input.stop);
      if (result !== undefined) done.set(id, result);
    }
  };
  const count = Math.max(1, Math.min(input.workers, input.ids.length));
  await Promise.all(Array.from({ length: count }, (_, worker) => work(worker)));
  return { done, stopped: done.size === input.ids.length ? "complete" : "deadline" };
}

/**
 * A re-check's expected duration: its test files' time in the thread baseline plus its start-up, the largest
 * time beyond its files' own seen so far (process start, runner load, running beside the other workers).
 */
export class DurationEstimate {
  private startUp: number | null = null;
  constructor(private readonly filesMs: (id: string) => number) {}

  /** The run time beyond the files' own (ms); null before any run was observed. */
  get startUpMs(): number | null {
    return this.startUp;
  }

  estimate(id: string): number | null {
    return this.startUp === null ? null : this.filesMs(id) + this.startUp;
  }

  /**
   * Learns from a finished run. Not from one the time limit ended (a Timeout, or a kill whose command then did not
   * end): its duration is the limit, which would grow the next limits by the factor each time.
   */
  observe(id: string, run: Pick<Outcome, "status" | "durationMs" | "endedByLimit">): void {
    if (run.status === "Timeout" || run.endedByLimit === true || run.durationMs === undefined) return;
    this.startUp = Math.max(this.startUp ?? 0, run.durationMs - this.filesMs(id));
  }
}
