// Fake timers (jest/vitest/bun `useFakeTimers`): a virtual clock replacing the global timer functions
// and `Date`. The real functions are captured at load, so the harness's own timeouts stay real.

type TimerFn = (...args: unknown[]) => unknown;

const g = globalThis as Record<string, unknown>;
export const realSetTimeout = globalThis.setTimeout;
export const realClearTimeout = globalThis.clearTimeout;
const RealDate = Date;
const realGlobals: Record<string, unknown> = {};
const FAKED = ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate", "Date"];
for (const name of FAKED) realGlobals[name] = g[name];

interface Timer {
  id: number;
  at: number;
  fn: TimerFn;
  args: unknown[];
  interval: number | null;
}

/** Yields to the real event loop once (lets pending promise chains run). */
export function realTick(): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, 0));
}

export class FakeClock {
  now = RealDate.now();
  private timers = new Map<number, Timer>();
  private nextId = 1;
  private installed = false;

  isInstalled(): boolean {
    return this.installed;
  }

  install(options: { now?: number | Date } = {}): void {
    if (options.now !== undefined) this.now = +options.now;
    if (this.installed) return;
    this.installed = true;
    const handle = (id: number) => timerHandle(id, () => this.timers.get(id), (t) => this.reschedule(t));
    g.setTimeout = (fn: TimerFn, ms?: number, ...args: unknown[]) => handle(this.add(fn, ms, args, false));
    g.setInterval = (fn: TimerFn, ms?: number, ...args: unknown[]) => handle(this.add(fn, ms, args, true));
    g.setImmediate = (fn: TimerFn, ...args: unknown[]) => handle(this.add(fn, 0, args, false));
    g.clearTimeout = g.clearInterval = g.clearImmediate = (h: unknown) => {
      if (h !== undefined && h !== null) this.timers.delete(Number(h));
    };
    g.Date = fakeDate(this);
  }

  uninstall(): void {
    if (!this.installed) return;
    this.installed = false;
    for (const name of FAKED) g[name] = realGlobals[name];
    this.timers.clear();
  }

  setSystemTime(time?: number | Date): void {
    this.now = time === undefined ? RealDate.now() : +time;
  }

  count(): number {
    return this.timers.size;
  }

  clear(): void {
    this.timers.clear();
  }

  /** Runs every timer due within `ms`, in time order, then moves the clock to now + ms. */
  advance(ms: number): void {
    const target = this.now + Math.max(0, ms);
    for (let t = this.nextDue(target); t; t = this.nextDue(target)) this.fire(t);
    this.now = target;
  }

  async advanceAsync(ms: number): Promise<void> {
    const target = this.now + Math.max(0, ms);
    await realTick();
    for (let t = this.nextDue(target); t; t = this.nextDue(target)) {
      this.fire(t);
      await realTick();
    }
    this.now = target;
  }

  runAll(limit = 100_000): void {
    for (let i = 0; ; i++) {
      const t = this.nextDue(Infinity);
      if (!t) return;
      if (i >= limit) throw new Error(`Aborting after running ${limit} timers, assuming an infinite loop!`);
      this.fire(t);
    }
  }

  async runAllAsync(limit = 100_000): Promise<void> {
    await realTick();
    for (let i = 0; ; i++) {
      const t = this.nextDue(Infinity);
      if (!t) return;
      if (i >= limit) throw new Error(`Aborting after running ${limit} timers, assuming an infinite loop!`);
      this.fire(t);
      await realTick();
    }
  }

  runOnlyPending(): void {
    const pending = new Set(this.timers.keys());
    for (;;) {
      const t = this.sorted().find((x) => pending.has(x.id));
      if (!t) return;
      pending.delete(t.id);
      this.fire(t);
    }
  }

  advanceToNext(steps = 1): void {
    for (let i = 0; i < steps; i++) {
      const t = this.nextDue(Infinity);
      if (!t) return;
      this.fire(t);
    }
  }

  private add(fn: TimerFn, ms: number | undefined, args: unknown[], repeat: boolean): number {
    if (typeof fn !== "function") throw new TypeError("fake timers: callback must be a function");
    const delay = Math.max(0, Number(ms) || 0);
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.now + delay, fn, args, interval: repeat ? Math.max(1, delay) : null });
    return id;
  }

  private reschedule(t: Timer): void {
    t.at = this.now + (t.interval ?? 0);
  }

  private sorted(): Timer[] {
    return [...this.timers.values()].sort((a, b) => a.at - b.at || a.id - b.id);
  }

  private nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers.values()) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    }
    return best;
  }

  private fire(t: Timer): void {
    if (t.at > this.now) this.now = t.at;
    if (t.interval === null) this.timers.delete(t.id);
    else t.at = this.now + t.interval;
    t.fn(...t.args);
  }
}

/** A Node-like Timeout object that also converts to its numeric id. */
function timerHandle(id: number, get: () => Timer | undefined, refresh: (t: Timer) => void): object {
  return {
    ref() {
      return this;
    },
    unref() {
      return this;
    },
    hasRef: () => true,
    refresh() {
      const t = get();
      if (t) refresh(t);
      return this;
    },
    [Symbol.toPrimitive]: () => id,
  };
}

function fakeDate(clock: FakeClock): DateConstructor {
  function FakeDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(clock.now).toString();
    // @ts-expect-error spreading constructor arguments of the real Date
    return args.length === 0 ? new RealDate(clock.now) : new RealDate(...args);
  }
  FakeDate.prototype = RealDate.prototype;
  FakeDate.now = () => clock.now;
  FakeDate.UTC = RealDate.UTC;
  FakeDate.parse = RealDate.parse;
  return FakeDate as unknown as DateConstructor;
}

export const realNow = (): number => RealDate.now();
