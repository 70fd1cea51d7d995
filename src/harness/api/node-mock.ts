// node:test's MockTracker (`mock.fn`, `mock.method`, `mock.getter/setter`, `mock.timers`) with
// node's call records (`fn.mock.calls[i].arguments`, `callCount()`, `mockImplementationOnce`).

import type { Registry } from "../registry.ts";
import type { FakeClock } from "../timers.ts";

type AnyFn = (...args: unknown[]) => unknown;

interface Call {
  arguments: unknown[];
  result: unknown;
  error: unknown;
  stack: Error;
  target: unknown;
  this: unknown;
}

export interface MockContext {
  calls: Call[];
  callCount(): number;
  mockImplementation(fn: AnyFn): void;
  mockImplementationOnce(fn: AnyFn, onCall?: number): void;
  resetCalls(): void;
  restore(): void;
}

function mockFunction(original: AnyFn, implementation: AnyFn, times: number, restore: () => void) {
  let impl = implementation;
  const once = new Map<number, AnyFn>();
  const context: MockContext = {
    calls: [],
    callCount: () => context.calls.length,
    mockImplementation: (fn) => void (impl = fn),
    mockImplementationOnce: (fn, onCall) => void once.set(onCall ?? context.calls.length, fn),
    resetCalls: () => void (context.calls = []),
    restore,
  };
  const mock = function (this: unknown, ...args: unknown[]): unknown {
    const n = context.calls.length;
    const chosen = once.get(n) ?? (n < times ? impl : original);
    once.delete(n);
    const call: Call = {
      arguments: args,
      result: undefined,
      error: undefined,
      stack: new Error(),
      target: new.target,
      this: this,
    };
    try {
      call.result = new.target ? Reflect.construct(chosen, args, new.target) : chosen.apply(this, args);
      return call.result;
    } catch (error) {
      call.error = error;
      throw error;
    } finally {
      context.calls.push(call);
    }
  };
  Object.defineProperty(mock, "mock", { value: context, enumerable: false });
  Object.defineProperty(mock, "name", { value: original.name || "mock" });
  return mock as AnyFn & { mock: MockContext };
}

const noop: AnyFn = () => undefined;

export class NodeMockTracker {
  private readonly restorers: (() => void)[] = [];
  private readonly contexts: MockContext[] = [];
  readonly timers: Record<string, unknown>;

  constructor(
    private readonly registry: Registry,
    clock: FakeClock,
  ) {
    this.timers = {
      enable: (options?: { now?: number | Date }) =>
        clock.install(options?.now === undefined ? {} : { now: options.now }),
      reset: () => clock.uninstall(),
      tick: (ms = 1) => clock.advance(ms),
      runAll: () => clock.runAll(),
      setTime: (ms: number) => clock.setSystemTime(ms),
      [Symbol.dispose]: () => clock.uninstall(),
    };
    this.restorers.push(() => clock.uninstall());
  }

  fn(original?: AnyFn, implementation?: AnyFn | { times?: number }, options?: { times?: number }) {
    const orig = typeof original === "function" ? original : noop;
    let impl = orig;
    if (typeof implementation === "function") impl = implementation;
    else if (implementation && typeof implementation === "object") options = implementation;
    const m = mockFunction(orig, impl, options?.times ?? Infinity, () => {});
    this.contexts.push(m.mock);
    return m;
  }

  method(object: object, name: PropertyKey, implementation?: AnyFn | object, options?: Record<string, unknown>) {
    if (implementation && typeof implementation === "object")
      [options, implementation] = [implementation as Record<string, unknown>, undefined];
    const target = object as Record<PropertyKey, unknown>;
    const accessor = options?.getter ? "get" : options?.setter ? "set" : undefined;
    let owner: object | null = object;
    let desc: PropertyDescriptor | undefined;
    while (owner && !(desc = Object.getOwnPropertyDescriptor(owner, name))) owner = Object.getPrototypeOf(owner);
    if (!desc) throw new TypeError(`mock.method: ${String(name)} does not exist`);
    const own = Object.getOwnPropertyDescriptor(object, name);
    const original = (accessor ? desc[accessor] : desc.value) as AnyFn;
    if (typeof original !== "function") throw new TypeError(`mock.method: ${String(name)} is not a function`);
    const restore = () => {
      if (own) Object.defineProperty(object, name, own);
      else delete target[name];
    };
    const m = mockFunction(
      original,
      (implementation as AnyFn | undefined) ?? original,
      Number(options?.times ?? Infinity),
      restore,
    );
    const replacement: PropertyDescriptor = accessor
      ? { ...desc, [accessor]: m, configurable: true }
      : { value: m, writable: true, configurable: true, enumerable: desc.enumerable };
    Object.defineProperty(object, name, replacement);
    this.restorers.push(restore);
    this.contexts.push(m.mock);
    return m;
  }

  getter(object: object, name: PropertyKey, implementation?: AnyFn, options?: Record<string, unknown>) {
    return this.method(object, name, implementation, { ...options, getter: true });
  }

  setter(object: object, name: PropertyKey, implementation?: AnyFn, options?: Record<string, unknown>) {
    return this.method(object, name, implementation, { ...options, setter: true });
  }

  module(specifier: string): never {
    this.registry.unsupported(`mock.module("${specifier}")`);
    throw new Error("mock.module() is not supported by the gremlins harness");
  }

  /** Forgets recorded calls (replays start from a clean record). */
  resetCalls(): void {
    for (const c of this.contexts) c.resetCalls();
  }

  restoreAll(): void {
    for (let i = this.restorers.length - 1; i >= 0; i--) this.restorers[i]!();
    this.restorers.length = 1;
  }

  reset(): void {
    this.restoreAll();
    this.contexts.length = 0;
  }
}
