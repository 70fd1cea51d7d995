// Pre-booted spare workers (runtime started, harness loaded, test files not yet imported), so a
// replaced worker or a fresh module graph for a static gremlin costs an import, not a cold start.
// Also watches the process's resident memory, because Bun ignores workers' resourceLimits.

import { totalmem } from "node:os";
import { memoryLimitMb } from "../memory.ts";
import { isFailure, ThreadWorker, type Failure } from "./thread-worker.ts";
import type { WorkerSetup } from "./protocol.ts";
import type { Taken as PortTaken, WorkerPort } from "./port.ts";

/**
 * A load with no gremlin active (a replacement, a spare) is the harness's own work and never a gremlin's
 * verdict, but a timeout there left the gremlin waiting for it a RuntimeError. On a loaded machine such an
 * import can take far longer than the baseline's did: it gets at least the baseline's own limit.
 */
export const CLEAN_LOAD_MIN_MS = 120_000;

/** The time limit for importing the test files with gremlin `active` on (0 = none), given the caller's. */
export function loadLimitFor(active: number, askedMs: number): number {
  return active === 0 ? Math.max(askedMs, CLEAN_LOAD_MIN_MS) : askedMs;
}

export type { Loaded } from "./port.ts";
export type Taken = PortTaken<ThreadWorker>;

export class WorkerSupply implements WorkerPort<ThreadWorker> {
  private readonly spares: ThreadWorker[] = [];
  /** Workers importing (or done importing) the test files with no gremlin active, oldest first. */
  private readonly loadedSpares: Promise<Taken>[] = [];
  private loadedTarget: { count: number; timeoutMs: number } | null = null;
  private readonly live = new Set<ThreadWorker>();
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(
    private readonly entry: string | URL,
    private readonly files: string[],
    private spareCount: number,
    /** The project copy the files are in (test ids are relative to it). */
    private readonly root: string,
    /** What the runner's options ask of every worker (preloads, ui, env, conditions). */
    private readonly setup?: WorkerSetup,
  ) {}

  /** Changes how many booted spares `replenish` keeps (and boots up to the new count). */
  setSpares(count: number): void {
    this.spareCount = count;
    this.replenish();
  }

  /** Boots `count` workers now (e.g. before the coordinator's own setup), whatever the spare count. */
  prewarm(count: number): void {
    if (this.closed) return;
    for (let i = 0; i < count; i++) this.spares.push(this.boot());
  }

  private boot(): ThreadWorker {
    const worker = new ThreadWorker(this.entry, this.files, this.root, this.setup);
    this.live.add(worker);
    return worker;
  }

  /** Keeps `spareCount` booted spares around. */
  replenish(): void {
    if (this.closed) return;
    for (let i = this.spares.filter((w) => w.alive).length; i < this.spareCount; i++) this.spares.push(this.boot());
  }

  /** A booted worker whose test files are not imported yet. */
  async take(): Promise<ThreadWorker | Failure> {
    let worker: ThreadWorker | undefined;
    while ((worker = this.spares.shift()) && !worker.alive) this.live.delete(worker);
    if (!worker) {
      // A cold start: from now on keep one spare booted, so the next replacement costs an import only.
      worker = this.boot();
      this.spareCount = Math.max(this.spareCount, 1);
    }
    this.replenish();
    const ready = await worker.ready;
    if (isFailure(ready)) {
      this.release(worker);
      return ready;
    }
    return worker;
  }

  /** Starts importing the test files (no gremlin active) into `count` workers, for takeLoaded(0, …) to hand out. */
  preload(count: number, timeoutMs: number): void {
    for (let i = 0; i < count; i++) this.loadedSpares.push(this.load(0, 0, timeoutMs));
  }

  /** Keeps `count` workers with the test files imported (no gremlin active) ready, topped up as they are taken. */
  keepLoaded(count: number, timeoutMs: number): void {
    this.loadedTarget = { count, timeoutMs };
    this.topUpLoaded();
  }

  private topUpLoaded(): void {
    if (this.closed || !this.loadedTarget) return;
    const { count, timeoutMs } = this.loadedTarget;
    if (this.loadedSpares.length < count) this.preload(count - this.loadedSpares.length, timeoutMs);
  }

  /** A worker with the test files imported while gremlin `active` (0 = none) is switched on. */
  async takeLoaded(active: number, hitLimit: number, timeoutMs: number): Promise<Taken> {
    if (active === 0) {
      queueMicrotask(() => this.topUpLoaded());
      let next: Promise<Taken> | undefined;
      while ((next = this.loadedSpares.shift())) {
        const taken = await next;
        if ("loaded" in taken && taken.worker.alive) return taken;
        if (taken.worker) this.release(taken.worker);
      }
    }
    return this.load(active, hitLimit, timeoutMs);
  }

  private async load(active: number, hitLimit: number, timeoutMs: number): Promise<Taken> {
    const worker = await this.take();
    if (isFailure(worker)) return { worker: null, failure: worker };
    worker.activate(active, hitLimit);
    // With no gremlin active the limit is per test file: a large suite under a slow transform (ts-jest) on a
    // busy machine may take minutes in all, yet a file that never finishes loading is still caught.
    const loaded = await worker.request({ type: "load" }, "loaded", loadLimitFor(active, timeoutMs), active === 0);
    if (isFailure(loaded)) return { worker, failure: loaded };
    return { worker, loaded };
  }

  /** Terminates a worker that is no longer wanted. */
  release(worker: ThreadWorker, failure?: Failure): void {
    worker.terminate(failure);
    this.live.delete(worker);
  }

  /** Terminates the busy workers when the process's RSS grows past `limitMb` (checked every `everyMs`). */
  watchMemory(limitMb: number = defaultMemoryLimitMb(), everyMs = 200): void {
    this.watchdog = setInterval(() => {
      const rssMb = Math.round(process.memoryUsage().rss / 1048576);
      if (rssMb <= limitMb) return;
      for (const worker of this.live) if (worker.busy) this.release(worker, { type: "memory", rssMb });
    }, everyMs);
    this.watchdog.unref?.();
  }

  shutdown(): void {
    this.closed = true;
    clearInterval(this.watchdog);
    for (const worker of this.live) worker.terminate();
    this.live.clear();
    this.spares.length = 0;
    this.loadedSpares.length = 0;
  }
}

/** Half the machine's memory, at most 8 GB (or GREMLINS_MEMORY_LIMIT_MB): the whole gremlins process (all workers) may use this much. */
export function defaultMemoryLimitMb(total: number = totalmem()): number {
  return memoryLimitMb(total);
}
