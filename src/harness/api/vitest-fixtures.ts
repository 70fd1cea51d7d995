// vitest's `test.extend` fixtures: a test's first parameter, destructured, names the fixtures it uses;
// each is set up before the body (its own dependencies first, auto fixtures always), a function
// fixture hands its value to `use` and tears down after the test, in reverse order.
// Only test-scoped fixtures are emulated; the rest is reported so the suite runs in the spawn executor.

import type { Registry } from "../registry.ts";

type AnyFn = (...args: unknown[]) => unknown;

export interface Fixture {
  name: string;
  value: unknown;
  auto: boolean;
  /** Fixtures a function fixture destructures from its context. */
  deps: string[];
}

/** The vitest context properties that are not fixtures. */
const BUILTIN = new Set(["task", "expect", "skip", "signal", "onTestFinished", "onTestFailed", "annotate"]);

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{" || c === "[" || c === "(") depth++;
    else if (c === "}" || c === "]" || c === ")") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last) parts.push(last);
  return parts;
}

/** The first parameter of `fn` when it is a destructuring pattern: the names it takes; null otherwise. */
export function destructuredNames(fn: AnyFn): string[] | null {
  const src = Function.prototype.toString.call(fn).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "");
  const open = src.indexOf("(");
  if (open < 0) return null;
  let depth = 0;
  let close = -1;
  for (let i = open; i < src.length; i++) {
    if (src[i] === "(") depth++;
    else if (src[i] === ")" && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return null;
  const first = splitTopLevel(src.slice(open + 1, close))[0];
  if (!first || !first.startsWith("{") || !first.endsWith("}")) return null;
  return splitTopLevel(first.slice(1, -1)).map((p) => p.replace(/\s/g, "").replace(/[:=].*$/, ""));
}

/** Parses a `test.extend({...})` argument on top of the fixtures already defined; reasons go to the registry. */
export function defineFixtures(
  registry: Registry,
  parent: readonly Fixture[],
  defs: Record<string, unknown>,
): Fixture[] {
  const byName = new Map(parent.map((f) => [f.name, f]));
  for (const [name, raw] of Object.entries(defs ?? {})) {
    let value = raw;
    let auto = false;
    if (Array.isArray(raw) && raw.length >= 2 && raw[1] !== null && typeof raw[1] === "object") {
      const options = raw[1] as { auto?: boolean; scope?: string; injected?: boolean };
      if ((options.scope && options.scope !== "test") || options.injected) {
        registry.unsupported(
          `test.extend fixture "${name}" with ${options.injected ? "injected: true" : `scope "${options.scope}"`}`,
        );
      }
      value = raw[0];
      auto = Boolean(options.auto);
    }
    if (byName.has(name)) registry.unsupported(`test.extend overriding the fixture "${name}"`);
    const deps = typeof value === "function" ? destructuredNames(value as AnyFn) : [];
    if (deps === null) registry.unsupported(`test.extend fixture "${name}" without a destructured first argument`);
    byName.set(name, { name, value, auto, deps: (deps ?? []).filter((d) => !BUILTIN.has(d)) });
  }
  return [...byName.values()];
}

/**
 * Wraps a test callback: sets up the fixtures it uses (and auto ones) on its context, calls it, then
 * tears the function fixtures down in reverse order. The context is the callback's last argument.
 */
export function withFixtures(registry: Registry, fixtures: readonly Fixture[], fn: AnyFn): AnyFn {
  const used = destructuredNames(fn);
  if (used === null && fixtures.some((f) => !f.auto) && fn.length > 0) {
    registry.unsupported("a test of an extended test whose first argument is not destructured");
  }
  const byName = new Map(fixtures.map((f) => [f.name, f]));
  const wanted = new Set([...(used ?? []), ...fixtures.filter((f) => f.auto).map((f) => f.name)]);
  return async (...args: unknown[]) => {
    const context = args[args.length - 1] as Record<string, unknown>;
    const teardowns: (() => Promise<void>)[] = [];
    const ready = new Set<string>();
    const setUp = async (name: string): Promise<void> => {
      const fixture = byName.get(name);
      if (!fixture || ready.has(name)) return;
      ready.add(name);
      for (const dep of fixture.deps) await setUp(dep);
      if (typeof fixture.value !== "function") {
        context[name] = fixture.value;
        return;
      }
      context[name] = await new Promise((resolve, reject) => {
        let used = false;
        let release: () => void = () => {};
        const finished = (fixture.value as AnyFn)(context, (value: unknown) => {
          used = true;
          resolve(value);
          return new Promise<void>((r) => (release = r));
        });
        const done = Promise.resolve(finished).then(
          () => {
            if (!used)
              reject(
                new Error(
                  `Fixture "${name}" returned without calling "use". Make sure to call "use" in every code path of the fixture function.`,
                ),
              );
          },
          (error: unknown) => {
            if (!used) reject(error);
            else throw error;
          },
        );
        teardowns.push(async () => {
          release();
          await done;
        });
      });
    };
    try {
      for (const fixture of fixtures) if (wanted.has(fixture.name)) await setUp(fixture.name);
      return await fn(...args);
    } finally {
      for (const teardown of teardowns.reverse()) await teardown();
    }
  };
}
