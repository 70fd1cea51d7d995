// In a worker thread: tracks the timers and immediates created while a test run is watched that have
// neither fired nor been cleared, so the worker waits for late timers only when some are left.
// gremlins.worker.ts imports it before the harness: fake timers then restore these wrappers, not the originals.

type Callback = (...args: unknown[]) => unknown;

// Why `unknown` casts: the realm's timer functions are replaced in place, through untyped slots.
const realm = globalThis as unknown as Record<string, unknown>;

/** The realm's own functions, unwrapped: the worker's waits must not count as the tests' timers. */
export const realSetTimeout = globalThis.setTimeout;
export const realSetImmediate = globalThis.setImmediate;

/** Pending counted timers: when each fires next (performance.now() time) and, for intervals, how often. */
const live = new Map<unknown, { at: number; every: number }>();
let watching = false;

/** Starts counting timers the tests create (forgetting any counted before). */
export function watchTimers(): void {
  live.clear();
  watching = true;
}

/** When the first counted timer still pending fires next (performance.now() time); Infinity when none. */
export function nextTimerAt(): number {
  if (!watching) return Number.POSITIVE_INFINITY;
  const now = performance.now();
  let first = Number.POSITIVE_INFINITY;
  for (const { at, every } of live.values()) {
    // An interval that fired already fires again on its period.
    const next = every > 0 && at < now ? at + Math.ceil((now - at) / every) * every : at;
    if (next < first) first = next;
  }
  return first;
}

/** Stops counting; returns how many counted timers are still pending (intervals until cleared). */
export function stopWatchingTimers(): number {
  watching = false;
  const pending = live.size;
  live.clear();
  return pending;
}

/** Copies the original's extra properties (e.g. util.promisify.custom) onto its wrapper. */
function keepProperties(wrapper: Callback, original: Callback): void {
  // The harness reaches the original through this key (harness/timers.ts): its own timers are not counted.
  Object.defineProperty(wrapper, Symbol.for("gremlins.unwrapped"), { value: original });
  for (const key of Reflect.ownKeys(original)) {
    if (key === "length" || key === "name" || key === "prototype" || key === "caller" || key === "arguments") continue;
    const descriptor = Object.getOwnPropertyDescriptor(original, key);
    if (descriptor) {
      try {
        Object.defineProperty(wrapper, key, descriptor);
      } catch {
        // A property the wrapper cannot take is not worth failing the worker for.
      }
    }
  }
  Object.defineProperty(wrapper, "name", { value: original.name });
}

function wrapSet(name: string, repeats: boolean): void {
  const original = realm[name];
  if (typeof original !== "function") return;
  const set = original as Callback;
  const wrapper = function (this: unknown, fn: unknown, ...rest: unknown[]): unknown {
    if (!watching || typeof fn !== "function") return set(fn, ...rest);
    let handle: unknown;
    const callback = function (this: unknown, ...args: unknown[]): unknown {
      if (!repeats) live.delete(handle);
      return (fn as Callback).apply(this, args);
    };
    handle = set(callback, ...rest);
    // Node and browsers clamp a delay below 1 (or not a number) to 1 ms; setImmediate fires next turn.
    const delay = name === "setImmediate" ? 0 : Math.max(1, Number(rest[0]) || 0);
    live.set(handle, { at: performance.now() + delay, every: repeats ? delay : 0 });
    return handle;
  };
  keepProperties(wrapper, set);
  realm[name] = wrapper;
}

function wrapClear(name: string): void {
  const original = realm[name];
  if (typeof original !== "function") return;
  const clear = original as Callback;
  const wrapper = function (this: unknown, handle: unknown): unknown {
    live.delete(handle);
    return clear(handle);
  };
  keepProperties(wrapper, clear);
  realm[name] = wrapper;
}

wrapSet("setTimeout", false);
wrapSet("setInterval", true);
wrapSet("setImmediate", false);
wrapClear("clearTimeout");
wrapClear("clearInterval");
wrapClear("clearImmediate");
