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
