// Reloading a CommonJS module graph in place (static gremlins without a new worker), and the check that
// the global environment is still as fresh as a new worker's before a reload is trusted.

import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  dropProjectModules,
  Environment,
  inRequireCache,
  requireFile,
} from "../../../../src/execute/thread/module-graph.ts";

const root = mkdtempSync(join(tmpdir(), "gremlins-graph-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const g = globalThis as Record<string, unknown>;

describe("module graph reload", () => {
  test("project modules are evaluated again; node_modules ones stay loaded", () => {
    mkdirSync(join(root, "node_modules/dep"), { recursive: true });
    writeFileSync(
      join(root, "node_modules/dep/index.js"),
      "globalThis.__graphDep = (globalThis.__graphDep ?? 0) + 1; module.exports = {};",
    );
    writeFileSync(
      join(root, "lib.js"),
      "globalThis.__graphLib = (globalThis.__graphLib ?? 0) + 1; module.exports = {};",
    );
    writeFileSync(join(root, "test.js"), "require('./node_modules/dep'); require('./lib.js');");
    const file = join(root, "test.js");
    requireFile(file);
    expect(inRequireCache([file])).toBe(true);
    expect(inRequireCache([join(root, "never-loaded.js")])).toBe(false);
    expect(dropProjectModules(root)).toBe(2); // test.js and lib.js
    requireFile(file);
    expect([g.__graphLib, g.__graphDep]).toEqual([2, 1]);
    expect(createRequire(file).cache[join(root, "lib.js")]).toBeDefined();
    delete g.__graphLib;
    delete g.__graphDep;
  });
});

describe("Environment", () => {
  test("no difference when nothing changed, gremlins' own and ignored globals left out", () => {
    const before = new Environment(new Set(["__ignoredGlobal"]));
    g.__gremlins_test_slot = 1;
    g.__ignoredGlobal = 2;
    try {
      expect(new Environment(new Set(["__ignoredGlobal"])).differenceFrom(before)).toBeNull();
    } finally {
      delete g.__gremlins_test_slot;
      delete g.__ignoredGlobal;
    }
  });

  test("Node's own lazily made globals (fetch's dispatcher) are no difference; another symbol is", () => {
    const before = new Environment();
    const dispatcher = Symbol.for("undici.globalDispatcher.test");
    const other = Symbol.for("graph.test");
    const realm = globalThis as unknown as Record<symbol, unknown>;
    realm[dispatcher] = {};
    try {
      expect(new Environment().differenceFrom(before)).toBeNull();
      realm[other] = 1;
      expect(new Environment().differenceFrom(before)).toBe("globalThis.Symbol(graph.test) added");
    } finally {
      delete realm[dispatcher];
      delete realm[other];
    }
  });

  test.each([
    [
      "a polyfill on a prototype",
      () => Object.defineProperty(Array.prototype, "__graphPolyfill", { value: () => 1, configurable: true }),
      () => delete (Array.prototype as unknown as Record<string, unknown>).__graphPolyfill,
      "Array.prototype.__graphPolyfill added",
    ],
    ["a new global", () => (g.__graphGlobal = 1), () => delete g.__graphGlobal, "globalThis.__graphGlobal added"],
    [
      "a replaced built-in method",
      () => Object.defineProperty(String.prototype, "trim", { value: () => "", configurable: true, writable: true }),
      null,
      "String.prototype.trim changed",
    ],
  ])("%s is a difference", (_name, change, undo, expected) => {
    const original = Object.getOwnPropertyDescriptor(String.prototype, "trim")!;
    const before = new Environment();
    change();
    try {
      expect(new Environment().differenceFrom(before)).toBe(expected);
    } finally {
      if (undo) undo();
      else Object.defineProperty(String.prototype, "trim", original);
    }
  });
});
