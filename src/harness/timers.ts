// Fake timers (jest/vitest/bun `useFakeTimers`, node:test `mock.timers`) on @sinonjs/fake-timers, the
// clock jest and vitest both use, so ticks, microtasks and the *Async variants behave as theirs do.
// Each API decides what it fakes (jest: everything; vitest: all but nextTick/queueMicrotask). The real
// timer functions are captured at load, so the harness's own timeouts stay real.

import { withGlobal, type Clock as InstalledClock, type Config as FakeTimerInstallOpts } from "@sinonjs/fake-timers";

/** Where a worker's timer-counting wrapper (live-timers.ts) keeps the function it wraps. */
const UNWRAPPED = Symbol.for("gremlins.unwrapped");

/** The realm's own timer function under any counting wrapper: the harness's timers are not the tests'. */
function unwrapped<T>(fn: T): T {
  return ((fn as Record<symbol, unknown>)[UNWRAPPED] as T | undefined) ?? fn;
}

export const realSetTimeout = unwrapped(globalThis.setTimeout);
export const realClearTimeout = unwrapped(globalThis.clearTimeout);
export const realSetInterval = unwrapped(globalThis.setInterval);
export const realClearInterval = unwrapped(globalThis.clearInterval);
const RealDate = Date;
const sinon = withGlobal(globalThis);

/** Everything the clock can fake in this runtime (jest's default). */
export const ALL_TIMERS: readonly string[] = Object.keys(sinon.timers);
/** vitest's default: all but nextTick and queueMicrotask. */
export const VITEST_TIMERS: readonly string[] = ALL_TIMERS.filter((t) => t !== "nextTick" && t !== "queueMicrotask");
/** node:test `mock.timers` and bun:test: the timer functions and Date. */
export const BASIC_TIMERS: readonly string[] = [
  "setTimeout",
  "clearTimeout",
  "setInterval",
  "clearInterval",
  "setImmediate",
  "clearImmediate",
  "Date",
];

export interface ClockConfig {
  now?: number | Date;
  /** Names of the APIs to fake (default BASIC_TIMERS). */
  toFake?: readonly string[];
  /** Timers run before runAll gives up (jest 100,000; sinon and vitest 1,000). */
  loopLimit?: number;
  shouldAdvanceTime?: boolean;
  advanceTimeDelta?: number;
}

/** Yields to the real event loop once (lets pending promise chains run). */
export function realTick(): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, 0));
}

export class FakeClock {
  private clock: InstalledClock | null = null;
  private config: ClockConfig = {};
  /** Only `Date` is faked (vitest's setSystemTime before useFakeTimers). */
  private dateOnly = false;

  isInstalled(): boolean {
    return this.clock !== null && !this.dateOnly;
  }

  /** `Date` is faked (with fake timers, or alone). */
  fakesDate(): boolean {
    return this.clock !== null;
  }

  /** The configuration of the last install (to install the same clock again). */
  lastConfig(): ClockConfig {
    return this.config;
  }

  get now(): number {
    return this.clock ? this.clock.now : RealDate.now();
  }

  /** Fakes the configured APIs (a clock already installed is replaced, as jest and vitest do). */
  install(config: ClockConfig = {}): void {
    const now = config.now ?? (this.dateOnly && this.clock ? this.clock.now : RealDate.now());
    this.uninstall();
    this.config = config;
    const options: FakeTimerInstallOpts = {
      now,
      toFake: [...(config.toFake ?? BASIC_TIMERS)] as FakeTimerInstallOpts["toFake"],
      loopLimit: config.loopLimit ?? 1000,
      shouldAdvanceTime: config.shouldAdvanceTime ?? false,
      ignoreMissingTimers: true,
    };
    if (config.advanceTimeDelta !== undefined) options.advanceTimeDelta = config.advanceTimeDelta;
    this.clock = sinon.install(options);
  }

  uninstall(): void {
    this.clock?.uninstall();
    this.clock = null;
    this.dateOnly = false;
  }

  /** With fake timers: the clock's time. Without: vitest fakes `Date` alone at that time (`fakeDateAlone`), jest ignores it. */
  setSystemTime(time?: number | Date, fakeDateAlone = false): void {
    if (this.isInstalled()) {
      this.clock!.setSystemTime(time ?? RealDate.now());
      return;
    }
    if (!fakeDateAlone) return;
    this.uninstall();
    this.clock = sinon.install({ now: time ?? RealDate.now(), toFake: ["Date"], ignoreMissingTimers: true });
    this.dateOnly = true;
  }

  count(): number {
    return this.isInstalled() ? this.clock!.countTimers() : 0;
  }

  /** Drops every pending timer, keeping the time. */
  clear(): void {
    if (!this.isInstalled()) return;
    const now = this.clock!.now;
    this.clock!.reset();
    this.clock!.setSystemTime(now);
  }

  private get active(): InstalledClock | null {
    return this.isInstalled() ? this.clock : null;
  }

  advance(ms: number): void {
    this.active?.tick(ms);
  }

  async advanceAsync(ms: number): Promise<void> {
    await this.active?.tickAsync(ms);
  }

  runAll(): void {
    this.active?.runAll();
  }

  async runAllAsync(): Promise<void> {
    await this.active?.runAllAsync();
  }

  runOnlyPending(): void {
    this.active?.runToLast();
  }

  async runOnlyPendingAsync(): Promise<void> {
    await this.active?.runToLastAsync();
  }

  /** Runs the next timer (and any due at the same time), `steps` times, stopping when none are left. */
  advanceToNext(steps = 1): void {
    const clock = this.active;
    if (!clock) return;
    for (let i = steps; i > 0; i--) {
      clock.next();
      clock.tick(0);
      if (clock.countTimers() === 0) break;
    }
  }

  async advanceToNextAsync(steps = 1): Promise<void> {
    const clock = this.active;
    if (!clock) return;
    for (let i = steps; i > 0; i--) {
      await clock.nextAsync();
      await clock.tickAsync(0);
      if (clock.countTimers() === 0) break;
    }
  }

  /** Runs the faked nextTick / queueMicrotask callbacks (jest.runAllTicks, vi.runAllTicks). */
  runMicrotasks(): void {
    this.active?.runMicrotasks();
  }
}

export const realNow = (): number => RealDate.now();
