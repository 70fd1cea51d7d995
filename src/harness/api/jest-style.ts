// describe / it / test / hooks in the jest family's shape, for `bun:test`, `vitest`, `@jest/globals`
// and the globals (jest, vitest globals and mocha BDD share them): .only/.skip/.todo/.each/.if/...

import { type UserFn, doneBody, plainBody, snapshotMatcherIn, takesDone, vitestBody } from "../bodies.ts";
import { eachCases } from "../each.ts";
import type { Body, SuiteNode, TestNode } from "../model.ts";
import type { HookKind, Registry } from "../registry.ts";
import { type Fixture, defineFixtures, destructuredNames, withFixtures } from "./vitest-fixtures.ts";

export type Flavor = "jest" | "bun" | "vitest" | "globals";

interface Mods {
  only?: boolean;
  skipped?: boolean;
  todo?: boolean;
  failing?: boolean;
}

interface Options {
  timeoutMs?: number;
  retries?: number;
  mods: Mods;
}

type Registrar = (title: unknown, a?: unknown, b?: unknown) => unknown;

export interface JestStyleApi {
  describe: Registrar;
  test: Registrar;
  it: Registrar;
  hook(kind: HookKind): (a?: unknown, b?: unknown) => void;
}

const titleOf = (t: unknown): string =>
  typeof t === "function" ? (t as { name: string }).name : typeof t === "string" ? t : String(t);

/** Splits (fn, timeout|options) and vitest's (options, fn) argument orders. */
function splitArgs(a: unknown, b: unknown, mods: Mods): { fn?: UserFn; options: Options } {
  let fn: UserFn | undefined;
  let extra: unknown;
  if (typeof a === "function") [fn, extra] = [a as UserFn, b];
  else if (typeof b === "function") [fn, extra] = [b as UserFn, a];
  else extra = typeof a === "number" ? a : b;
  const options: Options = { mods: { ...mods } };
  if (typeof extra === "number") options.timeoutMs = extra;
  else if (extra && typeof extra === "object") {
    const o = extra as Record<string, unknown>;
    if (typeof o.timeout === "number") options.timeoutMs = o.timeout;
    if (typeof o.retry === "number") options.retries = o.retry;
    if (o.skip) options.mods.skipped = true;
    if (o.only) options.mods.only = true;
    if (o.todo) options.mods.todo = true;
    if (o.fails) options.mods.failing = true;
  }
  return { fn, options };
}

export function createJestStyleApi(registry: Registry, flavor: Flavor, expect: unknown): JestStyleApi {
  const contextOf = (suite: SuiteNode) => (flavor === "globals" ? suite.context : undefined);

  function testBody(fn: UserFn, suite: SuiteNode, args: unknown[]): Body {
    if (flavor === "vitest") return vitestBody(fn, registry, expect, args);
    if (flavor === "globals" && args.length === 0 && fn.length >= 1 && !takesDone(fn)) {
      return vitestBody(fn, registry, expect);
    }
    return takesDone(fn, args.length) ? doneBody(fn, contextOf(suite), args) : plainBody(fn, contextOf(suite), args);
  }

  // vitest fixtures tear down after the test body here, before afterEach hooks (vitest: after them):
  // files with both are refused. Per file: has extended tests / has afterEach hooks.
  const withFixtureTests = new Set<string>();
  const withAfterEach = new Set<string>();
  const fixtureOrder = () => {
    const file = registry.file;
    if (withFixtureTests.has(file) && withAfterEach.has(file))
      registry.unsupported("vitest fixtures (test.extend) together with afterEach hooks");
  };

  function addTest(
    title: unknown,
    fn: UserFn | undefined,
    options: Options,
    args: unknown[] = [],
    source: UserFn | undefined = fn,
  ): object {
    const suite = registry.currentSuite();
    const snapshot = source ? snapshotMatcherIn(source) : null;
    // bun:test writes its own snapshot format, which the harness does not emulate.
    if (snapshot && flavor === "bun") registry.unsupported(`snapshot matcher ${snapshot}() from bun:test`);
    const { mods } = options;
    const test: TestNode = registry.addTest({
      name: titleOf(title),
      body: fn ? testBody(fn, suite, args) : () => undefined,
      skipped: mods.skipped,
      only: mods.only,
      todo: mods.todo || !fn,
      failing: mods.failing,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
    });
    test.api = flavor;
    if (snapshot) test.usesSnapshots = true;
    // mocha: it(...).timeout(ms).retries(n)
    return {
      timeout(ms: number) {
        test.timeoutMs = ms;
        return this;
      },
      retries(n: number) {
        test.retries = n;
        return this;
      },
      slow() {
        return this;
      },
    };
  }

  function addDescribe(title: unknown, fn: UserFn | undefined, options: Options, args: unknown[] = []): object {
    const { mods } = options;
    const suite = registry.addSuite(titleOf(title), { skipped: mods.skipped || mods.todo, only: mods.only });
    if (options.timeoutMs !== undefined) suite.timeoutMs = options.timeoutMs;
    if (fn) registry.collect(suite, () => fn.apply(contextOf(suite), args));
    return {
      timeout(ms: number) {
        suite.timeoutMs = ms;
        return this;
      },
    };
  }

  type Adder = (title: unknown, fn: UserFn | undefined, options: Options, args?: unknown[]) => object;

  /** The registrar of `test.extend(...)`: tests whose callbacks get the fixtures on their context. */
  function extended(fixtures: readonly Fixture[]): Registrar {
    const add: Adder = (title, fn, options, args = []) => {
      withFixtureTests.add(registry.file);
      fixtureOrder();
      return addTest(title, fn ? (withFixtures(registry, fixtures, fn) as UserFn) : fn, options, args, fn);
    };
    const f = variants(add, {}, "test") as Registrar & Record<string, unknown>;
    f.extend = (defs: Record<string, unknown>) => extended(defineFixtures(registry, fixtures, defs));
    return f;
  }

  function variants(add: Adder, mods: Mods, kind: "test" | "describe"): Registrar {
    const f = ((title: unknown, a?: unknown, b?: unknown) => {
      const { fn, options } = splitArgs(a, b, mods);
      return add(title, fn, options);
    }) as Registrar & Record<string, unknown>;
    const lazy = (name: string, get: () => unknown) =>
      Object.defineProperty(f, name, { get, configurable: true, enumerable: true });
    const withMods = (extra: Mods) => variants(add, { ...mods, ...extra }, kind);
    lazy("only", () => withMods({ only: true }));
    lazy("skip", () => withMods({ skipped: true }));
    lazy("todo", () => withMods({ todo: true }));
    if (kind === "test") {
      lazy("failing", () => withMods({ failing: true }));
      lazy("fails", () => withMods({ failing: true }));
    }
    // vitest runs concurrent tests in parallel, each with its own hooks: one at a time gives the same
    // verdicts. jest starts concurrent bodies before the hooks run, so those stay refused.
    lazy("concurrent", () => {
      if (flavor !== "vitest") registry.unsupported(`${kind}.concurrent`);
      return withMods({});
    });
    lazy("sequential", () => withMods({}));
    lazy("shuffle", () => {
      registry.unsupported(`${kind}.shuffle`);
      return withMods({});
    });
    f.if = (c: unknown) => withMods(c ? {} : { skipped: true });
    f.runIf = f.if;
    f.skipIf = (c: unknown) => withMods(c ? { skipped: true } : {});
    f.todoIf = (c: unknown) => withMods(c ? { todo: true } : {});
    f.extend = (defs: Record<string, unknown>) => {
      if (flavor === "vitest" && kind === "test") return extended(defineFixtures(registry, [], defs));
      registry.unsupported(`${kind}.extend (fixtures)`);
      return f;
    };
    for (const name of ["scoped", "override"]) {
      f[name] = () => {
        registry.unsupported(`${kind}.${name} (fixtures)`);
        return f;
      };
    }
    const table =
      (spread: boolean) =>
      (rows: unknown, ...values: unknown[]) =>
      (title: unknown, a?: unknown, b?: unknown) => {
        const { fn, options } = splitArgs(a, b, mods);
        for (const c of eachCases(titleOf(title), rows, values, spread)) {
          add(c.title, fn, { ...options, mods: { ...options.mods } }, spread ? c.args : [c.args[0]]);
        }
      };
    f.each = table(true);
    f.for = table(false);
    return f;
  }

  const test = variants(addTest, {}, "test");
  const describe = variants(addDescribe, {}, "describe");

  function hook(kind: HookKind) {
    return (a?: unknown, b?: unknown) => {
      // mocha: hook("description", fn); jest: hook(fn, timeout)
      const fn = (typeof a === "function" ? a : b) as UserFn | undefined;
      const timeoutMs = typeof b === "number" ? b : undefined;
      if (typeof fn !== "function") throw new TypeError(`${kind}: expected a function`);
      const suite = registry.currentSuite();
      if (flavor === "vitest") {
        if (kind === "afterEach") {
          withAfterEach.add(registry.file);
          fixtureOrder();
        }
        // A hook destructuring fixtures from its context would set them up (not emulated).
        const names =
          destructuredNames(fn)?.filter(
            (n) => !["task", "expect", "skip", "signal", "onTestFinished", "onTestFailed", "annotate"].includes(n),
          ) ?? [];
        if (names.length > 0) registry.unsupported(`fixtures used in a ${kind} hook (${names.join(", ")})`);
      }
      if (flavor !== "vitest") {
        const body = takesDone(fn) ? doneBody(fn, contextOf(suite)) : plainBody(fn, contextOf(suite));
        registry.addHook(kind, { body, timeoutMs }, { suite });
        return;
      }
      // vitest: after-hooks run in reverse order; before-hooks may return a cleanup function.
      if (kind === "afterEach" || kind === "afterAll") {
        registry.addHook(kind, { body: () => fn(contextArg()), timeoutMs }, { suite, prepend: true });
        return;
      }
      let cleanup: unknown;
      const body: Body = () => {
        const r = fn(contextArg());
        if (r && typeof (r as Promise<unknown>).then === "function") {
          return (r as Promise<unknown>).then((v) => void (cleanup = v));
        }
        cleanup = r;
      };
      registry.addHook(kind, { body, timeoutMs }, { suite });
      const undo = () => {
        const c = cleanup;
        cleanup = undefined;
        return typeof c === "function" ? (c as UserFn)() : undefined;
      };
      registry.addHook(kind === "beforeEach" ? "afterEach" : "afterAll", { body: undo }, { suite, prepend: true });
    };
  }

  const contextArg = () => ({ expect, task: { name: registry.currentTest?.name ?? "" } });

  return { describe, test, it: test, hook };
}
