// Leaking test files reset between runs in a warm worker: the file is reloaded (its project modules
// evaluated again) and its tests registered again under their old indices, only when a run needs it fresh;
// a changed global environment or other registrations make the reset refuse (stale).

import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHarness, type Harness } from "../../../../src/harness/index.ts";
import { LeakReset } from "../../../../src/execute/thread/leak-reset.ts";
import { dropProjectModules } from "../../../../src/execute/thread/module-graph.ts";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) {
    dropProjectModules(root);
    rmSync(root, { recursive: true, force: true });
  }
});
const g = globalThis as Record<string, unknown>;
const BOOKKEEPING = ["__idsLoads", "__bLoads", "__rootHookCalls", "__leakLoads", "__leakThrow"];

/** The mocha API of the harness under test, as the test files below reach it (free globals belong to bun:test here). */
const MOCHA = `const { describe, it, beforeEach } = globalThis.__leakHarness.moduleFor("mocha");`;

interface Suite {
  root: string;
  harness: Harness;
  reset: LeakReset;
  /** Runs tests by name; returns their statuses. */
  run(names: string[], isolate?: string[]): Promise<string[] | { stale: string } | { loadError: string }>;
}

/** A mocha-style project: src/ids.js keeps a counter the tests of test/a.test.js leak; test/b.test.js leaks nothing. */
async function suite(files: Record<string, string>): Promise<Suite> {
  const root = mkdtempSync(join(tmpdir(), "gremlins-leak-"));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const harness = createHarness({ sharedRoot: true });
  g.__leakHarness = harness;
  const testFiles = Object.keys(files)
    .filter((f) => f.startsWith("test/"))
    .map((f) => join(root, f));
  const req = createRequire(join(root, "x.js"));
  for (const file of testFiles) {
    harness.beginFile(file.slice(root.length + 1));
    req(file);
    await harness.endFile();
  }
  // The tests' own bookkeeping globals are ignored, as the harness's are in a worker.
  const graphs = { begin: () => dropProjectModules(root), load: (file: string) => req(file) };
  const reset = new LeakReset(root, testFiles, new Set(["__leakHarness", ...BOOKKEEPING]), graphs);
  reset.loaded();
  return {
    root,
    harness,
    reset,
    async run(names, isolate) {
      const indices = harness
        .tests()
        .filter((t) => names.includes(t.name))
        .map((t) => t.index);
      const reloaded = await reset.before(harness, isolate, indices);
      if (!Array.isArray(reloaded)) return reloaded;
      reset.markRan(harness, indices);
      const results = await harness.run(indices, { bail: false, testTimeoutMs: 1000 });
      return results.map((r) => r.status);
    },
  };
}

const LEAKY = {
  "src/ids.js":
    "let next = 1; exports.nextId = () => next++; globalThis.__idsLoads = (globalThis.__idsLoads ?? 0) + 1;",
  "test/a.test.js": `${MOCHA}
const { nextId } = require("../src/ids.js");
beforeEach(() => { globalThis.__rootHookCalls = (globalThis.__rootHookCalls ?? 0) + 1; });
describe("ids", () => { it("the first id is 1", () => { if (nextId() !== 1) throw new Error("not 1"); }); });`,
  "test/b.test.js": `${MOCHA}
globalThis.__bLoads = (globalThis.__bLoads ?? 0) + 1;
it("b passes", () => {});`,
};

describe("LeakReset", () => {
  test("reloads a leaking file only when a run selects its tests after they ran; indices, ids and root hooks stay as they were", async () => {
    const s = await suite(LEAKY);
    const before = s.harness.tests().map((t) => [t.index, t.id]);
    expect(await s.run(["the first id is 1", "b passes"])).toEqual(["passed", "passed"]);
    // Without the reset the leak shows.
    expect(await s.run(["the first id is 1"])).toEqual(["failed"]);
    expect(await s.run(["the first id is 1"], ["test/a.test.js"])).toEqual(["passed"]);
    expect(s.reset.reloads).toBe(1);
    expect(s.harness.tests().map((t) => [t.index, t.id])).toEqual(before);
    // Only test/a.test.js was required again; b's tests still run from its first load.
    expect([g.__idsLoads, g.__bLoads]).toEqual([2, 1]);
    expect(await s.run(["b passes"], ["test/a.test.js"])).toEqual(["passed"]);
    expect(s.reset.reloads).toBe(1);
    // The root hook registered again took the old one's place: still one call per test.
    g.__rootHookCalls = 0;
    expect(await s.run(["the first id is 1"], ["test/a.test.js"])).toEqual(["passed"]);
    expect(g.__rootHookCalls).toBe(1);
    for (const k of ["__idsLoads", "__bLoads", "__rootHookCalls"]) delete g[k];
  });

  test("a global the tests changed: stale (a reload does not undo it)", async () => {
    const s = await suite({
      "src/ids.js":
        "exports.nextId = () => { globalThis.__leakNext = (globalThis.__leakNext ?? 0) + 1; return globalThis.__leakNext; };",
      "test/a.test.js": `${MOCHA}
const { nextId } = require("../src/ids.js");
it("the first id is 1", () => { if (nextId() !== 1) throw new Error("not 1"); });`,
    });
    expect(await s.run(["the first id is 1"])).toEqual(["passed"]);
    expect(await s.run(["the first id is 1"], ["test/a.test.js"])).toEqual({
      stale:
        "the tests changed the global environment (globalThis.__leakNext added), which reloading modules does not undo",
    });
    delete g.__leakNext;
  });

  test("a reload that registers other tests: stale; one that throws: loadError", async () => {
    const s = await suite({
      "test/a.test.js": `${MOCHA}
globalThis.__leakLoads = (globalThis.__leakLoads ?? 0) + 1;
if (globalThis.__leakThrow) throw new Error("cannot load");
for (let i = 0; i < globalThis.__leakLoads; i++) it("test " + i, () => {});`,
    });
    expect(await s.run(["test 0"])).toEqual(["passed"]);
    const stale = await s.run(["test 0"], ["test/a.test.js"]);
    expect(stale).toEqual({ stale: "reloading gave other tests (test/a.test.js: more tests than before)" });
    g.__leakThrow = true;
    expect(await s.run(["test 0"], ["test/a.test.js"])).toEqual({ loadError: "test/a.test.js: Error: cannot load" });
    for (const k of ["__leakLoads", "__leakThrow"]) delete g[k];
  });
});
