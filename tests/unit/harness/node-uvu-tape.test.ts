// node:test, uvu (+ uvu/assert) and tape through the shims.

import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { cleanup, load, log, resetLog, statuses } from "./load.ts";

afterAll(cleanup);
beforeEach(resetLog);

describe("node:test", () => {
  test.each(["node:test", "test"])(
    "import from %s: tests, subtests, describe/it, hooks, mock, skip/todo",
    async (spec) => {
      const loaded = await load({
        "n.test.mjs": `
import test, { describe, it, before, after, beforeEach, afterEach, mock } from "${spec}";
import assert from "node:assert";
const log = (s) => globalThis.__log.push(s);
const counter = mock.fn(() => 1);
before(() => log("before"));
after(() => log("after"));
beforeEach(() => log("beforeEach"));
afterEach(() => log("afterEach"));
test("top", () => { assert.strictEqual(counter(), 1); assert.strictEqual(counter.mock.callCount(), 1); });
test("subtests", async (t) => {
  await t.test("inner ok", () => { assert.ok(true); });
  t.test("inner bad", () => { assert.equal(1, 2); });
});
test("callback style", (t, done) => { setTimeout(done, 1); });
test("skipped option", { skip: true }, () => { throw new Error("never"); });
test.todo("todo test");
test("t.skip()", (t) => { t.skip("not now"); });
test("t.mock is restored", (t) => {
  const obj = { f: () => "real" };
  globalThis.__obj = obj;
  t.mock.method(obj, "f", () => "fake");
  assert.equal(obj.f(), "fake");
  assert.equal(obj.f.mock.calls.length, 1);
});
test("after t.mock", () => { assert.equal(globalThis.__obj.f(), "real"); });
describe("suite", () => {
  it("works", () => { assert.deepStrictEqual({ a: [1] }, { a: [1] }); });
  it("fails", () => { assert.deepStrictEqual({ a: [1] }, { a: [2] }); });
});
`,
      });
      for (let i = 0; i < 3; i++) {
        resetLog();
        const results = await loaded.runAll();
        expect(statuses(loaded, results)).toEqual({
          top: "passed",
          subtests: "failed",
          "callback style": "passed",
          "skipped option": "skipped",
          "todo test": "skipped",
          "t.skip()": "skipped",
          "t.mock is restored": "passed",
          "after t.mock": "passed",
          "suite > works": "passed",
          "suite > fails": "failed",
        });
        expect(log().slice(0, 4)).toEqual(["before", "beforeEach", "afterEach", "beforeEach"]);
        expect(log().at(-1)).toBe("after");
      }
    },
  );

  test("beforeEach/afterEach get the test's TestContext: t.mock from a hook is the test's, restored after afterEach", async () => {
    const loaded = await load({
      "h.test.mjs": `
import { describe, test, before, beforeEach, afterEach } from "node:test";
import assert from "node:assert";
const log = (s) => globalThis.__log.push(s);
const out = { write: (s) => "real " + s };
describe("help", () => {
  let spy;
  before((s) => log("before " + s.name));
  beforeEach((t) => { log("beforeEach " + t.name); spy = t.mock.method(out, "write", () => "fake"); });
  afterEach((t) => { log("afterEach " + t.name + " " + (t.mock.fn !== undefined)); log("calls " + spy.mock.callCount() + " " + out.write("x")); });
  test("one", (t) => { assert.equal(out.write("a"), "fake"); assert.equal(spy.mock.calls[0].arguments[0], "a"); });
  test("two", () => { out.write("b"); out.write("c"); assert.equal(spy.mock.callCount(), 2); });
});
test("restored", () => { assert.equal(out.write("d"), "real d"); });
`,
    });
    for (let i = 0; i < 2; i++) {
      resetLog();
      const results = await loaded.runAll();
      expect(statuses(loaded, results)).toEqual({ "help > one": "passed", "help > two": "passed", restored: "passed" });
      // As node 20 logs it (node --test on the same file).
      expect(log()).toEqual([
        "before help",
        "beforeEach one",
        "afterEach one true",
        "calls 1 fake",
        "beforeEach two",
        "afterEach two true",
        "calls 2 fake",
      ]);
    }
  });
});

describe("uvu", () => {
  test("suites, hooks with state, only, run() required, uvu/assert", async () => {
    const loaded = await load({
      "u.test.mjs": `
import { test, suite } from "uvu";
import * as assert from "uvu/assert";
const log = (s) => globalThis.__log.push(s);
test("plain", () => { assert.is(1, 1); assert.equal({ a: [1] }, { a: [1] }); });
test("bad", () => { assert.equal({ a: 1 }, { a: 2 }); });
test.run();
const S = suite("S", { n: 0 });
S.before((ctx) => { ctx.n = 10; log("before"); });
S.before.each((ctx) => { ctx.n++; log("each:" + ctx.__test__); });
S.after.each(() => log("after.each"));
S.after(() => log("after"));
S("sees state", (ctx) => { assert.ok(ctx.n > 10); assert.type(ctx.n, "number"); });
S("throws", () => { assert.throws(() => { throw new TypeError("x"); }, TypeError); assert.not.throws(() => 1); });
S("match", () => { assert.match("hello", /ell/); assert.instance([], Array); assert.not.equal(1, 2); });
S.run();
const F = suite("Focused");
F("other", () => {});
F.only("only", () => {});
F.run();
const Never = suite("never run");
Never("no run() call", () => {});
`,
    });
    const results = await loaded.runAll();
    expect(statuses(loaded, results)).toEqual({
      plain: "passed",
      bad: "failed",
      "S > sees state": "passed",
      "S > throws": "passed",
      "S > match": "passed",
      "Focused > other": "skipped",
      "Focused > only": "passed",
    });
    expect(results[1]!.error).toContain("Expected values to be deeply equal");
    expect(log()).toEqual([
      "before",
      "each:sees state",
      "after.each",
      "each:throws",
      "after.each",
      "each:match",
      "after.each",
      "after",
    ]);
  });

  test("a failing uvu before hook fails the suite's tests", async () => {
    const loaded = await load({
      "u.test.mjs": `import { suite } from "uvu"; const S = suite("S"); S.before(() => { throw new Error("nope"); }); S("a", () => {}); S.run();`,
    });
    const [r] = await loaded.runAll();
    expect(r!.status).toBe("failed");
  });
});

describe("tape", () => {
  test("assertions, plan, end, async, subtests, skip/only", async () => {
    const loaded = await load({
      "t.test.mjs": `
import test from "tape";
test("equal and deepEqual", (t) => { t.equal(1, 1); t.deepEqual({ a: [1] }, { a: [1] }); t.ok(true); t.notOk(0); t.end(); });
test("failing assert does not throw", (t) => { t.equal(1, 2, "one is two"); globalThis.__log.push("continued"); t.end(); });
test("plan ends the test", (t) => { t.plan(2); t.pass(); setTimeout(() => t.ok(1), 1); });
test("plan mismatch", (t) => { t.plan(3); t.pass(); t.end(); });
test("async", async (t) => { await new Promise((r) => setTimeout(r, 1)); t.same([1], [1]); });
test("throws", (t) => { t.throws(() => { throw new RangeError("r"); }, RangeError); t.throws(() => { throw new Error("abc"); }, /ab/); t.throws(() => { throw new TypeError("x"); }, /^TypeError: x$/); t.doesNotThrow(() => 1); t.end(); });
test("subtests", (t) => {
  t.test("sub ok", (st) => { st.equal(2, 2); st.end(); });
  t.test("sub bad", (st) => { st.deepEqual([1], [2]); st.end(); });
  t.end();
});
test("skip option", { skip: true }, (t) => { t.fail(); t.end(); });
test("never ends", (t) => { t.pass(); });
test("skipped assertion", (t) => { t.plan(2); t.equal(1, 2, "not checked", { skip: "later" }); t.deepEqual([1], [1]); });
test("throws compares an expected Error's name and message", (t) => { t.throws(() => { throw new TypeError(""); }, new TypeError("Encoder has to be a function.")); t.end(); });
`,
    });
    const results = await loaded.runAll({ testTimeoutMs: 100 });
    expect(statuses(loaded, results)).toEqual({
      "equal and deepEqual": "passed",
      "failing assert does not throw": "failed",
      "plan ends the test": "passed",
      "plan mismatch": "failed",
      async: "passed",
      throws: "passed",
      subtests: "failed",
      "skip option": "skipped",
      "never ends": "timeout",
      "skipped assertion": "passed",
      "throws compares an expected Error's name and message": "failed",
    });
    expect(results[1]!.error).toContain("one is two");
    expect(results[6]!.error).toContain("sub bad");
    expect(log()).toEqual(["continued"]);
  });

  test("t.intercept defines a property for the test and restores it afterwards; results() is unsupported, on the test's result", async () => {
    const loaded = await load({
      "i.test.mjs": `
import test from "tape";
test("intercepted", (t) => {
  t.intercept(Object.prototype, "crash", { value: "x" });
  t.equal(({}).crash, "x");
  t.end();
});
test("restored", (t) => { t.equal(({}).crash, undefined); t.equal(Object.prototype.hasOwnProperty("crash"), false); t.end(); });
test("results", (t) => { const results = t.intercept(globalThis, "__i", { value: 1, writable: true }); results(); t.end(); });
`,
    });
    const results = await loaded.runAll({ testTimeoutMs: 1000 });
    expect(statuses(loaded, results)).toEqual({ intercepted: "passed", restored: "passed", results: "passed" });
    // Called as the test runs: the result says so (the executor reads it), not the load-time list.
    expect(results.map((r) => r.unsupported)).toEqual([undefined, undefined, ["tape t.intercept() results"]]);
    expect(loaded.harness.unsupported()).toEqual([]);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "crash")).toBe(false);
  });

  test("test.only is global across files", async () => {
    const loaded = await load({
      "a.test.mjs": `import test from "tape"; test("a", (t) => t.end()); test.only("focused", (t) => t.end());`,
      "b.test.mjs": `import test from "tape"; test("b", (t) => t.end());`,
    });
    expect(loaded.harness.tests().map((t) => t.skipped)).toEqual([true, false, true]);
  });
});
