// Test APIs called at run time: emulated as the runner does (node:test t.plan, tape t.skip and
// timeouts), or reported on the test's result when the harness does not emulate them (fail closed).
import { afterAll, describe, expect, test } from "bun:test";
import { cleanup, load, statuses } from "./load.ts";

afterAll(cleanup);

describe("node:test t.plan", () => {
  test("counts t.assert calls and t.test calls as node does; a mismatch fails with node's message", async () => {
    const loaded = await load({
      "p.test.mjs": `
import test from "node:test";
import assert from "node:assert";
test("plan met", (t) => { t.plan(2); t.assert.ok(true); t.assert.strictEqual(1, 1); });
test("plan counts subtests", async (t) => { t.plan(2); t.assert.ok(1); await t.test("sub", () => {}); });
test("plan too high", (t) => { t.plan(3); t.assert.ok(true); });
test("plan too low", (t) => { t.plan(1); t.assert.ok(true); t.assert.ok(true); });
test("plain assert does not count", (t) => { t.plan(1); assert.ok(true); });
test("plan option", { plan: 1 }, (t) => { t.assert.equal(1, 1); });
test("async assertions before done", (t, done) => { t.plan(1); setTimeout(() => { t.assert.ok(true); done(); }, 1); });
test("plan set twice", (t) => { t.plan(1); t.plan(1); });
test("a failed assertion still counts", (t) => { t.plan(1); try { t.assert.strictEqual(1, 2); } catch {} });
test("only node's assertions", (t) => { t.assert.ok(t.assert.AssertionError === undefined); });
`,
    });
    const results = await loaded.runAll({ testTimeoutMs: 1000 });
    expect(statuses(loaded, results)).toEqual({
      "plan met": "passed",
      "plan counts subtests": "passed",
      "plan too high": "failed",
      "plan too low": "failed",
      "plain assert does not count": "failed",
      "plan option": "passed",
      "async assertions before done": "passed",
      "plan set twice": "failed",
      "a failed assertion still counts": "passed",
      "only node's assertions": "passed",
    });
    const tests = loaded.harness.tests();
    const error = (name: string) => results.find((r) => tests[r.index]!.name === name)?.error ?? "";
    expect(error("plan too high")).toContain("plan expected 3 assertions but received 1");
    expect(error("plan too low")).toContain("plan expected 1 assertions but received 2");
    expect(error("plan set twice")).toContain("cannot set plan more than once");
    expect(results.map((r) => r.unsupported).filter(Boolean)).toEqual([["t.assert.AssertionError"]]);
  });

  test("the wait option and t.runOnly(true) are not emulated: reported on the test's result", async () => {
    const loaded = await load({
      "w.test.mjs": `
import test from "node:test";
test("waits", (t) => { t.plan(1, { wait: 100 }); t.assert.ok(true); });
test("run only", async (t) => { t.runOnly(true); await t.test("not only", () => {}); });
test("plain", (t) => { t.runOnly(false); });
test("assert read before the plan", (t) => { const a = t.assert; t.plan(1); a.ok(true); });
`,
    });
    const results = await loaded.runAll({ testTimeoutMs: 1000 });
    expect(results.map((r) => r.unsupported)).toEqual([
      ["node:test t.plan() with the wait option"],
      ["node:test t.runOnly(true)"],
      undefined,
      ["node:test t.plan() after t.assert was read"],
    ]);
    expect(loaded.harness.unsupported()).toEqual([]);
  });
});

describe("tape", () => {
  test("t.skip counts as an assertion (plans count it); t.timeoutAfter and the timeout option fail a test that does not end in time", async () => {
    const loaded = await load({
      "t.test.mjs": `
import test from "tape";
test("skip counts", (t) => { t.plan(2); t.ok(true); t.skip("later"); });
test("timeoutAfter", (t) => { t.timeoutAfter(20); });
test("timeout option", { timeout: 20 }, (t) => { t.pass(); });
test("ends in time", (t) => { t.timeoutAfter(500); setTimeout(() => t.end(), 1); });
`,
    });
    const results = await loaded.runAll({ testTimeoutMs: 2000 });
    expect(statuses(loaded, results)).toEqual({
      "skip counts": "passed",
      timeoutAfter: "failed",
      "timeout option": "failed",
      "ends in time": "passed",
    });
    const tests = loaded.harness.tests();
    expect(results.find((r) => tests[r.index]!.name === "timeoutAfter")?.error).toContain(
      "timeoutAfter timed out after 20ms",
    );
  });

  test("a method tape has and the harness lacks, called at run time, is reported on the test's result", async () => {
    const loaded = await load({
      "c.test.mjs": `
import test from "tape";
test("capture", (t) => { try { t.capture(console, "log"); } catch {} t.end(); });
`,
    });
    const results = await loaded.runAll({ testTimeoutMs: 1000 });
    expect(results[0]?.unsupported).toEqual(["t.capture"]);
  });
});
