// The thread executor's worker port: what it needs of a worker (a switch, request/reply with a time
// limit, the errors no test owned) and of the supply that starts them (loaded spares, release, top-up).
// ThreadWorker and WorkerSupply implement it with real threads; the unit tests with scripted fakes.

import type { Reply, Request } from "./protocol.ts";
import type { Failure, ReplyOrFailure } from "./thread-worker.ts";

/** The reply to a `load` or `reload` request. */
export type Loaded = Extract<Reply, { type: "loaded" }>;

/** One worker as the executor drives it. */
export interface PortWorker {
  /** False once it exited, crashed or was terminated. */
  readonly alive: boolean;
  /** Errors seen outside any reply since the executor last cleared it (unhandled rejections…). */
  readonly fatal: string[];
  /** Sets the active gremlin (0 = none) and its hit limit, and clears the hit count. */
  activate(gremlin: number, hitLimit: number): void;
  /** How often the active gremlin's site was reached since `activate`. */
  activeHits(): number;
  /** The active gremlin's site was reached more often than its hit limit. */
  hitLimitExceeded(): boolean;
  /** Sends `request`; the reply, or why none came (time limit, exit, memory: the worker is then gone). */
  request<T extends Reply["type"]>(
    request: Request,
    expect: T,
    timeoutMs: number,
  ): Promise<ReplyOrFailure<Extract<Reply, { type: T }>>>;
}

/** A worker taken from the supply with the test files imported, or why it could not be had. */
export type Taken<W extends PortWorker> = { worker: W; loaded: Loaded } | { worker: W | null; failure: Failure };

/** Where workers come from and go to. */
export interface WorkerPort<W extends PortWorker> {
  /** A worker that imported the test files with gremlin `active` switched on (0 = none: a loaded spare when one is ready). */
  takeLoaded(active: number, hitLimit: number, timeoutMs: number): Promise<Taken<W>>;
  /** Terminates a worker that is no longer wanted. */
  release(worker: W): void;
  /** Boots spares up to the wanted count. */
  replenish(): void;
}
