// Mocha's `this` inside describe/it/hooks: timeout(), skip(), retries(), slow(), and
// `this.currentTest` in hooks. Contexts chain from the root through each describe (model.ts).

import { SkipSignal } from "../model.ts";
import type { Registry } from "../registry.ts";
import type { RunPlugin } from "../runner.ts";

function parseMs(value: unknown): number {
  if (typeof value === "number") return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(String(value));
  if (!m) return Number(value);
  const n = Number(m[1]);
  return m[2] === "s" ? n * 1000 : m[2] === "m" ? n * 60_000 : n;
}

/** The prototype of every mocha context; `registry` is read lazily (it is created after). */
export function createMochaContextRoot(getRegistry: () => Registry): object {
  return {
    timeout(this: object, ms?: unknown) {
      const registry = getRegistry();
      if (ms === undefined) return registry.currentTest?.timeoutMs ?? registry.currentSuite().timeoutMs ?? 2000;
      const value = parseMs(ms);
      if (registry.control) registry.control.setTimeout(value);
      else if (registry.loading) registry.currentSuite().timeoutMs = value;
      return this;
    },
    skip(): never {
      throw new SkipSignal();
    },
    retries(this: object, n?: number) {
      const registry = getRegistry();
      if (n !== undefined && registry.loading && !registry.control) registry.unsupported("this.retries() in describe");
      return this;
    },
    slow(this: object) {
      return this;
    },
  };
}

/** Sets `this.currentTest` / `this.test` for hooks and tests, like mocha does. */
export function mochaContextPlugin(): RunPlugin {
  return {
    beforeTest(test) {
      const info = {
        title: test.name,
        fullTitle: () => test.fullName.split(" > ").join(" "),
        file: test.file,
        state: undefined as string | undefined,
      };
      for (let s: typeof test.suite | null = test.suite; s; s = s.parent) {
        s.context.currentTest = info;
        s.context.test = info;
      }
    },
  };
}

/** mocha's TDD interface (`--ui tdd`) over the BDD functions: suite/test/suiteSetup/suiteTeardown/setup/teardown. */
export function mochaTddGlobals(bdd: Record<string, unknown>): Record<string, unknown> {
  return {
    suite: bdd.describe,
    test: bdd.it,
    suiteSetup: bdd.before,
    suiteTeardown: bdd.after,
    setup: bdd.beforeEach,
    teardown: bdd.afterEach,
  };
}

/** mocha's filter of globals that never count as leaks, plus the allowed list (`name` or `prefix*`). */
function allowedGlobal(key: string, allowed: readonly string[]): boolean {
  if (/^\d+/.test(key) || key.startsWith("mocha-")) return true;
  return allowed.some((ok) => (ok.includes("*") ? key.startsWith(ok.split("*")[0] as string) : key === ok));
}

/**
 * mocha --check-leaks: after each test (and its hooks), a global variable that was not there before
 * fails the test, as mocha's checkGlobals does; the leaked names are then accepted for later tests.
 */
export function mochaLeakCheckPlugin(allowed: readonly string[], target: object = globalThis): RunPlugin {
  let known = new Set<string>();
  return {
    beforeRun() {
      known = new Set(Object.keys(target));
    },
    afterTest() {
      const keys = Object.keys(target);
      const leaks = keys.filter((k) => !known.has(k) && !allowedGlobal(k, allowed));
      for (const k of keys) known.add(k);
      return leaks.length > 0
        ? new Error(`global leak(s) detected: ${leaks.map((k) => `'${k}'`).join(", ")}`)
        : undefined;
    },
  };
}
