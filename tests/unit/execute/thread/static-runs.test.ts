// StaticRuns: static gremlins on a module graph reloaded in a kept worker per slot. Giving reloading up
// (one slot saw a changed environment) must not terminate another slot's worker in the middle of its
// run: that run then timed out (a Killed gremlin reported as Timeout; seen in CI).

import { describe, expect, test } from "bun:test";
import type { RunSettings } from "../../../../src/execute/thread/run-gremlin.ts";
import { StaticRuns } from "../../../../src/execute/thread/static-runs.ts";
import type { Loaded, PortWorker, WorkerPort } from "../../../../src/execute/thread/port.ts";
import { Units } from "../../../../src/execute/thread/units.ts";

const TEST = { index: 0, id: "t > a", name: "a", fullName: "a", file: "t.js", skipped: false };
const loaded = (extra: Partial<Loaded> = {}): Loaded => ({
  type: "loaded",
  tests: [TEST],
  staticReached: [],
  unsupported: [],
  reloadable: true,
  durationMs: 1,
  ...extra,
});

/** A worker whose reloads answer what the test says, and whose runs pass. */
class FakeWorker {
  alive = true;
  fatal: string[] = [];
  reloads: ((reply: Loaded) => void)[] = [];
  /** The files each reload request named (undefined: all). */
  reloadFiles: (string[] | undefined)[] = [];
  hits = 1;
  activate(): void {}
  activeHits(): number {
    return this.hits;
  }
  hitLimitExceeded(): boolean {
    return false;
  }
  request(request: { type: string; files?: string[] }): Promise<unknown> {
    if (!this.alive) return Promise.resolve({ type: "exit", error: "terminated" });
    if (request.type === "reload") {
      this.reloadFiles.push(request.files);
      return new Promise((resolve) => this.reloads.push(resolve));
    }
    return Promise.resolve({
      type: "ran",
      results: [{ index: 0, status: "passed", durationMs: 1 }],
      reached: [],
      outside: [],
      hits: [],
    });
  }
}

function setup(): { runs: StaticRuns<PortWorker>; made: FakeWorker[]; released: FakeWorker[]; settings: RunSettings } {
  const made: FakeWorker[] = [];
  const released: FakeWorker[] = [];
  const supply = {
    takeLoaded: async () => {
      const worker = new FakeWorker();
      made.push(worker);
      return { worker, loaded: loaded() };
    },
    release: (worker: FakeWorker) => {
      worker.alive = false;
      released.push(worker);
    },
  } as unknown as WorkerPort<PortWorker>; // a fake worker with only what StaticRuns uses
  const tests = new Map([[0, TEST]]);
  const settings: RunSettings = {
    tests,
    units: new Units(tests),
    durations: new Map([[0, 1]]),
    hitLimitFor: () => 1000,
    hitLimitCeiling: 1000,
    testTimeoutMs: 1000,
    limitFor: () => 1000,
    loadLimitMs: 1000,
    testTimeoutFails: false,
  };
  return { runs: new StaticRuns(supply, true), made, released, settings };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("StaticRuns", () => {
  test("each slot's first static gremlin takes a fresh worker, later ones reload it", async () => {
    const { runs, made, settings } = setup();
    expect((await runs.run(0, 7, null, settings)).status).toBe("Survived");
    const second = runs.run(0, 8, null, settings);
    await tick();
    made[0]!.reloads.shift()!(loaded());
    expect((await second).status).toBe("Survived");
    expect(made).toHaveLength(1);
    expect(runs.reloads).toBe(1);
    runs.close();
  });

  test("a reload names the files of the gremlin's tests; one that loaded only them and never reached the gremlin loads everything again", async () => {
    const { runs, made, settings } = setup();
    await runs.run(0, 1, [0], settings);
    const partial = runs.run(0, 2, [0], settings);
    await tick();
    made[0]!.reloads.shift()!(loaded({ partial: true }));
    expect((await partial).status).toBe("Survived");
    expect(runs.partialReloads).toBe(1);
    made[0]!.hits = 0;
    const missed = runs.run(0, 3, [0], settings);
    await tick();
    made[0]!.reloads.shift()!(loaded({ partial: true }));
    await tick();
    made[0]!.hits = 1;
    made[0]!.reloads.shift()!(loaded());
    expect((await missed).status).toBe("Survived");
    expect(made[0]!.reloadFiles).toEqual([["t.js"], ["t.js"], undefined]);
    expect(runs.gaveUp).toBeNull();
    expect(runs.partialReloads).toBe(1);
    runs.close();
  });

  test("a reload that throws (the gremlin breaks a module's load) keeps the worker: the next one reloads it", async () => {
    const { runs, made, released, settings } = setup();
    await runs.run(0, 1, null, settings);
    const broken = runs.run(0, 2, null, settings);
    await tick();
    made[0]!.reloads.shift()!(loaded({ error: "t.js: TypeError: x is not a function" }));
    const result = await broken;
    expect(result.status).toBe("Killed");
    expect(result.recycle).toBe(false);
    expect(result.cleanCheckOwed).toBe(true); // confirmed with the slot's other held kills by one clean reload
    expect(runs.keeps(0)).toBe(true);
    const next = runs.run(0, 3, null, settings);
    await tick();
    made[0]!.reloads.shift()!(loaded());
    expect((await next).status).toBe("Survived");
    expect(made).toHaveLength(1);
    expect(released).toEqual([]);
    runs.close();
  });

  test("giving up on one slot leaves the other slot's running worker alone", async () => {
    const { runs, made, released, settings } = setup();
    await runs.run(0, 1, null, settings);
    await runs.run(1, 2, null, settings);
    const [w0, w1] = made as [FakeWorker, FakeWorker];
    const onSlot1 = runs.run(1, 3, null, settings); // reloading on slot 1…
    await tick();
    const onSlot0 = runs.run(0, 4, null, settings);
    await tick();
    w0.reloads.shift()!(loaded({ stale: "the project changed the global environment (Array.prototype.x added)" }));
    expect((await onSlot0).status).toBe("Survived"); // re-run on a fresh worker
    expect(runs.gaveUp).toContain("Array.prototype.x added");
    expect(released).toContain(w0);
    expect(w1.alive).toBe(true); // …is not terminated under it
    w1.reloads.shift()!(loaded());
    expect((await onSlot1).status).toBe("Survived");
    // Slot 1's next static gremlin drops its kept worker and takes a fresh one.
    await runs.run(1, 5, null, settings);
    expect(released).toContain(w1);
    // The fresh worker runStatic took was released after its gremlin; close() ends what is still kept.
    runs.close();
    expect(made.filter((w) => w.alive)).toEqual([]);
  });
});
