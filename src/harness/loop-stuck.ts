// A pending test that nothing can finish but its timeout ends now, with the error its timeout would give.
// On Node only: while a body with a timer armed is pending, the harness polls what the worker's loop holds.
// "Stuck" means, for QUIET_MS in a row: beyond the worker's own resources there are only listening servers
// and sockets whose both ends are this thread's (a request to an in-thread server that never answers, as
// supertest suites do under a gremlin), no request (fs, dns, zlib, a child) is in flight, no timer the tests
// set fires before the timeout, and the loop ran next to nothing. Nothing can then call back before it.

import { performance } from "node:perf_hooks";
import { extraHandles, extraResources, loopKnown } from "./loop-alive.ts";
import { realClearInterval, realSetInterval } from "./timers.ts";

const POLL_MS = 25;
/**
 * How long the loop must stay stuck before the body is ended. Not less: under a gremlin, body-parser's
 * "should persist store when inflate error" waits 40–70 ms with an idle loop and only in-thread sockets
 * (data sat unread in their kernel queues for part of it) and then passes; a 40 ms window killed it falsely.
 */
const QUIET_MS = 100;
/** Loop time (ms) the polls themselves may take in the quiet window: anything more is someone's work. */
const BUSY_MS = 3;

/** Kinds of resource a stuck loop may hold beyond the worker's own: servers and their sockets. */
const NETWORK = new Set(["TCPServerWrap", "TCPSocketWrap"]);

/** When the first timer the running tests set fires next (live-timers.ts); unset: never stuck. */
let nextTimerAt: (() => number) | null = null;

/** The worker tells the harness when the tests' pending timers fire (those set since the run began). */
export function setTimersProbe(probe: () => number): void {
  nextTimerAt = probe;
}

interface Socketish {
  localPort?: unknown;
  remotePort?: unknown;
  remoteAddress?: unknown;
  address?: unknown;
  listening?: unknown;
}

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/;

/** Some handle beyond the worker's own, and every such one is a listening server or a socket between two ends in this thread. */
function closedNetwork(handles: readonly unknown[]): boolean {
  const ports = new Set<number>();
  const sockets: Socketish[] = [];
  for (const handle of handles) {
    const h = handle as Socketish;
    if (typeof h.address === "function" && h.listening === true && !("remotePort" in h)) {
      const address = (h.address as () => unknown).call(h) as { port?: unknown } | string | null;
      if (address === null || typeof address !== "object" || typeof address.port !== "number") return false;
      ports.add(address.port);
    } else if (typeof h.remoteAddress === "string" && typeof h.remotePort === "number") sockets.push(h);
    else return false;
  }
  // Nothing at all beyond the worker's own is a drained loop: the runner's own rule applies (loop-drain.ts
  // for node:test; the other runners wait for the timeout).
  if (ports.size === 0 && sockets.length === 0) return false;
  // A client's peer is a server here; a server's socket has its server here. Anything else may answer.
  return sockets.every(
    (s) =>
      LOOPBACK.test(s.remoteAddress as string) &&
      (ports.has(s.remotePort as number) || ports.has(s.localPort as number)),
  );
}

/** Beyond the worker's own: only network kinds (no ref'd timer, request, child, watcher…). */
function onlyNetwork(resources: ReadonlyMap<string, number>): boolean {
  for (const name of resources.keys()) if (!NETWORK.has(name)) return false;
  return true;
}

/**
 * Watches a pending body whose own timer fires at `deadline()` (performance.now() time); calls `end` once the
 * loop is stuck. Returns a function that stops watching (call it when the body settles). Does nothing where
 * the facts are not known.
 */
export function endWhenStuck(deadline: () => number, end: () => void): () => void {
  const probe = nextTimerAt;
  if (!loopKnown() || probe === null) return () => {};
  let quietSince: number | null = null;
  let busyAtQuiet = 0;
  const poll = realSetInterval(() => {
    const busy = performance.eventLoopUtilization().active;
    // A timer the tests set that fires before the deadline may still finish the body (ref'd or not).
    const due = deadline();
    const stuck =
      Number.isFinite(due) && probe() > due && onlyNetwork(extraResources()) && closedNetwork(extraHandles());
    if (!stuck) {
      quietSince = null;
      return;
    }
    const now = performance.now();
    if (quietSince === null) {
      quietSince = now;
      busyAtQuiet = busy;
      return;
    }
    if (busy - busyAtQuiet > BUSY_MS) {
      quietSince = now;
      busyAtQuiet = busy;
      return;
    }
    if (now - quietSince < QUIET_MS) return;
    realClearInterval(poll);
    end();
  }, POLL_MS);
  (poll as { unref?: () => void }).unref?.();
  return () => realClearInterval(poll);
}
