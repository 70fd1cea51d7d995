// A fresh module graph inside a worker, without a new worker: the project's own modules (not
// node_modules) are dropped from require's cache, so requiring the test files again evaluates them
// and everything of the project they use anew, under the switch as it is set now. Works for CommonJS
// on Node and Bun, and for ES modules on Bun (its require cache holds them too).

import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

/** True when every file is in require's cache (CommonJS; on Bun also ES modules), so it can be loaded afresh. */
export function inRequireCache(files: readonly string[]): boolean {
  return files.every((file) => load.cache[file] !== undefined);
}

/** Drops the modules under `root` that are not in a node_modules folder from require's cache; returns how many. */
export function dropProjectModules(root: string): number {
  const prefix = root.endsWith("/") ? root : `${root}/`;
  let dropped = 0;
  for (const key of Object.keys(load.cache)) {
    if (key.startsWith(prefix) && !key.includes("/node_modules/")) {
      delete load.cache[key];
      dropped++;
    }
  }
  return dropped;
}

/** Requires `file` (an absolute path) through the shared cache. */
export function requireFile(file: string): void {
  load(file);
}

/** The built-ins whose own properties project code might change (polyfills, patches). */
function builtIns(): [string, object][] {
  const g = globalThis as unknown as Record<string, { prototype?: object } | undefined>;
  const out: [string, object][] = [["globalThis", globalThis]];
  for (const name of [
    "Object",
    "Function",
    "Array",
    "String",
    "Number",
    "Boolean",
    "Symbol",
    "BigInt",
    "Promise",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "RegExp",
    "Date",
    "Error",
    "JSON",
    "Math",
    "Reflect",
    "Intl",
    "ArrayBuffer",
    "Uint8Array",
    "Buffer",
    "URL",
    "URLSearchParams",
  ]) {
    const value = g[name];
    if (value === undefined || value === null) continue;
    out.push([name, value]);
    if (value.prototype) out.push([`${name}.prototype`, value.prototype]);
  }
  return out;
}

/** A global Node sets up lazily itself: fetch's dispatcher (`Symbol.for("undici.globalDispatcher.1")`), made on first use. */
function isNodeInternal(key: symbol): boolean {
  return key.description?.startsWith("undici.") === true;
}

/** What a property holds: its value or accessors (compared by identity). */
type Slot = readonly unknown[];

function slotOf(descriptor: PropertyDescriptor): Slot {
  return "value" in descriptor ? [descriptor.value] : [descriptor.get, descriptor.set];
}

/**
 * The global environment as project code could have changed it: the own properties of globalThis and
 * of the built-ins and their prototypes (gremlins' own `__gremlins*` globals and `ignore` left out).
 */
export class Environment {
  private readonly slots = new Map<string, Slot>();

  /** `ignore`: globals that are expected to change (the harness's own, installed anew on each reload). */
  constructor(ignore: ReadonlySet<string> = new Set()) {
    for (const [name, target] of builtIns()) {
      for (const key of Reflect.ownKeys(target)) {
        if (typeof key === "string" && (key.startsWith("__gremlins") || (target === globalThis && ignore.has(key))))
          continue;
        if (typeof key === "symbol" && isNodeInternal(key)) continue;
        const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
        if (descriptor) this.slots.set(`${name}.${String(key)}`, slotOf(descriptor));
      }
    }
  }

  /**
   * The first difference from `earlier` ("Array.prototype.lastItem added"), or null when none. Node
   * defines some globals lazily (an accessor replaced by a value on first use): a global accessor that
   * became a data property is not a difference.
   */
  differenceFrom(earlier: Environment): string | null {
    for (const [key, slot] of this.slots) {
      const before = earlier.slots.get(key);
      if (!before) return `${key} added`;
      if (before.length === slot.length && before.every((v, i) => Object.is(v, slot[i]))) continue;
      if (key.startsWith("globalThis.") && before.length === 2 && slot.length === 1) continue;
      return `${key} changed`;
    }
    for (const key of earlier.slots.keys()) if (!this.slots.has(key)) return `${key} removed`;
    return null;
  }
}
