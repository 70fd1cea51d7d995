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

/** The batched verifications of provisional kills (see epochs.ts). */
export interface VerificationStats {
  /** Verification requests, and how many of them found a tainted worker. */
  count: number;
  failed: number;
  /** Kills they covered, and the distinct tests they re-ran. */
  kills: number;
  tests: number;
  durationMs: number;
  /** Provisional kills re-run one by one (after a failed verification or a worker lost before verifying). */
  rerun: number;
}

export interface ThreadStats {
  /** Milliseconds since the executor started, per phase name (first occurrence). */
  phases: Record<string, number>;
  workers: number;
  hitLimits: { min: number; max: number } | null;
  gremlins: GremlinStat[];
  verifications: VerificationStats;
  /** Why the run switched to careful mode (every kill re-checked at once), or null. */
  careful: string | null;
  /** Static gremlins run on a reloaded module graph, and why reloading was given up (null: it was not). */
  /** `partial`: reloads that loaded only the files of the gremlin's tests (each test file has modules of its own). */
  staticReloads?: { reloads: number; partial: number; gaveUp: string | null };
  /** Static kills confirmed together by one clean reload each (static-runs.ts): checks made, kills they covered, checks that failed. */
  staticChecks?: { checks: number; kills: number; failed: number };
  /** Leaking test files reloaded in place before a run (leak-reset.ts): runs that reloaded, files reloaded. */
  leakResets?: { runs: number; files: number };
  /** Kills run again on a fresh worker: their test passed when re-run with the gremlin active (`unrepeated`), or failed without it on a fresh worker (`order`: the files then ran whole). */
  rechecks?: { unrepeated: number; order: number };
  /** Tests and hooks ended before their timeout because nothing could finish them (harness/loop-stuck.ts). */
  endedEarly?: number;
  /** The slot machine's events (machine.ts SlotEvent), counted by type: where a run's extra work went. */
  events?: Record<string, number>;
}

/** Collects ThreadStats; a no-op unless `path` is set. */
export class StatsRecorder {
  private readonly started = performance.now();
  readonly stats: ThreadStats = {
    phases: {},
    workers: 0,
    hitLimits: null,
    gremlins: [],
    verifications: { count: 0, failed: 0, kills: 0, tests: 0, durationMs: 0, rerun: 0 },
    careful: null,
  };

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

  /** One verification of `kills` provisional kills by re-running `tests` distinct tests. */
  verification(kills: number, tests: number, durationMs: number, passed: boolean): void {
    const v = this.stats.verifications;
    v.count++;
    if (!passed) v.failed++;
    v.kills += kills;
    v.tests += tests;
    v.durationMs = Math.round((v.durationMs + durationMs) * 100) / 100;
  }

  /** Provisional kills re-run one by one. */
  rerun(count: number): void {
    this.stats.verifications.rerun += count;
  }

  /** One clean reload checked `kills` held static kills. */
  staticCheck(kills: number, passed: boolean): void {
    const c = (this.stats.staticChecks ??= { checks: 0, kills: 0, failed: 0 });
    c.checks++;
    c.kills += kills;
    if (!passed) c.failed++;
  }

  /** A kill run again on a fresh worker (see ThreadStats.rechecks). */
  recheck(kind: "unrepeated" | "order"): void {
    const r = (this.stats.rechecks ??= { unrepeated: 0, order: 0 });
    r[kind]++;
  }

  /** A run reloaded `files` leaking test files first. */
  leakReset(files: number): void {
    const r = (this.stats.leakResets ??= { runs: 0, files: 0 });
    r.runs++;
    r.files += files;
  }

  /** A run ended `count` tests or hooks before their timeout. */
  endedEarly(count: number): void {
    this.stats.endedEarly = (this.stats.endedEarly ?? 0) + count;
  }

  /** A slot event of `type` happened (see ThreadStats.events). */
  event(type: string): void {
    if (!this.enabled) return;
    const events = (this.stats.events ??= {});
    events[type] = (events[type] ?? 0) + 1;
  }

  /** The run entered careful mode (recorded whether or not statistics are written: the caller may ask). */
  careful(reason: string): void {
    this.stats.careful ??= reason;
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
