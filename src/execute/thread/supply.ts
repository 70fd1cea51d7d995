// Pre-booted spare workers (runtime started, harness loaded, test files not yet imported), so a
// replaced worker or a fresh module graph for a static gremlin costs an import, not a cold start.
// Also watches the process's resident memory, because Bun ignores workers' resourceLimits.

import { totalmem } from "node:os";
import type { Reply } from "./protocol.ts";
import { isFailure, ThreadWorker, type Failure } from "./thread-worker.ts";

export type Loaded = Extract<Reply, { type: "loaded" }>;

export class WorkerSupply {
  private readonly spares: ThreadWorker[] = [];
  private readonly live = new Set<ThreadWorker>();
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(
    private readonly entry: string,
    private readonly files: string[],
    private readonly spareCount: number,
  ) {}

  private boot(): ThreadWorker {
    const worker = new ThreadWorker(this.entry, this.files);
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
    worker ??= this.boot();
    this.replenish();
    const ready = await worker.ready;
    if (isFailure(ready)) {
      this.release(worker);
      return ready;
    }
    return worker;
  }

  /** A worker with the test files imported while gremlin `active` (0 = none) is switched on. */
  async takeLoaded(active: number, hitLimit: number, timeoutMs: number): Promise<{ worker: ThreadWorker; loaded: Loaded } | { worker: ThreadWorker | null; failure: Failure }> {
    const worker = await this.take();
    if (isFailure(worker)) return { worker: null, failure: worker };
    worker.activate(active, hitLimit);
    const loaded = await worker.request({ type: "load" }, "loaded", timeoutMs);
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
  }
}

/** Half the machine's memory, at most 8 GB: the whole gremlins process (all workers) may use this much. */
export function defaultMemoryLimitMb(total: number = totalmem()): number {
  return Math.min(8192, Math.round(total / 1048576 / 2));
}
