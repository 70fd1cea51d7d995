// The `jest` and `vi` objects: mocks, spies, fake timers and stubs. Module mocking cannot be done
// after the modules were imported, so those calls only report why the harness cannot run the file.

import type { FakeClock } from "./timers.ts";
import type { TrackedMocker } from "./mocks.ts";
import type { Registry } from "./registry.ts";
import { realNow, realSetTimeout } from "./timers.ts";

type AnyFn = (...args: unknown[]) => unknown;

const JEST_MODULE_MOCKING = [
  "mock", "doMock", "unmock", "dontMock", "deepUnmock", "requireActual", "requireMock",
  "createMockFromModule", "genMockFromModule", "resetModules", "isolateModules", "isolateModulesAsync",
  "unstable_mockModule", "unstable_unmockModule", "setMock", "enableAutomock", "disableAutomock", "retryTimes",
];
const VI_MODULE_MOCKING = [
  "mock", "doMock", "unmock", "doUnmock", "importActual", "importMock", "resetModules", "mockObject",
  "dynamicImportSettled", "setConfig", "resetConfig",
];

export interface JestObjectDeps {
  registry: Registry;
  mocks: TrackedMocker;
  clock: FakeClock;
}

/** Wraps an API object so unknown properties are reported instead of failing obscurely. */
export function guardApi<T extends object>(registry: Registry, name: string, api: T): T {
  return new Proxy(api, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && !(prop in target) && prop !== "then" && prop !== "toJSON") {
        registry.unsupported(`${name}.${prop}`);
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

function timerApi(clock: FakeClock, self: () => object): Record<string, AnyFn> {
  return {
    useFakeTimers: (config?: unknown) => {
      const now = (config as { now?: number | Date } | undefined)?.now;
      clock.install(now === undefined ? {} : { now });
      return self();
    },
    useRealTimers: () => (clock.uninstall(), self()),
    advanceTimersByTime: (ms: unknown) => (clock.advance(Number(ms)), self()),
    advanceTimersByTimeAsync: async (ms: unknown) => (await clock.advanceAsync(Number(ms)), self()),
    advanceTimersToNextTimer: (steps: unknown) => (clock.advanceToNext(steps === undefined ? 1 : Number(steps)), self()),
    advanceTimersToNextTimerAsync: async (steps: unknown) => (clock.advanceToNext(steps === undefined ? 1 : Number(steps)), self()),
    runAllTimers: () => (clock.runAll(), self()),
    runAllTimersAsync: async () => (await clock.runAllAsync(), self()),
    runOnlyPendingTimers: () => (clock.runOnlyPending(), self()),
    runOnlyPendingTimersAsync: async () => (clock.runOnlyPending(), self()),
    runAllTicks: () => self(),
    clearAllTimers: () => (clock.clear(), self()),
    getTimerCount: () => clock.count(),
    setSystemTime: (t: unknown) => (clock.setSystemTime(t as number | Date | undefined), self()),
    getRealSystemTime: () => realNow(),
    now: () => (clock.isInstalled() ? clock.now : realNow()),
    isFakeTimers: () => clock.isInstalled(),
    getMockedSystemTime: () => (clock.isInstalled() ? new Date(clock.now) : null),
  };
}

function mockApi(deps: JestObjectDeps): Record<string, unknown> {
  const { mocker } = deps.mocks;
  return {
    fn: deps.mocks.fn,
    spyOn: deps.mocks.spyOn,
    replaceProperty: deps.mocks.replaceProperty,
    mocked: (x: unknown) => x,
    isMockFunction: (x: unknown) => mocker.isMockFunction(x),
    clearAllMocks: () => mocker.clearAllMocks(),
    resetAllMocks: () => mocker.resetAllMocks(),
    restoreAllMocks: () => mocker.restoreAllMocks(),
  };
}

function unsupportedCalls(registry: Registry, prefix: string, names: string[], self: () => object) {
  return Object.fromEntries(
    names.map((n) => [
      n,
      () => {
        registry.unsupported(`${prefix}.${n}()`);
        return self();
      },
    ]),
  );
}

export function createJestObject(deps: JestObjectDeps): object {
  const self = () => jest;
  const api = {
    ...mockApi(deps),
    ...timerApi(deps.clock, self),
    ...unsupportedCalls(deps.registry, "jest", JEST_MODULE_MOCKING, self),
    setTimeout: (ms: number) => {
      if (deps.registry.loading) deps.registry.currentSuite().timeoutMs = ms;
      return jest;
    },
    getSeed: () => 0,
    isEnvironmentTornDown: () => false,
  };
  const jest: object = guardApi(deps.registry, "jest", api);
  return jest;
}

export function createViObject(deps: JestObjectDeps): object {
  const self = () => vi;
  const stubbed = new Map<string, PropertyDescriptor | undefined>();
  const envs = new Map<string, string | undefined>();
  const g = globalThis as Record<string, unknown>;
  const api = {
    ...mockApi(deps),
    ...timerApi(deps.clock, self),
    ...unsupportedCalls(deps.registry, "vi", VI_MODULE_MOCKING, self),
    hoisted: (fn: AnyFn) => fn(),
    stubGlobal: (name: string, value: unknown) => {
      if (!stubbed.has(name)) stubbed.set(name, Object.getOwnPropertyDescriptor(g, name));
      Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: true });
      return vi;
    },
    unstubAllGlobals: () => {
      for (const [name, desc] of stubbed) {
        if (desc) Object.defineProperty(g, name, desc);
        else delete g[name];
      }
      stubbed.clear();
      return vi;
    },
    stubEnv: (name: string, value: string | undefined) => {
      if (!envs.has(name)) envs.set(name, process.env[name]);
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
      return vi;
    },
    unstubAllEnvs: () => {
      for (const [name, value] of envs) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      envs.clear();
      return vi;
    },
    waitFor: (fn: AnyFn, options?: number | { timeout?: number; interval?: number }) =>
      waitFor(fn, options, false),
    waitUntil: (fn: AnyFn, options?: number | { timeout?: number; interval?: number }) =>
      waitFor(fn, options, true),
  };
  const vi: object = guardApi(deps.registry, "vi", api);
  return vi;
}

/** vi.waitFor (until the callback stops throwing) / vi.waitUntil (until it returns truthy). */
async function waitFor(
  fn: AnyFn,
  options: number | { timeout?: number; interval?: number } | undefined,
  untilTruthy: boolean,
): Promise<unknown> {
  const timeout = typeof options === "number" ? options : (options?.timeout ?? 1000);
  const interval = typeof options === "number" ? 50 : (options?.interval ?? 50);
  const deadline = realNow() + timeout;
  let lastError: unknown = new Error("waitUntil timed out");
  for (;;) {
    try {
      const value = await fn();
      if (!untilTruthy || value) return value;
    } catch (error) {
      lastError = error;
      if (untilTruthy) throw error;
    }
    if (realNow() >= deadline) throw lastError;
    await new Promise((r) => realSetTimeout(r, interval));
  }
}
