// Fake workers for the thread executor's unit tests: a WorkerPort whose workers answer the protocol's
// requests from a scripted world (which test passes, fails, crashes, loops or hangs under which gremlin,
// and what a worker remembers between runs), with no thread started.

import type { Loaded, PortWorker, Taken, WorkerPort } from "../../../../src/execute/thread/port.ts";
import type { Reply, Request, WorkerTestResult } from "../../../../src/execute/thread/protocol.ts";
import type { RunSettings } from "../../../../src/execute/thread/run-gremlin.ts";
import type { ReplyOrFailure } from "../../../../src/execute/thread/thread-worker.ts";
import { Units } from "../../../../src/execute/thread/units.ts";

/**
 * What a test does: pass; fail; crash (the worker dies: an internal error); exit (the test calls
 * process.exit(1)); loop (its gremlin's site is reached past the hit limit, then it fails); hang (the
 * time limit ends the request and the worker).
 */
export type Act = "pass" | "fail" | "crash" | "exit" | "loop" | "hang";

export interface World {
  /** Test `test` run with gremlin `gremlin` active (0 = none) on `worker`. Default: pass. */
  test?(gremlin: number, test: number, worker: FakeWorker): Act;
  /** A run request is refused: reloading the leaking test files cannot reset `worker` (why), or null. */
  stale?(gremlin: number, worker: FakeWorker): string | null;
  /** Importing (or reloading) the test files with `gremlin` active: an import error, "crash", "loop" (past the hit limit), or null. */
  load?(gremlin: number, worker: FakeWorker): string | null;
  /** A reload request is refused: the worker cannot give a fresh graph (why), or null. */
  reloadStale?(gremlin: number, worker: FakeWorker): string | null;
  /** The test files can be reloaded in place (static gremlins on a kept worker). Default: false. */
  reloadable?: boolean;
}

/** A recorded request: which worker, which gremlin was active, what it asked. */
export interface Sent {
  worker: number;
  gremlin: number;
  type: Request["type"];
  tests: number[];
  recheck: boolean;
}

export class FakeWorker implements PortWorker {
  alive = true;
  readonly fatal: string[] = [];
  /** What earlier runs left behind in this worker (a world's taint). */
  readonly memory = new Set<string>();
  active = 0;
  hitLimit = 0;
  private hits = 0;

  constructor(
    readonly id: number,
    private readonly world: World,
    private readonly sent: Sent[],
  ) {}

  activate(gremlin: number, hitLimit: number): void {
    this.active = gremlin;
    this.hitLimit = gremlin === 0 ? 0 : hitLimit;
    this.hits = 0;
  }

  activeHits(): number {
    return this.hits;
  }

  hitLimitExceeded(): boolean {
    return this.hitLimit > 0 && this.hits > this.hitLimit;
  }

  async request<T extends Reply["type"]>(
    request: Request,
    _expect: T,
    timeoutMs: number,
  ): Promise<ReplyOrFailure<Extract<Reply, { type: T }>>> {
    // Narrowing a generic reply type is beyond TypeScript: the fake answers the request it was sent.
    return (await this.answer(request, timeoutMs)) as ReplyOrFailure<Extract<Reply, { type: T }>>;
  }

  private async answer(request: Request, timeoutMs: number): Promise<ReplyOrFailure<Reply>> {
    await Promise.resolve(); // a reply comes later, as from a thread
    if (!this.alive) return { type: "exit", error: "worker is gone" };
    const tests = request.type === "run" ? request.indices : [];
    const recheck = request.type === "run" && request.recheck === true;
    this.sent.push({ worker: this.id, gremlin: this.active, type: request.type, tests, recheck });
    if (request.type === "load" || request.type === "reload") return this.load(request.type === "reload");
    if (request.type !== "run") return { type: "exit", error: `unexpected ${request.type}` };
    const ran = { type: "ran" as const, reached: [], outside: [], hits: [] };
    const stale = this.world.stale?.(this.active, this) ?? null;
    if (stale !== null) return { ...ran, results: [], stale };
    const results: WorkerTestResult[] = [];
    for (const test of request.indices) {
      const act = this.world.test?.(this.active, test, this) ?? "pass";
      if (act === "crash") return this.die("RangeError: internal error");
      if (act === "exit") return this.die("worker exited with code 1");
      if (act === "hang") {
        this.alive = false;
        return { type: "timeout", afterMs: timeoutMs, test };
      }
      if (act === "loop") this.hits = this.hitLimit + 1;
      results.push({ index: test, status: act === "pass" ? "passed" : "failed", durationMs: 1 });
      if (act !== "pass" && request.bail) break;
    }
    const failed = results.find((r) => r.status === "failed");
    if (!failed || this.active === 0) return { ...ran, results };
    // As the worker does: the failing test once more with the gremlin still active, then without it.
    const reproduced =
      request.reproduce === true
        ? (this.world.test?.(this.active, failed.index, this) ?? "pass") !== "pass"
        : undefined;
    const again = recheck ? (this.world.test?.(0, failed.index, this) ?? "pass") : undefined;
    return {
      ...ran,
      results,
      ...(reproduced === undefined ? {} : { reproduced }),
      ...(again === undefined ? {} : { recheck: { index: failed.index, passed: again === "pass" } }),
    };
  }

  private load(reload: boolean): ReplyOrFailure<Reply> {
    const error = this.world.load?.(this.active, this) ?? null;
    if (error === "crash") return this.die("RangeError: internal error");
    const stale = reload ? (this.world.reloadStale?.(this.active, this) ?? null) : null;
    const reloadable = this.world.reloadable === true;
    if (stale !== null) return loaded({ stale }, reloadable);
    if (this.active !== 0) this.hits = 1; // a static gremlin's site runs while the files load
    if (error === "loop") {
      // The site is reached past the hit limit while the files load: the helper's throw fails the import.
      this.hits = this.hitLimit + 1;
      return loaded({ error: "Error: hit limit reached" }, reloadable);
    }
    return loaded(error === null ? {} : { error }, reloadable);
  }

  private die(error: string): ReplyOrFailure<Reply> {
    this.alive = false;
    return { type: "exit", error };
  }
}

export function loaded(extra: Partial<Loaded> = {}, reloadable = false): Loaded {
  return {
    type: "loaded",
    tests: TESTS.map((index) => test(index)),
    staticReached: [],
    unsupported: [],
    reloadable,
    durationMs: 1,
    ...extra,
  };
}

/** The fake suite's tests: indices 0–3. */
export const TESTS = [0, 1, 2, 3];

function test(index: number) {
  return { index, id: `t${index}`, name: `t${index}`, fullName: `t${index}`, file: "t.test.js", skipped: false };
}

/** A port over fake workers: every worker it made, released, and the requests they were sent. */
export class FakePort implements WorkerPort<FakeWorker> {
  readonly made: FakeWorker[] = [];
  readonly released: FakeWorker[] = [];
  readonly sent: Sent[] = [];
  /** Loaded spares the port can still hand out (Infinity: never runs out). */
  spares = Number.POSITIVE_INFINITY;

  constructor(private readonly world: World = {}) {}

  /** A worker made outside the port (the baseline's). */
  worker(): FakeWorker {
    const worker = new FakeWorker(this.made.length, this.world, this.sent);
    this.made.push(worker);
    return worker;
  }

  async takeLoaded(active: number, hitLimit: number, timeoutMs: number): Promise<Taken<FakeWorker>> {
    if (this.spares <= 0) return { worker: null, failure: { type: "exit", error: "no spare could start" } };
    this.spares--;
    const worker = this.worker();
    worker.activate(active, hitLimit);
    const reply = await worker.request({ type: "load" }, "loaded", timeoutMs);
    if (reply.type !== "loaded") return { worker, failure: reply };
    return { worker, loaded: reply };
  }

  release(worker: FakeWorker): void {
    worker.alive = false;
    this.released.push(worker);
  }

  replenish(): void {}

  /** The gremlins run with requests of `type`, in order. */
  runs(type: Request["type"] = "run"): number[] {
    return this.sent.filter((s) => s.type === type).map((s) => s.gremlin);
  }
}

/** Settings for the fake suite: every test 1 ms, hit limit `derived` per gremlin under a ceiling of `ceiling`. */
export function fakeSettings(derived = 1000, ceiling = 1000): RunSettings {
  const tests = new Map(TESTS.map((index) => [index, test(index)]));
  return {
    tests,
    units: new Units(tests),
    durations: new Map(TESTS.map((index) => [index, 1])),
    hitLimitFor: () => derived,
    hitLimitCeiling: ceiling,
    testTimeoutMs: 1000,
    limitFor: () => 1000,
    loadLimitMs: 1000,
    testTimeoutFails: false,
  };
}
