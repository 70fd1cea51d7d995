// Fake timers on the runners' own clock (@sinonjs/fake-timers) with each runner's defaults: jest fakes
// nextTick/queueMicrotask/performance too (runAllTicks runs them), vitest all but nextTick/queueMicrotask;
// the *Async variants await promise chains between timers. vi.waitFor/waitUntil and expect.poll.
import { afterAll, describe, expect, test } from "bun:test";
import { cleanup, load, statuses } from "./load.ts";

afterAll(cleanup);

async function run(source: string): Promise<Record<string, string>> {
  const loaded = await load({ "u.test.ts": source });
  expect(loaded.harness.unsupported()).toEqual([]);
  const results = await loaded.runAll();
  for (const r of results) if (r.status !== "passed") console.log(r.error);
  return statuses(loaded, results);
}

describe("jest fake timers", () => {
  test("nextTick, queueMicrotask and performance.now are faked; runAllTicks runs the ticks", async () => {
    const s = await run(`
      import { expect, jest, test } from "@jest/globals";
      test("ticks", () => {
        jest.useFakeTimers();
        const seen = [];
        process.nextTick(() => seen.push("tick"));
        queueMicrotask(() => seen.push("micro"));
        expect(seen).toEqual([]);
        jest.runAllTicks();
        expect(seen).toEqual(["tick", "micro"]);
        jest.useRealTimers();
      });
      test("performance.now follows the clock", () => {
        jest.useFakeTimers();
        const t0 = performance.now();
        jest.advanceTimersByTime(250);
        expect(performance.now() - t0).toBe(250);
        jest.useRealTimers();
      });
      test("doNotFake keeps nextTick real", async () => {
        jest.useFakeTimers({ doNotFake: ["nextTick"] });
        const seen = await new Promise((resolve) => process.nextTick(() => resolve("real")));
        expect(seen).toBe("real");
        jest.useRealTimers();
      });
      test("advanceTimersByTimeAsync runs promise chains between timers", async () => {
        jest.useFakeTimers();
        const seen = [];
        setTimeout(() => Promise.resolve().then(() => setTimeout(() => seen.push("second"), 10)), 10);
        await jest.advanceTimersByTimeAsync(20);
        expect(seen).toEqual(["second"]);
        jest.useRealTimers();
      });
      test("runOnlyPendingTimersAsync and advanceTimersToNextTimerAsync await", async () => {
        jest.useFakeTimers();
        const seen = [];
        setTimeout(async () => { await null; seen.push("a"); }, 5);
        await jest.advanceTimersToNextTimerAsync();
        expect(seen).toEqual(["a"]);
        setTimeout(async () => { await null; seen.push("b"); }, 5);
        await jest.runOnlyPendingTimersAsync();
        expect(seen).toEqual(["a", "b"]);
        jest.useRealTimers();
      });
    `);
    expect(Object.values(s)).toEqual(Array(5).fill("passed"));
  });
});

describe("vitest fake timers and polling", () => {
  test("nextTick stays real, performance.now is faked, setSystemTime alone fakes Date", async () => {
    const s = await run(`
      import { expect, test, vi } from "vitest";
      test("defaults", async () => {
        vi.useFakeTimers();
        const t0 = performance.now();
        vi.advanceTimersByTime(100);
        expect(performance.now() - t0).toBe(100);
        expect(await new Promise((resolve) => process.nextTick(() => resolve("real")))).toBe("real");
        vi.useRealTimers();
      });
      test("toFake with queueMicrotask: runAllTicks; nextTick is refused as in vitest's default pool", () => {
        vi.useFakeTimers({ toFake: ["queueMicrotask", "setTimeout"] });
        const seen = [];
        queueMicrotask(() => seen.push(1));
        vi.runAllTicks();
        expect(seen).toEqual([1]);
        vi.useRealTimers();
        expect(() => vi.useFakeTimers({ toFake: ["nextTick"] })).toThrow("not supported in node:child_process");
      });
      test("setSystemTime without fake timers", () => {
        vi.setSystemTime(new Date("2020-01-01T00:00:00Z"));
        expect(new Date().toISOString()).toBe("2020-01-01T00:00:00.000Z");
        expect(vi.isFakeTimers()).toBe(false);
        vi.useRealTimers();
        expect(new Date().getFullYear()).toBeGreaterThan(2020);
      });
      test("waitFor retries until the callback stops throwing, advancing fake timers", async () => {
        vi.useFakeTimers();
        let ready = false;
        setTimeout(() => { ready = true; }, 120);
        const value = await vi.waitFor(() => { if (!ready) throw new Error("not yet"); return "ok"; }, { interval: 50, timeout: 2000 });
        expect(value).toBe("ok");
        vi.useRealTimers();
      });
      test("waitUntil fails at once on a throw and times out on falsy", async () => {
        await expect(vi.waitUntil(() => { throw new Error("boom"); })).rejects.toThrow("boom");
        await expect(vi.waitUntil(() => false, { timeout: 60, interval: 10 })).rejects.toThrow("Timed out in waitUntil!");
        let n = 0;
        expect(await vi.waitUntil(() => ++n >= 3 && n, { interval: 5 })).toBe(3);
      });
      test("expect.poll retries the matcher, with not", async () => {
        let n = 0;
        await expect.poll(() => ++n, { interval: 5 }).toBe(3);
        await expect.poll(() => "x", { interval: 5 }).not.toBe("y");
        await expect(expect.poll(() => 1, { timeout: 40, interval: 10 }).toBe(2)).rejects.toThrow("expected");
      });
    `);
    expect(Object.values(s)).toEqual(Array(6).fill("passed"));
  });

  test("an expect.poll that is not awaited fails its test; poll with toThrow is refused", async () => {
    const loaded = await load({
      "u.test.ts": `
        import { expect, test } from "vitest";
        test("unawaited", () => { expect.poll(() => 1).toBe(1); });
        test("toThrow", async () => { await expect.poll(() => 1).toThrow(); });
      `,
    });
    const [unawaited, toThrow] = await loaded.runAll();
    expect(unawaited!.error).toContain("expect.poll(assertion).toBe() was not awaited");
    expect(toThrow!.error).toContain("expect.poll() is not supported in combination with .toThrow()");
  });
});
