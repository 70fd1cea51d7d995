// The `jest` and `vi` objects: mocks, spies, fake timers and stubs. vitest's hoisted module mocks are
// prepared before the file loads (src/harness/module-mocks/); the other module-mocking calls cannot be
// done after the modules were imported, so they only report why the harness cannot run the file.

import type { TrackedMocker } from "./mocks.ts";
import { callerFile, requireActualFrom, type ModuleMocks } from "./module-mocks/runtime.ts";
import type { Registry } from "./registry.ts";
import type { Stubs } from "./stubs.ts";
import { ALL_TIMERS, BASIC_TIMERS, type ClockConfig, type FakeClock, VITEST_TIMERS, realNow } from "./timers.ts";
import { waitFor, waitUntil } from "./wait.ts";

type AnyFn = (...args: unknown[]) => unknown;

const JEST_MODULE_MOCKING = [
  "doMock",
  "unmock",
  "dontMock",
  "deepUnmock",
  "requireMock",
  "createMockFromModule",
  "genMockFromModule",
  "resetModules",
  "isolateModules",
  "isolateModulesAsync",
  "unstable_mockModule",
  "unstable_unmockModule",
  "setMock",
  "enableAutomock",
  "disableAutomock",
  "retryTimes",
];
const VI_MODULE_MOCKING = [
  "mock",
  "doMock",
  "unmock",
  "doUnmock",
  "importMock",
  "resetModules",
  "mockObject",
  "dynamicImportSettled",
];

export interface JestObjectDeps {
  registry: Registry;
  mocks: TrackedMocker;
  clock: FakeClock;
  /** vitest's hoisted module mocks (vi.importActual reads the originals through it). */
  moduleMocks?: ModuleMocks;
  /** vi.stubGlobal / vi.stubEnv, undone at the end of each file's tests. */
  stubs: Stubs;
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

/** Whose fake-timer semantics an API object follows. */
export type TimerFlavor = "jest" | "vitest" | "bun";

/** `useFakeTimers(config)` in each runner's terms, as the clock's install options. */
function clockConfig(flavor: TimerFlavor, config: unknown, clock: FakeClock): ClockConfig {
  const c = (config ?? {}) as Record<string, unknown>;
  const now = c.now as number | Date | undefined;
  if (flavor === "jest") {
    if (c.legacyFakeTimers)
      throw new Error("jest.useFakeTimers({ legacyFakeTimers: true }) is not emulated by the gremlins harness");
    const doNotFake = (c.doNotFake as string[] | undefined) ?? [];
    const advance = c.advanceTimers;
    return {
      now: now ?? realNow(),
      toFake: ALL_TIMERS.filter((t) => !doNotFake.includes(t)),
      loopLimit: (c.timerLimit as number | undefined) || 100_000,
      shouldAdvanceTime: Boolean(advance),
      ...(typeof advance === "number" ? { advanceTimeDelta: advance } : {}),
    };
  }
  if (flavor === "vitest") {
    // vitest's default pool runs test files in child processes, where it refuses to fake nextTick.
    if ((c.toFake as string[] | undefined)?.includes("nextTick")) {
      throw new Error(
        'vi.useFakeTimers({ toFake: ["nextTick"] }) is not supported in node:child_process. Use --pool=threads if mocking nextTick is required.',
      );
    }
    return {
      // A date set with setSystemTime before useFakeTimers is where the fake clock starts.
      now: now ?? clock.now,
      toFake: (c.toFake as string[] | undefined) ?? VITEST_TIMERS,
      loopLimit: (c.loopLimit as number | undefined) ?? 10_000,
      shouldAdvanceTime: Boolean(c.shouldAdvanceTime),
      ...(typeof c.advanceTimeDelta === "number" ? { advanceTimeDelta: c.advanceTimeDelta } : {}),
    };
  }
  return { now: now ?? realNow(), toFake: BASIC_TIMERS };
}

function timerApi(clock: FakeClock, self: () => object, flavor: TimerFlavor): Record<string, AnyFn> {
  const steps = (n: unknown) => (n === undefined ? 1 : Number(n));
  return {
    useFakeTimers: (config?: unknown) => (clock.install(clockConfig(flavor, config, clock)), self()),
    useRealTimers: () => (clock.uninstall(), self()),
    advanceTimersByTime: (ms: unknown) => (clock.advance(Number(ms)), self()),
    advanceTimersByTimeAsync: async (ms: unknown) => (await clock.advanceAsync(Number(ms)), self()),
    advanceTimersToNextTimer: (n: unknown) => (clock.advanceToNext(steps(n)), self()),
    advanceTimersToNextTimerAsync: async (n: unknown) => (await clock.advanceToNextAsync(steps(n)), self()),
    runAllTimers: () => (clock.runAll(), self()),
    runAllTimersAsync: async () => (await clock.runAllAsync(), self()),
    runOnlyPendingTimers: () => (clock.runOnlyPending(), self()),
    runOnlyPendingTimersAsync: async () => (await clock.runOnlyPendingAsync(), self()),
    runAllTicks: () => (clock.runMicrotasks(), self()),
    clearAllTimers: () => (clock.clear(), self()),
    getTimerCount: () => clock.count(),
    // Without fake timers vitest (and bun) fake Date alone; jest ignores the call.
    setSystemTime: (t: unknown) => (clock.setSystemTime(t as number | Date | undefined, flavor !== "jest"), self()),
    getRealSystemTime: () => realNow(),
    now: () => (clock.isInstalled() ? clock.now : realNow()),
    isFakeTimers: () => clock.isInstalled(),
    getMockedSystemTime: () => (clock.fakesDate() ? new Date(clock.now) : null),
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

export function createJestObject(deps: JestObjectDeps, flavor: "jest" | "bun" = "jest"): object {
  const self = () => jest;
  const api = {
    ...mockApi(deps),
    ...timerApi(deps.clock, self, flavor),
    ...unsupportedCalls(deps.registry, "jest", JEST_MODULE_MOCKING, self),
    setTimeout: (ms: number) => {
      if (deps.registry.loading) deps.registry.currentSuite().timeoutMs = ms;
      return jest;
    },
    // Hoisted to the top of a test file's own project copy (module-mocks/jest-hoist.ts), which the worker loads.
    mock: (path: string, factory?: () => unknown) => {
      if (flavor !== "jest" || !deps.moduleMocks?.jestRegister(path, factory)) deps.registry.unsupported("jest.mock()");
      return jest;
    },
    requireActual: function requireActual(path: string): unknown {
      if (flavor !== "jest") return deps.registry.unsupported("jest.requireActual()");
      const caller = callerFile(requireActual);
      if (caller === null)
        throw new Error(`jest.requireActual("${path}"): the calling file is unknown to the gremlins harness`);
      return requireActualFrom(caller, path);
    },
    getSeed: () => 0,
    isEnvironmentTornDown: () => false,
  };
  const jest: object = guardApi(deps.registry, "jest", api);
  return jest;
}

export function createViObject(deps: JestObjectDeps, flavor: "vitest" | "bun" = "vitest"): object {
  const self = () => vi;
  const api = {
    ...mockApi(deps),
    ...timerApi(deps.clock, self, flavor),
    ...unsupportedCalls(deps.registry, "vi", VI_MODULE_MOCKING, self),
    hoisted: (fn: AnyFn) => fn(),
    // At a file's top level, as suites use it: the file's test timeout (vitest resets the config per file).
    setConfig: (config: Record<string, unknown>) => {
      const keys = Object.keys(config ?? {});
      if (!deps.registry.loading) deps.registry.unsupported("vi.setConfig() in a test");
      else if (keys.some((k) => k !== "testTimeout")) deps.registry.unsupported(`vi.setConfig({ ${keys.join(", ")} })`);
      else if (typeof config.testTimeout === "number") deps.registry.currentSuite().timeoutMs = config.testTimeout;
      return vi;
    },
    importActual: function importActual(path: string) {
      if (deps.moduleMocks) return deps.moduleMocks.importActual(path, callerFile(importActual));
      deps.registry.unsupported("vi.importActual()");
      return Promise.resolve({});
    },
    stubGlobal: (name: string, value: unknown) => (deps.stubs.stubGlobal(name, value), vi),
    unstubAllGlobals: () => (deps.stubs.unstubAll("global"), vi),
    stubEnv: (name: string, value: string | undefined) => (deps.stubs.stubEnv(name, value), vi),
    unstubAllEnvs: () => (deps.stubs.unstubAll("env"), vi),
    waitFor: (fn: AnyFn, options?: number | { timeout?: number; interval?: number }) =>
      waitFor(fn, options, deps.clock),
    waitUntil: (fn: AnyFn, options?: number | { timeout?: number; interval?: number }) =>
      waitUntil(fn, options, deps.clock),
  };
  const vi: object = guardApi(deps.registry, "vi", api);
  return vi;
}
