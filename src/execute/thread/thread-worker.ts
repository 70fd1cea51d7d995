// The coordinator's handle on one worker thread: its own shared-memory switch, request/reply with a
// wall-clock limit (the worker is terminated when it is exceeded), and the errors no test owned.

import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { SWITCH_ACTIVE, SWITCH_HIT_LIMIT, SWITCH_HITS, SWITCH_LENGTH, SWITCH_TEST } from "../../instrument/runtime.ts";
import type { Reply, Request, WorkerInit, WorkerSetup } from "./protocol.ts";
import { conditionArgv } from "./worker-setup.ts";

/** Why a request produced no reply. */
export type Failure =
  | { type: "timeout"; afterMs: number; test?: number }
  | { type: "exit"; error: string }
  | { type: "memory"; rssMb: number };

/** A reply of the worker, or why none came. */
export type ReplyOrFailure<T> = T | Failure;

/** Old-generation heap cap per worker (honoured by Node and Deno; Bun ignores it, the pool watches RSS). */
export const WORKER_HEAP_MB = 2048;
/**
 * Stack per worker: about a main thread's (V8's default, ~1 MB), as the spawn executor's processes have.
 * Node gives workers 4 MB by default: 4× deeper recursion before a RangeError, and a gremlin that recurses
 * without end (building a longer string at each level) then ran into the time limit instead of failing
 * its test at once. Bun ignores it (its workers' stacks are already close to its main thread's). Deno is not
 * given it: there it sizes the worker's native thread, not V8's limit, so endless recursion overflowed the
 * thread and aborted the whole process ("has overflowed its stack"); its default already matches a main thread's.
 */
export const WORKER_STACK_MB = 1.15;

/** The workers' resource limits in this runtime (see WORKER_STACK_MB for why Deno gets no stack size). */
export function workerLimits(runtime = globalThis as { Deno?: unknown }): {
  maxOldGenerationSizeMb: number;
  stackSizeMb?: number;
} {
  return runtime.Deno === undefined
    ? { maxOldGenerationSizeMb: WORKER_HEAP_MB, stackSizeMb: WORKER_STACK_MB }
    : { maxOldGenerationSizeMb: WORKER_HEAP_MB };
}

// Set by build.ts in built layouts (undefined when running from source): worker source path → URL
// relative to the main bundle, and which layout ("binary" | "npm").
declare const __GREMLINS_WORKERS__: Record<string, string> | undefined;
declare const __GREMLINS_LAYOUT__: string | undefined;

/** The worker entry's source path, the key of `__GREMLINS_WORKERS__`. */
export const WORKER_SOURCE = "src/execute/thread/gremlins.worker.ts";

/**
 * Where the worker entry lives. Built (the compiled binary embeds it, the npm bundle ships it beside
 * dist/gremlins.mjs): the URL build.ts recorded in `__GREMLINS_WORKERS__`, relative to the bundle.
 * From source: `./gremlins.worker.ts` next to this module. `workers` is for tests.
 */
export function workerEntry(
  here: string = import.meta.url,
  workers: Record<string, string> | undefined = builtWorkers(),
): string | URL {
  const mapped = workers?.[WORKER_SOURCE];
  if (mapped !== undefined) return new URL(mapped, here);
  return fileURLToPath(new URL("./gremlins.worker.ts", here));
}

/** The build-time worker map, or undefined from source. */
export function builtWorkers(): Record<string, string> | undefined {
  return typeof __GREMLINS_WORKERS__ === "object" ? __GREMLINS_WORKERS__ : undefined;
}

/** "binary", "npm" or "source". */
export function layout(): string {
  return typeof __GREMLINS_LAYOUT__ === "string" ? __GREMLINS_LAYOUT__ : "source";
}

export class ThreadWorker {
  readonly switch: Int32Array;
  readonly ready: Promise<ReplyOrFailure<{ type: "ready" }>>;
  /** Errors that happened outside any reply (unhandled rejections, uncaught exceptions). */
  readonly fatal: string[] = [];
  private readonly worker: Worker;
  private pending: ((reply: ReplyOrFailure<Reply>) => void) | null = null;
  /** The pending request's hook for `progress` messages. */
  private onProgress: (() => void) | null = null;
  private exitError: string | null = null;
  private dead = false;
  /** Number of requests answered (a fresh worker has served none). */
  served = 0;

  constructor(entry: string | URL, files: string[], root: string, setup?: WorkerSetup) {
    const buffer = new SharedArrayBuffer(SWITCH_LENGTH * Int32Array.BYTES_PER_ELEMENT);
    this.switch = new Int32Array(buffer);
    this.switch[SWITCH_TEST] = -1;
    const init: WorkerInit = { switchBuffer: buffer, files, root, ...(setup ? { setup } : {}) };
    // Custom conditions reach Node's resolver through the worker's execArgv (workerSetupFor refuses them under Bun and Deno).
    const execArgv = conditionArgv(setup?.conditions ?? []);
    this.worker = new Worker(entry, {
      workerData: init,
      resourceLimits: workerLimits(),
      stdout: true,
      stderr: true,
      ...(execArgv ? { execArgv } : {}),
    });
    // The tests' own console output must not reach gremlins' stdout (the report): drained and dropped.
    this.worker.stdout?.resume();
    this.worker.stderr?.resume();
    this.worker.unref();
    let resolveReady: (value: ReplyOrFailure<{ type: "ready" }>) => void = () => {};
    this.ready = new Promise((resolve) => (resolveReady = resolve));
    this.worker.on("message", (reply: Reply) => {
      if (reply.type === "ready") return resolveReady(reply);
      if (reply.type === "progress") return this.onProgress?.();
      if (reply.type === "fatal") {
        this.fatal.push(
          `${reply.kind === "unhandled-rejection" ? "unhandled rejection" : "uncaught exception"}: ${reply.error}`,
        );
        return;
      }
      const pending = this.pending;
      this.pending = null;
      this.served++;
      pending?.(reply);
    });
    const onGone = (error: string): void => {
      if (this.dead) return;
      this.dead = true;
      this.exitError = error;
      resolveReady({ type: "exit", error });
      const pending = this.pending;
      this.pending = null;
      pending?.({ type: "exit", error });
    };
    this.worker.on("error", (error) =>
      onGone(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
    );
    this.worker.on("exit", (code) => onGone(`worker exited with code ${code}`));
  }

  get alive(): boolean {
    return !this.dead;
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  /** Sets the active gremlin (0 = none) and its hit limit, and clears the hit count. */
  activate(gremlin: number, hitLimit: number): void {
    Atomics.store(this.switch, SWITCH_HITS, 0);
    Atomics.store(this.switch, SWITCH_HIT_LIMIT, gremlin === 0 ? 0 : hitLimit);
    Atomics.store(this.switch, SWITCH_ACTIVE, gremlin);
  }

  /** How often the active gremlin's site was reached since `activate`. */
  activeHits(): number {
    return Atomics.load(this.switch, SWITCH_HITS);
  }

  /** True when the active gremlin's site was reached more often than its hit limit. */
  hitLimitExceeded(): boolean {
    const limit = Atomics.load(this.switch, SWITCH_HIT_LIMIT);
    return limit > 0 && Atomics.load(this.switch, SWITCH_HITS) > limit;
  }

  /**
   * Sends `request`; resolves with the reply, or a Failure (the worker is then terminated). With
   * `perProgress`, the limit applies between `progress` messages (each test file loaded) instead of to the whole.
   */
  request<T extends Reply["type"]>(
    request: Request,
    expect: T,
    timeoutMs: number,
    perProgress = false,
  ): Promise<ReplyOrFailure<Extract<Reply, { type: T }>>> {
    if (this.dead) return Promise.resolve({ type: "exit", error: this.exitError ?? "worker is gone" });
    if (this.pending) throw new Error("gremlins: a thread worker got a second request while busy");
    return new Promise((resolve) => {
      const expire = (): void => {
        if (!this.pending) return;
        this.pending = null;
        this.onProgress = null;
        // The test that was running (a run request), for the runners that run other files on meanwhile.
        const test = Atomics.load(this.switch, SWITCH_TEST);
        resolve({ type: "timeout", afterMs: timeoutMs, ...(request.type === "run" && test >= 0 ? { test } : {}) });
        this.terminate();
      };
      let timer = Number.isFinite(timeoutMs) ? setTimeout(expire, timeoutMs) : undefined;
      this.onProgress =
        perProgress && timer !== undefined
          ? () => {
              clearTimeout(timer);
              timer = setTimeout(expire, timeoutMs);
            }
          : null;
      this.pending = (reply) => {
        clearTimeout(timer);
        this.onProgress = null;
        if ("type" in reply && reply.type !== expect && !isFailure(reply)) {
          resolve({ type: "exit", error: `unexpected reply ${reply.type} to ${request.type}` });
          return;
        }
        resolve(reply as ReplyOrFailure<Extract<Reply, { type: T }>>);
      };
      this.worker.postMessage(request);
    });
  }

  /** Sends a request that has no reply. */
  notify(request: Request): void {
    if (!this.dead) this.worker.postMessage(request);
  }

  /** Stops the worker; a pending request resolves with `failure` (default: exit). */
  terminate(failure?: Failure): void {
    if (failure && this.pending) {
      const pending = this.pending;
      this.pending = null;
      pending(failure);
    }
    this.dead = true;
    void this.worker.terminate().catch(() => {});
  }
}

export function isFailure(value: object): value is Failure {
  const type = (value as { type?: string }).type;
  return type === "timeout" || type === "exit" || type === "memory";
}
