// The module namespaces standing in for each framework specifier, and the globals; each namespace
// is built on first use. All share one registry, one expect, one mocker and one fake clock.

import { pathToFileURL } from "node:url";
import { join } from "pathe";
import { createDenoTest } from "./api/deno.ts";
import { createJestStyleApi, type Flavor, type JestStyleApi } from "./api/jest-style.ts";
import { createNodeTestModule } from "./api/node-test.ts";
import { createTapeModule } from "./api/tape.ts";
import { createUvuAssert } from "./api/uvu-assert.ts";
import { createUvuModule } from "./api/uvu.ts";
import { createJestObject, createViObject } from "./jest-object.ts";
import type { TrackedMocker } from "./mocks.ts";
import type { ModuleMocks } from "./module-mocks/runtime.ts";
import type { Registry } from "./registry.ts";
import type { RunPlugin } from "./runner.ts";
import type { Stubs } from "./stubs.ts";
import type { FakeClock } from "./timers.ts";

export const SPECIFIERS = [
  "bun:test",
  "vitest",
  "@jest/globals",
  "node:test",
  "test",
  "mocha",
  "uvu",
  "uvu/assert",
  "tape",
] as const;

export interface ModuleDeps {
  registry: Registry;
  clock: FakeClock;
  mocks: TrackedMocker;
  expect: unknown;
  moduleMocks?: ModuleMocks;
  stubs: Stubs;
  /** The directory test files are registered relative to (Deno.test's `t.origin`). */
  root?: string;
}

/** Not an import specifier: the key of the namespace whose `test` the worker puts at `Deno.test` in Deno suites. */
export const DENO_TEST_KEY = "Deno.test";

type Namespace = Record<string, unknown>;

/** A callable that accepts any chain (expectTypeOf / assertType do nothing at run time). */
const anyChain: unknown = new Proxy(function () {}, { get: () => anyChain, apply: () => anyChain });

export function createModules(deps: ModuleDeps): {
  moduleFor(specifier: string): Namespace | undefined;
  globals(): Namespace;
  plugin: RunPlugin;
} {
  const { registry } = deps;
  const cache = new Map<string, Namespace>();
  const apis = new Map<Flavor, JestStyleApi>();
  const api = (flavor: Flavor) => {
    let a = apis.get(flavor);
    if (!a) apis.set(flavor, (a = createJestStyleApi(registry, flavor, deps.expect)));
    return a;
  };
  let jest: object | undefined;
  let vi: object | undefined;
  let bunJest: object | undefined;
  let bunVi: object | undefined;
  const jestObject = () => (jest ??= createJestObject(deps));
  const viObject = () => (vi ??= createViObject(deps));
  // bun:test's jest/vi objects follow bun's fake timers (timer functions and Date), not jest's or vitest's.
  const bunObjects = () => ({
    jest: (bunJest ??= createJestObject(deps, "bun")),
    vi: (bunVi ??= createViObject(deps, "bun")),
  });
  const unsupportedFn = (what: string) => () => {
    registry.unsupported(what);
  };
  const unsupportedObject = (what: string) =>
    new Proxy(unsupportedFn(what), {
      get(_t, prop) {
        if (typeof prop === "string") registry.unsupported(what);
        return undefined;
      },
    });
  let nodePlugin: RunPlugin = {};

  const core = (flavor: Flavor): Namespace => {
    const a = api(flavor);
    return {
      describe: a.describe,
      it: a.it,
      test: a.test,
      expect: deps.expect,
      beforeAll: a.hook("beforeAll"),
      afterAll: a.hook("afterAll"),
      beforeEach: a.hook("beforeEach"),
      afterEach: a.hook("afterEach"),
    };
  };
  const jestExtras = (flavor: Flavor): Namespace => {
    const a = api(flavor) as unknown as { describe: Namespace; test: Namespace };
    return {
      jest: jestObject(),
      fit: a.test.only,
      xit: a.test.skip,
      xtest: a.test.skip,
      fdescribe: a.describe.only,
      xdescribe: a.describe.skip,
    };
  };
  const mochaNames = (): Namespace => {
    const a = api("globals") as unknown as {
      describe: Namespace & JestStyleApi["describe"];
      it: Namespace & JestStyleApi["it"];
    } & JestStyleApi;
    return {
      describe: a.describe,
      context: a.describe,
      it: a.it,
      specify: a.it,
      before: a.hook("beforeAll"),
      after: a.hook("afterAll"),
      beforeEach: a.hook("beforeEach"),
      afterEach: a.hook("afterEach"),
      xit: a.it.skip,
      xspecify: a.it.skip,
      xdescribe: a.describe.skip,
      xcontext: a.describe.skip,
    };
  };

  const builders: Record<string, () => Namespace> = {
    "bun:test": () => {
      const { mocker } = deps.mocks;
      const mock = Object.assign((impl?: (...a: unknown[]) => unknown) => deps.mocks.fn(impl), {
        module: (path: string, factory: () => unknown) =>
          deps.moduleMocks ? deps.moduleMocks.bunMock(path, factory) : registry.unsupported("mock.module()"),
        restore: () => mocker.restoreAllMocks(),
        clearAllMocks: () => mocker.clearAllMocks(),
      });
      return {
        ...core("bun"),
        mock,
        spyOn: deps.mocks.spyOn,
        ...bunObjects(),
        setSystemTime: unsupportedFn("setSystemTime() from bun:test"),
        setDefaultTimeout: (ms: number) => {
          if (registry.loading) registry.currentSuite().timeoutMs = ms;
        },
        expectTypeOf: anyChain,
        onTestFinished: unsupportedFn("onTestFinished() from bun:test"),
      };
    },
    vitest: () => {
      const c = core("vitest");
      return {
        ...c,
        suite: c.describe,
        vi: viObject(),
        vitest: viObject(),
        onTestFinished: unsupportedFn("onTestFinished() imported from vitest"),
        onTestFailed: unsupportedFn("onTestFailed() imported from vitest"),
        expectTypeOf: anyChain,
        assertType: () => undefined,
        bench: unsupportedFn("bench() from vitest"),
        assert: unsupportedObject("chai assert from vitest"),
        chai: unsupportedObject("chai from vitest"),
        should: unsupportedObject("chai should from vitest"),
        inject: unsupportedFn("inject() from vitest"),
      };
    },
    "@jest/globals": () => ({ ...core("jest"), ...jestExtras("jest") }),
    "node:test": () => {
      const m = createNodeTestModule(registry, deps.clock);
      nodePlugin = m.plugin;
      return m.namespace;
    },
    mocha: mochaNames,
    uvu: () => createUvuModule(registry),
    "uvu/assert": () => createUvuAssert(),
    tape: () => createTapeModule(registry),
    [DENO_TEST_KEY]: () => ({
      test: createDenoTest(registry, () => pathToFileURL(join(deps.root ?? process.cwd(), registry.file)).href),
    }),
  };

  const moduleFor = (specifier: string): Namespace | undefined => {
    const key = specifier === "test" ? "node:test" : specifier;
    const build = builders[key];
    if (!build) return undefined;
    let ns = cache.get(key);
    if (!ns) cache.set(key, (ns = build()));
    return ns;
  };

  let globals: Namespace | undefined;
  return {
    moduleFor,
    globals: () => (globals ??= { ...core("globals"), ...jestExtras("globals"), ...mochaNames(), vi: viObject() }),
    plugin: {
      beforeRun: () => nodePlugin.beforeRun?.(),
      beforeTest: (test) => nodePlugin.beforeTest?.(test),
      afterTest: (test) => nodePlugin.afterTest?.(test),
    },
  };
}
