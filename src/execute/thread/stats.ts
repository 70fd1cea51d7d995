// Timing facts of one thread-executor run (phases, and per gremlin the baseline time of the tests it
// ran), written as JSON to the file named by GREMLINS_THREAD_STATS when set — read by scripts/bench-thread.ts.

import { writeFileSync } from "node:fs";

export interface GremlinStat {
  index: number;
  status: string;
  static: boolean;
  testsRun: number;
  /** Sum of the baseline durations of the tests this gremlin's run executed. */
  testMs: number;
  durationMs: number;
}

export interface ThreadStats {
  /** Milliseconds since the executor started, per phase name (first occurrence). */
  phases: Record<string, number>;
  workers: number;
  hitLimits: { min: number; max: number } | null;
  gremlins: GremlinStat[];
}

/** Collects ThreadStats; a no-op unless `path` is set. */
export class StatsRecorder {
  private readonly started = performance.now();
  readonly stats: ThreadStats = { phases: {}, workers: 0, hitLimits: null, gremlins: [] };

  constructor(private readonly path: string | undefined = process.env.GREMLINS_THREAD_STATS) {}

  get enabled(): boolean {
    return this.path !== undefined && this.path !== "";
  }

  mark(phase: string): void {
    if (this.enabled) this.stats.phases[phase] ??= Math.round((performance.now() - this.started) * 10) / 10;
  }

  gremlin(stat: GremlinStat): void {
    if (this.enabled) this.stats.gremlins.push(stat);
  }

  write(): void {
    if (!this.enabled) return;
    try {
      writeFileSync(this.path as string, JSON.stringify(this.stats));
    } catch {
      // Best effort: statistics never fail a run.
    }
  }
}
