// runScheduled and DurationEstimate: the default --verify sample starts no re-check whose estimated end is past
// the deadline (a cheaper later one may still fit), stops the runs in flight when the deadline fires, and
// says whether every id was re-checked.
import { describe, expect, test } from "bun:test";
import { DurationEstimate, runScheduled } from "../../../src/verify/schedule.ts";

/** A fake clock: each run moves it on by that id's duration. */
function rig(durations: Record<string, number>) {
  let clock = 0;
  const started: string[] = [];
  const run = async (id: string) => {
    started.push(id);
    clock += durations[id] ?? 0;
    return `v-${id}`;
  };
  return { run, started, now: () => clock, setClock: (ms: number) => (clock = ms) };
}

const never = new AbortController().signal;

describe("runScheduled", () => {
  test("no deadline: every id runs, at most `workers` at a time, and it is complete", async () => {
    let running = 0;
    let most = 0;
    const run = async (id: string) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      return id.toUpperCase();
    };
    const out = await runScheduled({
      ids: ["a", "b", "c", "d", "e"],
      workers: 2,
      run,
      deadline: Infinity,
      stop: never,
      estimate: () => 1e9,
    });
    expect(most).toBe(2);
    expect([...out.done.values()].sort()).toEqual(["A", "B", "C", "D", "E"]);
    expect(out.stopped).toBe("complete");
  });

  test("an id that would end past the deadline is passed over for a cheaper one; none fitting ends it", async () => {
    const r = rig({ a: 50, b: 80, c: 30, d: 10 });
    const estimates: Record<string, number | null> = { a: null, b: 80, c: 30, d: 10 };
    const out = await runScheduled({
      ids: ["a", "b", "c", "d"],
      workers: 1,
      run: r.run,
      deadline: 100,
      stop: never,
      estimate: (id) => estimates[id] ?? null,
      now: r.now,
    });
    // a (nothing known yet) ends at 50; b (80) would end at 130: c ends at 80, d at 90; b never fits.
    expect(r.started).toEqual(["a", "c", "d"]);
    expect([...out.done.keys()]).toEqual(["a", "c", "d"]);
    expect(out.stopped).toBe("deadline");
  });

  test("past the deadline nothing starts, not even an id with no estimate", async () => {
    const r = rig({ a: 1 });
    r.setClock(150);
    const out = await runScheduled({
      ids: ["a"],
      workers: 2,
      run: r.run,
      deadline: 100,
      stop: never,
      estimate: () => null,
      now: r.now,
    });
    expect(r.started).toEqual([]);
    expect(out).toEqual({ done: new Map(), stopped: "deadline" });
  });

  test("the deadline's stop ends the runs in flight: they count as not checked, and no other starts", async () => {
    const stop = new AbortController();
    const started: string[] = [];
    const run = (id: string, _worker: number, signal: AbortSignal) => {
      started.push(id);
      if (id === "quick") return Promise.resolve("done");
      return new Promise<string | undefined>((resolve) => signal.addEventListener("abort", () => resolve(undefined)));
    };
    const pending = runScheduled({
      ids: ["slow1", "slow2", "quick", "never"],
      workers: 2,
      run,
      deadline: Infinity,
      stop: stop.signal,
      estimate: () => null,
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    const out = await pending;
    expect(started).toEqual(["slow1", "slow2"]);
    expect(out).toEqual({ done: new Map(), stopped: "deadline" });
  });

  test("runs on distinct workers", async () => {
    const workers: number[] = [];
    await runScheduled({
      ids: ["a", "b"],
      workers: 2,
      run: async (_id, worker) => {
        workers.push(worker);
        await new Promise((resolve) => setTimeout(resolve, 1));
        return 1;
      },
      deadline: Infinity,
      stop: never,
      estimate: () => null,
    });
    expect(workers.sort()).toEqual([0, 1]);
  });
});

describe("DurationEstimate", () => {
  const files: Record<string, number> = { a: 100, b: 400, c: 0 };
  test("nothing known before a run ended", () => {
    expect(new DurationEstimate((id) => files[id] ?? 0).estimate("a")).toBeNull();
  });
  test("files' own time plus the largest start-up seen", () => {
    const d = new DurationEstimate((id) => files[id] ?? 0);
    d.observe("a", { status: "Killed", durationMs: 700 }); // 600 beyond its files
    d.observe("c", { status: "Survived", durationMs: 300 }); // 300: the largest stays
    expect(d.startUpMs).toBe(600);
    expect(d.estimate("b")).toBe(1000);
    expect(d.estimate("c")).toBe(600);
  });
  test("a run faster than its files' thread time means no start-up, not a negative one", () => {
    const d = new DurationEstimate((id) => files[id] ?? 0);
    d.observe("b", { status: "Survived", durationMs: 250 });
    expect(d.startUpMs).toBe(0);
    expect(d.estimate("b")).toBe(400);
  });
  test("a run the time limit ended teaches nothing: its duration is the limit (body-parser: limits grew past 4 min)", () => {
    const d = new DurationEstimate((id) => files[id] ?? 0);
    d.observe("a", { status: "Killed", durationMs: 700 });
    // mocha without --exit: a test failed, then the process kept its server open until the limit killed it.
    d.observe("b", { status: "Killed", durationMs: 9000, endedByLimit: true });
    d.observe("c", { status: "Timeout", durationMs: 9000 });
    d.observe("c", { status: "Survived" });
    expect(d.startUpMs).toBe(600);
  });
});
