// Framework-specific features: vitest context/fails/skipIf/hook cleanup, fake timers (vi, jest),
// bun extras, and the jest/mocha globals (done callbacks, this.timeout, root hooks).

import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { cleanup, load, log, resetLog, statuses } from "./load.ts";

afterAll(cleanup);
beforeEach(resetLog);

describe("vitest", () => {
  test("context skip, fails, skipIf/runIf, after-hooks in reverse, before-hook cleanup", async () => {
    const loaded = await load({
      "v.test.ts": `
import { test, describe, expect, beforeEach, afterEach } from "vitest";
const log = (s) => globalThis.__log.push(s);
beforeEach(() => { log("before"); return () => log("cleanup"); });
afterEach(() => log("after1"));
afterEach(() => log("after2"));
test("uses context", ({ expect: e, task }) => { e(task.name).toBe("uses context"); });
test("skips itself", (ctx) => { ctx.skip(); throw new Error("unreachable"); });
test.fails("expected failure", () => { expect(1).toBe(2); });
test.fails("unexpected pass", () => {});
test.skipIf(true)("skipIf true", () => {});
test.runIf(true)("runIf true", () => {});
test("soft", () => { expect.soft(1).toBe(2); log("after soft"); });
`,
    });
    const results = await loaded.runAll();
    expect(statuses(loaded, results)).toEqual({
      "uses context": "passed",
      "skips itself": "skipped",
      "expected failure": "passed",
      "unexpected pass": "failed",
      "skipIf true": "skipped",
      "runIf true": "passed",
      soft: "failed",
    });
    expect(log().slice(0, 4)).toEqual(["before", "after2", "after1", "cleanup"]);
    expect(log()).toContain("after soft");
  });

  test("vi fake timers: advanceTimersByTime, runAllTimers, Date; real timers restored after the test", async () => {
    const loaded = await load({
      "t.test.ts": `
import { test, expect, vi } from "vitest";
test("advance", () => {
  vi.useFakeTimers();
  const fn = vi.fn();
  setTimeout(fn, 1000);
  setInterval(fn, 300);
  vi.advanceTimersByTime(999);
  expect(fn).toHaveBeenCalledTimes(3);
  vi.advanceTimersByTime(1);
  expect(fn).toHaveBeenCalledTimes(4);
  vi.setSystemTime(new Date("2020-01-01T00:00:00Z"));
  expect(new Date().getUTCFullYear()).toBe(2020);
  expect(Date.now()).toBe(Date.UTC(2020, 0, 1));
});
test("run all", () => {
  vi.useFakeTimers();
  let n = 0;
  setTimeout(() => { n++; setTimeout(() => n++, 50); }, 10);
  expect(vi.getTimerCount()).toBe(1);
  vi.runAllTimers();
  expect(n).toBe(2);
});
test("real again", async () => {
  expect(vi.isFakeTimers()).toBe(false);
  await new Promise((r) => setTimeout(r, 1));
});
`,
    });
    for (let i = 0; i < 3; i++) {
      const results = await loaded.runAll();
      expect(results.map((r) => r.status)).toEqual(["passed", "passed", "passed"]);
    }
    expect(typeof setTimeout(() => {}, 0)).not.toBe("number");
  });
});

describe("jest globals and mocha globals", () => {
  test("jest.useFakeTimers at file level applies to every test of that file", async () => {
    const loaded = await load(
      {
        "j.test.js": `
jest.useFakeTimers();
test("timer fires only when advanced", () => {
  const fn = jest.fn();
  setTimeout(fn, 5000);
  expect(fn).not.toHaveBeenCalled();
  jest.advanceTimersByTime(5000);
  expect(fn).toHaveBeenCalledTimes(1);
});
`,
        "k.test.js": `test("real timers here", async () => { await new Promise((r) => setTimeout(r, 1)); });`,
      },
      { globals: true },
    );
    for (let i = 0; i < 3; i++) {
      const results = await loaded.runAll({ testTimeoutMs: 500 });
      expect(results.map((r) => r.status)).toEqual(["passed", "passed"]);
    }
  });

  test("done callbacks, this.timeout, this.skip, shared this, it.skip/xit, context/specify", async () => {
    const loaded = await load(
      {
        "m.spec.js": `
describe("mocha", function () {
  this.timeout(30);
  before(function () { this.shared = 42; });
  beforeEach("named hook", function () { globalThis.__log.push("each:" + this.currentTest.title); });
  it("reads shared this", function () { if (this.shared !== 42) throw new Error("no shared"); });
  it("done ok", function (done) { setTimeout(done, 1); });
  it("done error", function (done) { setTimeout(() => done(new Error("bad")), 1); });
  it("too slow for suite timeout", function (done) { setTimeout(done, 200); });
  it("raises its own timeout", function (done) { this.timeout(500); setTimeout(done, 60); });
  it("skips", function () { this.skip(); });
  it.skip("skipped", function () {});
  xit("x-skipped", function () {});
  it("pending without fn");
  context("nested", function () { specify("spec", function () {}); });
});
`,
      },
      { globals: true },
    );
    const results = await loaded.runAll({ testTimeoutMs: 1000 });
    expect(statuses(loaded, results)).toEqual({
      "mocha > reads shared this": "passed",
      "mocha > done ok": "passed",
      "mocha > done error": "failed",
      "mocha > too slow for suite timeout": "failed",
      "mocha > raises its own timeout": "passed",
      "mocha > skips": "skipped",
      "mocha > skipped": "skipped",
      "mocha > x-skipped": "skipped",
      "mocha > pending without fn": "skipped",
      "mocha > nested > spec": "passed",
    });
    expect(results[3]!.error).toContain("Timeout of 30ms");
    expect(log()[0]).toBe("each:reads shared this");
  });

  test("sharedRoot: a root-level hook of one file applies to tests of every file; .only is global", async () => {
    const files = {
      "hooks.spec.js": `beforeEach(() => globalThis.__log.push("root hook"));`,
      "a.spec.js": `it("a", () => {}); it.only("focused", () => {});`,
      "b.spec.js": `it("b", () => {});`,
    };
    const shared = await load(files, { globals: true, sharedRoot: true });
    expect(shared.harness.tests().map((t) => [t.id, t.skipped])).toEqual([
      ["a.spec.js > a", true],
      ["a.spec.js > focused", false],
      ["b.spec.js > b", true],
    ]);
    await shared.run([1]);
    expect(log()).toEqual(["root hook"]);
    resetLog();
    const perFile = await load(files, { globals: true });
    expect(perFile.harness.tests().map((t) => t.skipped)).toEqual([true, false, false]);
    await perFile.run([2]);
    expect(log()).toEqual([]);
  });
});

describe("bun:test extras", () => {
  test("test.each with objects, describe.each, test.if, extra matchers, failing", async () => {
    const loaded = await load({
      "b.test.ts": `
import { test, describe, expect } from "bun:test";
describe.each([1, 2])("block %d", (n) => { test("positive", () => { expect(n).toBePositive(); }); });
test.if(false)("not run", () => {});
test.failing("known bug", () => { expect(true).toBeFalse(); });
test("matchers", () => {
  expect([1, 2]).toBeArrayOfSize(2);
  expect("hello").toStartWith("he");
  expect({ a: 1 }).toContainKey("a");
  expect("").toBeEmpty();
  expect(3).toBeOneOf([1, 3]);
});
`,
    });
    const results = await loaded.runAll();
    expect(statuses(loaded, results)).toEqual({
      "block 1 > positive": "passed",
      "block 2 > positive": "passed",
      "not run": "skipped",
      "known bug": "passed",
      matchers: "passed",
    });
  });
});

describe("vitest config and matcher names real suites use (immer's tests)", () => {
  test("vi.setConfig({ testTimeout }) at a file's top level sets that file's test timeout", async () => {
    const loaded = await load({
      "short.test.js": `
import { test, vi } from "vitest";
vi.setConfig({ testTimeout: 50 });
test("slower than the file's timeout", () => new Promise((r) => setTimeout(r, 300)));
`,
      "default.test.js": `
import { test } from "vitest";
test("same wait under the default timeout", () => new Promise((r) => setTimeout(r, 300)));
`,
    });
    const results = await loaded.runAll();
    expect(statuses(loaded, results)).toEqual({
      "slower than the file's timeout": "failed",
      "same wait under the default timeout": "passed",
    });
    expect(loaded.harness.unsupported()).toEqual([]);
  });

  test("vi.setConfig with other keys, or inside a test, is reported, not ignored", async () => {
    const loaded = await load({
      "other.test.js": `
import { test, vi } from "vitest";
vi.setConfig({ testTimeout: 100, sequence: { shuffle: true } });
test("t", () => { vi.setConfig({ testTimeout: 10 }); });
`,
    });
    const results = await loaded.runAll();
    expect(loaded.harness.unsupported()).toEqual(["vi.setConfig({ testTimeout, sequence }) in other.test.js"]);
    expect(results.map((r) => r.unsupported)).toEqual([["vi.setConfig() in a test"]]);
  });

  test("old matcher names (toThrowError, toBeCalledWith, lastCalledWith…) read the matchers they name", async () => {
    const loaded = await load({
      "aliases.test.js": `
import { expect, test, vi } from "vitest";
test("aliases pass", () => {
  const fn = vi.fn((x) => x * 2);
  fn(1); fn(2);
  expect(() => { throw new Error("boom"); }).toThrowError(/boom/);
  expect(fn).toBeCalled();
  expect(fn).toBeCalledTimes(2);
  expect(fn).toBeCalledWith(1);
  expect(fn).lastCalledWith(2);
  expect(fn).nthCalledWith(1, 1);
  expect(fn).toReturn();
  expect(fn).toReturnTimes(2);
  expect(fn).toReturnWith(4);
  expect(fn).lastReturnedWith(4);
  expect(fn).nthReturnedWith(1, 2);
  expect(() => {}).not.toThrowError();
});
test("aliases fail", () => { expect(() => {}).toThrowError(); });
`,
    });
    const results = await loaded.runAll();
    expect(statuses(loaded, results)).toEqual({ "aliases pass": "passed", "aliases fail": "failed" });
    expect(loaded.harness.unsupported()).toEqual([]);
  });
});
