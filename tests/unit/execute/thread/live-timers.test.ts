// The worker's count of pending timers created during a watched run: a timer or immediate counts until
// it fires or is cleared, an interval until cleared; outside a watch nothing counts; wrappers keep the
// originals' behaviour (this, arguments, util.promisify). Importing the module wraps this realm's timers.
import { describe, expect, test } from "bun:test";
import { promisify } from "node:util";
import {
  realSetImmediate,
  realSetTimeout,
  stopWatchingTimers,
  watchTimers,
} from "../../../../src/execute/thread/live-timers.ts";

const tick = (ms = 5): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, ms));
const nextImmediate = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

describe("live timers", () => {
  test("a zero-delay timer counts until it fires", async () => {
    watchTimers();
    let fired = 0;
    setTimeout(() => fired++, 0);
    expect(stopWatchingTimers()).toBe(1);
    watchTimers();
    setTimeout((a: number, b: number) => (fired += a + b), 0, 2, 3);
    await tick();
    expect(fired).toBe(6);
    expect(stopWatchingTimers()).toBe(0);
  });

  test("a cleared timer, interval or immediate does not count", () => {
    watchTimers();
    clearTimeout(setTimeout(() => {}, 0));
    clearInterval(setInterval(() => {}, 1));
    clearImmediate(setImmediate(() => {}));
    expect(stopWatchingTimers()).toBe(0);
  });

  test("an immediate counts until it runs; an interval until it is cleared", async () => {
    watchTimers();
    let runs = 0;
    setImmediate(() => runs++);
    const interval = setInterval(() => runs++, 1);
    await tick(10);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(stopWatchingTimers()).toBe(1);
    clearInterval(interval);
  });

  test("timers created outside a watch, and the worker's own waits, are not counted", async () => {
    const early = setTimeout(() => {}, 50);
    watchTimers();
    const own = nextImmediate();
    expect(stopWatchingTimers()).toBe(0);
    await own;
    clearTimeout(early);
  });

  test("a timer created by a callback during the watch counts", async () => {
    watchTimers();
    await Promise.resolve().then(() => setTimeout(() => {}, 0));
    expect(stopWatchingTimers()).toBe(1);
    await tick();
  });

  test("the wrappers pass `this`-free calls through and keep util.promisify working", async () => {
    watchTimers();
    const value = await promisify(setTimeout)(1, "done");
    expect(value).toBe("done");
    stopWatchingTimers();
    expect(setTimeout.name).toBe("setTimeout");
  });
});
