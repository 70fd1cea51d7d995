// node:test fails a test or hook whose promise is still pending once the process's event loop has nothing
// left to run, at once, where a worker thread (kept alive by its port) would wait for a time limit. On Node
// the harness asks what keeps the loop alive (process.getActiveResourcesInfo) while such a promise is
// pending; nothing but the worker's own port for DRAIN_MS on end is a drained loop: it fails with node's message.

import { extraResources, loopKnown } from "./loop-alive.ts";
import { realClearInterval, realSetInterval } from "./timers.ts";

/** node:test's error for a test (and every later one) pending when the loop drained. */
export const DRAINED_MESSAGE = "Promise resolution is still pending but the event loop has already resolved";

const POLL_MS = 50;
/** How long nothing must be alive: a worker gets messages (a dynamic import through off-thread hooks) a process would not wait on. */
const DRAIN_MS = 400;

/** Nothing but the worker's own resources keeps the loop alive. */
function drained(): boolean {
  return extraResources().size === 0;
}

/** Unrefs a harness timer: the harness's own limits must not count as something that keeps the loop alive. */
export function unrefTimer(timer: unknown): void {
  (timer as { unref?: () => void } | null)?.unref?.();
}

/** `pending`, or a rejection with node's message if the loop drains while it is pending (on Node). */
export function failOnDrain<T>(pending: Promise<T>): Promise<T> {
  if (!loopKnown()) return pending;
  return new Promise<T>((resolve, reject) => {
    let quietSince: number | null = null;
    const poll = realSetInterval(() => {
      if (!drained()) {
        quietSince = null;
        return;
      }
      const now = performance.now();
      quietSince ??= now;
      if (now - quietSince < DRAIN_MS) return;
      realClearInterval(poll);
      reject(new Error(DRAINED_MESSAGE));
    }, POLL_MS);
    unrefTimer(poll);
    pending.then(
      (value) => {
        realClearInterval(poll);
        resolve(value);
      },
      (error: unknown) => {
        realClearInterval(poll);
        reject(error);
      },
    );
  });
}
