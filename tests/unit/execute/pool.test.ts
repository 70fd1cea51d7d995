// The worker pool: honours N, never idles while work remains, keeps result order, stops on request;
// and worker-count resolution (auto / count / percentage / cgroup quota).
import { describe, expect, test } from "bun:test";
import { cgroupCpuLimit, resolveWorkers, runPool, usableCores } from "../../../src/execute/pool.ts";
import { ConfigError } from "../../../src/errors.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("runPool", () => {
  test("runs at most N at once and keeps N busy while work remains", async () => {
    let active = 0;
    const samples: number[] = [];
    const durations = [30, 5, 5, 5, 5, 5, 5, 5, 5, 5];
    const results = await runPool(durations, 3, async (ms, worker) => {
      active++;
      samples.push(active);
      expect(worker).toBeGreaterThanOrEqual(0);
      expect(worker).toBeLessThan(3);
      await sleep(ms);
      active--;
      return ms * 2;
    });
    expect(Math.max(...samples)).toBe(3);
    // Every task after the first three starts while the pool is full (never idle with work queued).
    expect(samples.slice(2).every((n) => n === 3)).toBe(true);
    expect(results).toEqual(durations.map((d) => d * 2));
  });

  test("a slow item does not hold back the other workers", async () => {
    const order: number[] = [];
    await runPool([60, 10, 10, 10, 10], 2, async (ms, _w, position) => {
      await sleep(ms);
      order.push(position);
    });
    // Worker 2 drains the four short items while worker 1 holds the long one.
    expect(order.at(-1)).toBe(0);
  });

  test("a worker keeps its number for the items it takes", async () => {
    const running = new Set<number>();
    await runPool(
      Array.from({ length: 12 }, (_, i) => i),
      4,
      async (_item, worker) => {
        expect(running.has(worker)).toBe(false);
        running.add(worker);
        await sleep(2);
        running.delete(worker);
      },
    );
  });

  test("stops handing out work when asked", async () => {
    let done = 0;
    const results = await runPool(
      [1, 2, 3, 4, 5, 6],
      2,
      async (n) => {
        done++;
        return n;
      },
      () => done >= 2,
    );
    expect(done).toBe(2);
    expect(results.filter((r) => r !== undefined)).toEqual([1, 2]);
  });

  test("empty input", async () => {
    expect(await runPool([], 4, async () => 1)).toEqual([]);
  });

  test("each worker's drained hook runs once it finds the queue empty, before the pool resolves, while others still work", async () => {
    const events: string[] = [];
    await runPool(
      [40, 5, 5],
      2,
      async (ms, worker) => {
        events.push(`start ${worker}`);
        await sleep(ms);
        events.push(`end ${worker}`);
      },
      undefined,
      async (worker) => {
        events.push(`drained ${worker}`);
        await sleep(5);
        events.push(`drained done ${worker}`);
      },
    );
    // Worker 1 takes both short items and drains while worker 0 still runs the long one.
    expect(events.indexOf("drained 1")).toBeLessThan(events.lastIndexOf("end 0"));
    expect(events.filter((e) => /^drained \d$/.test(e)).sort()).toEqual(["drained 0", "drained 1"]);
    expect(events.at(-1)).toBe("drained done 0");
  });

  test("a stopped pool still calls the drained hooks", async () => {
    const drained: number[] = [];
    let done = 0;
    await runPool(
      [1, 2, 3, 4],
      2,
      async () => void done++,
      () => done >= 1,
      async (worker) => void drained.push(worker),
    );
    expect(drained.sort()).toEqual([0, 1]);
  });
});

describe("resolveWorkers", () => {
  test.each([
    [2, 100, 8, 2],
    ["auto", 100, 8, 8],
    ["auto", 3, 8, 3],
    ["50%", 100, 8, 4],
    ["10%", 100, 4, 1],
    ["3", 100, 8, 3],
    [0, 100, 8, 1],
    [16, 5, 8, 5],
    ["auto", 0, 8, 1],
  ] as const)("%p with %d jobs on %d cores → %d", (setting, jobs, cores, expected) => {
    expect(resolveWorkers(setting, jobs, cores)).toBe(expected);
  });

  test("rejects nonsense", () => {
    expect(() => resolveWorkers("many", 10, 4)).toThrow(ConfigError);
  });
});

describe("cgroup cpu.max", () => {
  test.each([
    ["max 100000", null],
    ["200000 100000", 2],
    ["150000 100000\n", 2],
    ["50000 100000", 1],
    ["", null],
    [null, null],
  ] as const)("%p → %p", (text, cpus) => {
    expect(cgroupCpuLimit(text)).toBe(cpus);
  });

  test("usable cores honour the quota", () => {
    expect(usableCores("100000 100000")).toBe(1);
    expect(usableCores("max 100000")).toBeGreaterThanOrEqual(1);
  });
});
