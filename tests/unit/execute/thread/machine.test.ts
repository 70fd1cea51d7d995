// The thread executor's slot machine with fake workers (fake-port.ts), no thread started: each event —
// held kills verified, taint and careful mode, a crash, the hit limit, a time limit, spares running out,
// a worker that cannot be reset, static gremlins on a reloaded graph, fresh mode — and what it leads to.

import { describe, expect, test } from "bun:test";
import { runPool } from "../../../../src/execute/pool.ts";
import { FIRST_EPOCH } from "../../../../src/execute/thread/epochs.ts";
import { MAX_STATIC_EPOCH, SlotMachine, STATIC_EPOCH, type SlotEvent } from "../../../../src/execute/thread/machine.ts";
import type { GremlinResult, RunSettings } from "../../../../src/execute/thread/run-gremlin.ts";
import type { Job } from "../../../../src/execute/thread/slot-events.ts";
import type { Gremlin } from "../../../../src/types.ts";
import { FakePort, fakeSettings, TESTS, type World } from "./fake-port.ts";

function gremlin(index: number): Gremlin {
  return {
    id: `g${index}`,
    index,
    file: "src/a.js",
    start: 0,
    end: 1,
    loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 1 } },
    operator: "op",
    original: "a",
    replacement: "b",
    description: "a → b",
    kind: "expression",
  } as Gremlin; // a plain fixture: only index and id matter here
}

const dynamic = (index: number, tests = TESTS): Job => ({ gremlin: gremlin(index), plan: { kind: "dynamic", tests } });
const statik = (index: number): Job => ({ gremlin: gremlin(index), plan: { kind: "static", tests: TESTS } });

interface Setup {
  slots?: number;
  /** Slot 0 starts with a loaded worker (the baseline's). Default: true. */
  first?: boolean;
  fresh?: boolean;
  settings?: RunSettings;
  spares?: number;
  /** Tests that take other paths once state is warm. */
  stateful?: number[];
}

async function execute(world: World, jobs: Job[], setup: Setup = {}) {
  const port = new FakePort(world);
  if (setup.spares !== undefined) port.spares = setup.spares;
  const slots = setup.slots ?? 1;
  const events: SlotEvent[] = [];
  /** Each event with the slot's state once it happened. */
  const states: string[] = [];
  const verdicts = new Map<number, GremlinResult>();
  const careful: string[] = [];
  const notices: string[] = [];
  const machine = new SlotMachine({
    port,
    slots,
    first: setup.first === false ? null : port.worker(),
    fresh: setup.fresh ?? false,
    reloadable: world.reloadable === true,
    stateful: new Set(setup.stateful ?? []),
    settings: setup.settings ?? fakeSettings(),
    onVerdict: (job, result) => verdicts.set(job.gremlin.index, result),
    onCareful: (reason) => careful.push(reason),
    onNotice: (message) => notices.push(message),
    onEvent: (event) => {
      events.push(event);
      queueMicrotask(() => states.push(`${event.type}: ${machine.state(event.slot)}`));
    },
  });
  await runPool(
    jobs,
    slots,
    (job, slot) => machine.dispatch(job, slot),
    undefined,
    (slot) => machine.drained(slot),
  );
  const mode = machine.mode;
  const after = Array.from({ length: slots }, (_, slot) => machine.state(slot));
  machine.close();
  const status = (index: number) => verdicts.get(index)?.status;
  const types = (index?: number) => events.filter((e) => index === undefined || e.gremlin === index).map((e) => e.type);
  return { port, events, types, states, after, verdicts, status, careful, notices, mode, machine };
}

describe("SlotMachine: held kills", () => {
  test("kills on a kept worker are held, then reported when the slot's verification passes", async () => {
    const world: World = { test: (g, t) => (g > 0 && g % 2 === 0 && t === 1 ? "fail" : "pass") };
    const run = await execute(
      world,
      [1, 2, 3, 4, 5, 6].map((i) => dynamic(i)),
    );
    expect([1, 2, 3, 4, 5, 6].map(run.status)).toEqual([
      "Survived",
      "Killed",
      "Survived",
      "Killed",
      "Survived",
      "Killed",
    ]);
    expect(run.types().filter((t) => t === "held")).toHaveLength(3);
    expect(run.types().at(-1)).toBe("verified"); // the slot ran out of work and verified what it held
    expect(run.port.made).toHaveLength(1); // the baseline's worker served every run
    // The verification: the killing test alone, no gremlin active.
    expect(run.port.sent.at(-1)).toMatchObject({ gremlin: 0, type: "run", tests: [1] });
    expect(run.mode).toBe("batched");
    expect(run.states.filter((s) => s.startsWith("held"))).toEqual(Array(3).fill("held: holding"));
    expect(run.after).toEqual(["loaded"]);
  });

  test("a slot verifies as soon as it holds an epoch's worth of kills", async () => {
    const count = FIRST_EPOCH + 1;
    const run = await execute(
      { test: (g, t) => (g > 0 && t === 0 ? "fail" : "pass") },
      Array.from({ length: count }, (_, i) => dynamic(i + 1)),
    );
    const types = run.types().filter((t) => t === "held" || t === "verified");
    expect(types.indexOf("verified")).toBe(FIRST_EPOCH);
    expect(types.filter((t) => t === "verified")).toHaveLength(2);
    expect([...run.verdicts.values()].every((r) => r.status === "Killed")).toBe(true);
  });

  test("two slots verify their own kills on their own workers", async () => {
    const run = await execute(
      { test: (g, t) => (g > 0 && t === 2 ? "fail" : "pass") },
      [1, 2, 3, 4].map((i) => dynamic(i)),
      { slots: 2 },
    );
    const verified = run.events.filter((e) => e.type === "verified").map((e) => e.slot);
    expect(verified.sort()).toEqual([0, 1]);
    expect(run.port.made).toHaveLength(2); // slot 1 took a loaded spare
  });
});

describe("SlotMachine: taint and careful mode", () => {
  // Gremlin 3 (or 7) leaves state behind in its worker (in its last test); test 2 then fails whatever gremlin is active.
  const tainting: World = {
    test: (g, t, worker) => {
      if ((g === 3 || g === 7) && t === 3) worker.memory.add("dirty");
      if (t === 2 && worker.memory.has("dirty")) return "fail";
      return g === 20 && t === 0 ? "fail" : "pass";
    },
  };

  test("a failed verification enters careful mode and re-runs the held kills on a fresh worker", async () => {
    const run = await execute(tainting, [dynamic(3), dynamic(4), dynamic(5), dynamic(20)]);
    expect(run.types()).toContain("taint");
    expect(run.careful).toHaveLength(1);
    expect(run.careful[0]).toContain('"t2" failed with no gremlin active');
    expect(run.mode).toBe("careful");
    // 4 and 5 were killed by the taint only: on a fresh worker they survive; 20's kill is real.
    expect([3, 4, 5, 20].map(run.status)).toEqual(["Survived", "Survived", "Survived", "Killed"]);
    expect(run.port.made).toHaveLength(2);
    // The re-runs are checked at once (the failing test re-run without the gremlin in the same request).
    const reruns = run.port.sent.filter((s) => s.worker === 1 && s.gremlin !== 0);
    expect(reruns.map((s) => [s.gremlin, s.recheck])).toEqual([
      [4, true],
      [5, true],
      [20, true],
    ]);
  });

  test("in careful mode a kill whose test fails without the gremlin too is run again on a fresh worker", async () => {
    // An epoch's worth of taint kills makes the verification fail early; then 7 taints the new worker.
    const victims = Array.from({ length: FIRST_EPOCH }, (_, i) => dynamic(10 + i));
    const run = await execute(tainting, [dynamic(3), ...victims, dynamic(7), dynamic(8)]);
    expect(run.mode).toBe("careful");
    expect(run.types(8)).toEqual(["tainted"]); // then a spare, and a run that passes
    expect(run.status(8)).toBe("Survived");
    expect(victims.every((job) => run.status(job.gremlin.index) === "Survived")).toBe(true);
    expect(run.careful).toHaveLength(1); // said once
  });
});

describe("SlotMachine: kills that rest on other runs", () => {
  // Gremlin 3 leaves state behind that fails t0 once, whatever gremlin is active (the failing run resets it).
  const healing: World = {
    test: (g, t, worker) => {
      if (g === 3 && t === 0) return worker.memory.add("dirty") && "fail";
      return t === 0 && worker.memory.delete("dirty") ? "fail" : "pass";
    },
  };

  test("a kill whose test passes when re-run with its gremlin still active is decided on a fresh worker", async () => {
    const run = await execute(healing, [dynamic(3, [0]), dynamic(4, [0])]);
    // 4's failure was 3's leftover: its verification alone would pass (the state healed by then).
    expect(run.types(4)).toContain("unrepeated");
    expect(run.status(4)).toBe("Survived");
    expect(run.status(3)).toBe("Killed");
    expect(run.mode).toBe("batched");
    expect(run.port.sent.filter((s) => s.gremlin === 4).map((s) => s.worker)).toEqual([0, 1]);
  });

  // t1 passes only after t0 has run in the same worker (a counter the file's tests share), with or without a
  // gremlin; gremlin 6 fails t1 in any case.
  const ordered: World = {
    test: (g, t, worker) => {
      if (t === 0) return worker.memory.add("t0") && "pass";
      if (t === 1) return worker.memory.delete("t0") && g !== 6 ? "pass" : "fail";
      return "pass";
    },
  };

  test("a kill whose test fails without the gremlin on a fresh worker is decided by its files run whole, in order", async () => {
    const run = await execute(ordered, [dynamic(5, [1]), dynamic(6, [1])]);
    expect(run.types(5)).toContain("order");
    expect(run.status(5)).toBe("Survived");
    expect(run.status(6)).toBe("Killed");
    const last = run.port.sent.filter((s) => s.gremlin === 5).at(-1);
    expect(last?.tests).toEqual(TESTS);
    expect(last?.recheck).toBe(false);
  });

  test("fresh mode: the failing test is re-checked at once, and an order-bound kill decided the same way", async () => {
    const run = await execute(ordered, [dynamic(5, [1]), dynamic(6, [1])], { fresh: true });
    expect(run.types(5)).toEqual(["order"]);
    expect(run.status(5)).toBe("Survived");
    expect(run.status(6)).toBe("Killed");
  });
});

describe("SlotMachine: crashes", () => {
  test("a worker that dies under a gremlin is replaced, and the gremlin runs once more on a fresh one", async () => {
    const run = await execute({ test: (g, _t, worker) => (g === 5 && worker.id === 0 ? "crash" : "pass") }, [
      dynamic(5),
      dynamic(6),
    ]);
    expect(run.types(5)).toEqual(["retry"]);
    expect(run.status(5)).toBe("Survived");
    expect(run.states[0]).toBe("retire: empty"); // the dead worker was released, a spare comes next
    expect(run.port.released[0]?.id).toBe(0);
    expect(run.port.made).toHaveLength(2); // 6 ran on the replacement
  });

  test("a crash twice is a RuntimeError; a process.exit twice stands as the kill it is under the runner", async () => {
    const run = await execute({ test: (g) => (g === 5 ? "crash" : g === 6 ? "exit" : "pass") }, [
      dynamic(5),
      dynamic(6),
    ]);
    expect(run.status(5)).toBe("RuntimeError");
    expect(run.verdicts.get(5)?.statusReason).toContain("the test worker died twice");
    expect(run.status(6)).toBe("Killed");
    expect(run.verdicts.get(6)?.statusReason).toContain("(and again on a fresh worker)");
  });

  test("a crash loses the slot's held kills: they are re-run on the replacement, not in careful mode", async () => {
    const world: World = {
      test: (g, t, worker) => (g === 2 && t === 0 ? "fail" : g === 5 && worker.id === 0 ? "crash" : "pass"),
    };
    const run = await execute(world, [dynamic(2), dynamic(5)]);
    expect(run.types()).toEqual(["held", "lost", "retire", "spare", "retry"]);
    expect(run.status(2)).toBe("Killed");
    expect(run.status(5)).toBe("Survived");
    expect(run.mode).toBe("batched");
  });
});

describe("SlotMachine: limits", () => {
  test("a derived hit limit that trips is raised to the configured one before a Timeout is given", async () => {
    // Gremlin 4 recurses deeper than its derived limit but ends under the ceiling; 5 never ends.
    const world: World = {
      test: (g, t, worker) => (((g === 4 && worker.hitLimit < 1000) || g === 5) && t === 1 ? "loop" : "pass"),
    };
    const run = await execute(world, [dynamic(4), dynamic(5)], { settings: fakeSettings(10, 1000) });
    expect(run.types(4)).toEqual(["ceiling"]);
    expect(run.status(4)).toBe("Survived");
    expect(run.types(5)).toEqual(["ceiling", "held"]); // the worker answered: its test must pass again without it
    expect(run.status(5)).toBe("Timeout");
    expect(run.verdicts.get(5)?.statusReason).toContain("hit limit");
    expect(run.port.runs().filter((g) => g === 4 || g === 5)).toEqual([4, 4, 5, 5]);
  });

  test("a hit limit at the ceiling already is a Timeout at once", async () => {
    const run = await execute({ test: (g) => (g === 5 ? "loop" : "pass") }, [dynamic(5)], {
      settings: fakeSettings(1000, 1000),
    });
    expect(run.types(5)).toEqual(["held"]);
    expect(run.status(5)).toBe("Timeout");
  });

  test("files apart (node --test): a hung test's Timeout becomes the kill of a test the runner finishes meanwhile", async () => {
    // nanoid: the gremlin makes a test of one file loop forever, and a test of another file fail. node --test runs
    // each file in its own process: the run reports that failure (and never ends). Tests 0, 1 are a.test.js's; 2, 3 b's.
    const base = fakeSettings();
    const tests = new Map([...base.tests].map(([i, t]) => [i, { ...t, file: i < 2 ? "a.test.js" : "b.test.js" }]));
    const apart: RunSettings = { ...base, tests, separateFileRuns: true };
    const world: World = {
      test: (g, t) => ((g === 8 || g === 9) && t === 1 ? "hang" : g === 8 && t === 3 ? "fail" : "pass"),
    };
    const run = await execute(world, [dynamic(8, [1, 3, 0])], { settings: apart });
    expect(run.types(8)).toEqual(["apart", "held"]); // no second time limit: the kill decides
    expect(run.status(8)).toBe("Killed");
    expect(run.verdicts.get(8)?.statusReason).toBe('t3 (while "t1" did not end)');
    // The tests finishing beside t1: b.test.js's, and a.test.js's declared before it; t1 itself is not run again.
    expect(run.port.sent.filter((s) => s.gremlin === 8).map((s) => s.tests)).toEqual([
      [1, 3, 0],
      [3, 0],
    ]);
    // Nothing else fails: the Timeout stands, confirmed by a second run of every covering test.
    const standing = await execute(world, [dynamic(9, [1, 3, 0])], { settings: apart });
    expect(standing.types(9)).toEqual(["apart", "confirm"]);
    expect(standing.status(9)).toBe("Timeout");
    // Runners that run files one after another (mocha, bun, tape…): the Timeout is confirmed as before.
    const inOrder = await execute(world, [dynamic(8, [1, 3, 0])], { settings: { ...apart, separateFileRuns: false } });
    expect(inOrder.types(8)).toEqual(["confirm"]);
    expect(inOrder.status(8)).toBe("Timeout");
  });

  test("a time limit's Timeout stands only when a second run times out too", async () => {
    const world: World = { test: (g, _t, worker) => (g === 7 || (g === 6 && worker.id === 0) ? "hang" : "pass") };
    const run = await execute(world, [dynamic(6), dynamic(7)]);
    expect(run.types(6)).toEqual(["confirm"]); // the hung worker was ended; confirmed on a fresh one
    expect(run.status(6)).toBe("Survived");
    expect(run.verdicts.get(6)?.confirmed).toBeUndefined();
    expect(run.types(7)).toEqual(["confirm"]);
    expect(run.status(7)).toBe("Timeout");
    expect(run.verdicts.get(7)?.confirmed).toBe(true);
  });
});

describe("SlotMachine: spares", () => {
  test("when no worker can be had, the gremlin gets a RuntimeError saying why", async () => {
    const run = await execute({ test: (g) => (g === 2 ? "crash" : "pass") }, [dynamic(1), dynamic(2), dynamic(3)], {
      first: false,
      spares: 1,
    });
    expect(run.status(1)).toBe("Survived");
    expect(run.types(2)).toEqual(["retry"]);
    expect(run.status(2)).toBe("RuntimeError");
    expect(run.verdicts.get(2)?.statusReason).toBe(
      "a replacement worker could not load the tests (no spare could start)",
    );
    expect(run.status(3)).toBe("RuntimeError");
    expect(run.types().filter((t) => t === "no-spare")).toHaveLength(2);
  });

  test("a spare that cannot import the test files is released, and its error given", async () => {
    const run = await execute({ load: () => "SyntaxError: bad" }, [dynamic(1)], { first: false });
    expect(run.status(1)).toBe("RuntimeError");
    expect(run.verdicts.get(1)?.statusReason).toContain("SyntaxError: bad");
    expect(run.port.released).toHaveLength(1);
  });
});

describe("SlotMachine: workers that cannot be reset", () => {
  test("a run refused as stale retires the worker and runs the gremlin on a fresh one; the user is told once", async () => {
    const world: World = { stale: (g, worker) => (g !== 0 && worker.id === 0 ? "globalThis.x was set" : null) };
    const run = await execute(world, [dynamic(1), dynamic(2)]);
    expect(run.types()).toEqual(["stale", "retire", "spare"]);
    expect(run.status(1)).toBe("Survived");
    expect(run.notices).toHaveLength(1);
    expect(run.notices[0]).toContain("globalThis.x was set");
  });

  test("a stale worker's held kills are re-run elsewhere without careful mode", async () => {
    const world: World = {
      test: (g, t) => (g === 1 && t === 0 ? "fail" : "pass"),
      // From gremlin 2 on, worker 0 cannot be reset: its verification is refused too.
      stale: (g, worker) => {
        if (g === 2 && worker.id === 0) worker.memory.add("stuck");
        return worker.memory.has("stuck") ? "a global changed" : null;
      },
    };
    const run = await execute(world, [dynamic(1), dynamic(2)]);
    expect(run.types()).toEqual(["held", "stale", "lost", "retire", "spare"]);
    expect(run.status(1)).toBe("Killed");
    expect(run.mode).toBe("batched");
  });
});

describe("SlotMachine: static gremlins", () => {
  test("a slot's first static gremlin takes a fresh worker; later ones reload its module graph", async () => {
    const world: World = { reloadable: true, test: (g, t) => (g === 11 && t === 0 ? "fail" : "pass") };
    const run = await execute(world, [statik(10), statik(11), statik(12)], { first: false });
    expect(run.port.runs("load")).toEqual([10]);
    // 11's kill is held, then confirmed once the slot drains by a clean reload (no gremlin) that passes the killing test.
    expect(run.port.runs("reload")).toEqual([11, 12, 0]);
    expect(run.types(11)).toEqual(["held"]);
    expect(run.machine.statics.reloads).toBe(2);
    expect([10, 11, 12].map(run.status)).toEqual(["Survived", "Killed", "Survived"]);
    expect(run.port.made.every((w) => !w.alive)).toBe(true);
  });

  test("a derived hit limit that trips while the files load is raised to the configured one, kept graph or fresh", async () => {
    // memoirist: a test file calls the router at load time, and a gremlin makes it recurse without end. Under the
    // configured limit the recursion overflows the stack (the load fails: Killed), as in the runner's process.
    // Gremlin 4 loops only under its derived limit; 5 loops under any limit.
    for (const reloadable of [false, true]) {
      const world: World = {
        reloadable,
        load: (g, worker) => ((g === 4 && worker.hitLimit < 1000) || g === 5 ? "loop" : null),
      };
      const run = await execute(world, [statik(3), statik(4), statik(5)], {
        first: false,
        settings: fakeSettings(10, 1000),
      });
      expect(run.types(4)).toEqual(["ceiling"]);
      expect(run.status(4)).toBe("Survived");
      expect(run.types(5)).toEqual(["ceiling"]);
      expect(run.status(5)).toBe("Timeout");
      expect(run.verdicts.get(5)?.statusReason).toContain("hit limit");
    }
  });

  test("a static gremlin already at the ceiling is a Timeout at once", async () => {
    const run = await execute({ load: (g) => (g === 5 ? "loop" : null) }, [statik(5)], {
      first: false,
      settings: fakeSettings(1000, 1000),
    });
    expect(run.types(5)).toEqual([]);
    expect(run.status(5)).toBe("Timeout");
  });

  test("static kills on reloaded graphs are confirmed together: one clean reload per STATIC_EPOCH kills, twice as many after each that passed", async () => {
    const kills = Array.from({ length: 14 }, (_, i) => 11 + i);
    const world: World = { reloadable: true, test: (g, t) => (kills.includes(g) && t === 0 ? "fail" : "pass") };
    const run = await execute(world, [statik(10), ...kills.map(statik)], { first: false });
    // Four kills, one clean reload that runs their killing test; then eight; the last two when the slot drains.
    expect(run.port.runs("reload")).toEqual([11, 12, 13, 14, 0, 15, 16, 17, 18, 19, 20, 21, 22, 0, 23, 24, 0]);
    const held = (n: number): "held"[] => Array.from({ length: n }, () => "held" as const);
    expect(run.types()).toEqual([...held(4), "verified", ...held(8), "verified", ...held(2), "verified"]);
    expect(kills.map(run.status)).toEqual(kills.map(() => "Killed"));
    expect(STATIC_EPOCH).toBe(4);
    expect(MAX_STATIC_EPOCH).toBe(32);
  });

  test("held static kills whose clean reload fails the killing test are re-run on fresh workers", async () => {
    // Gremlin 11's graph, reloaded, leaves the worker tainted: with no gremlin active, test 0 fails there from then on.
    const world: World = {
      reloadable: true,
      load: (g, worker) => {
        if (g === 11 && worker.memory.has("loaded")) worker.memory.add("tainted");
        worker.memory.add("loaded");
        return null;
      },
      test: (g, t, worker) => (t === 0 && (g === 12 || worker.memory.has("tainted")) ? "fail" : "pass"),
    };
    const run = await execute(world, [statik(10), statik(11), statik(12)], { first: false });
    expect(run.types()).toEqual(["held", "held", "taint"]);
    expect(run.machine.statics.gaveUp).toContain("failed");
    // The re-runs load fresh graphs: 11 survives there, 12 is killed without any clean check owed.
    expect(run.port.runs("load")).toEqual([10, 11, 12]);
    expect([10, 11, 12].map(run.status)).toEqual(["Survived", "Survived", "Killed"]);
  });

  test("a reload that cannot give a fresh graph gives reloading up: fresh workers from then on", async () => {
    const world: World = { reloadable: true, reloadStale: (g) => (g === 11 ? "Array.prototype.x added" : null) };
    const run = await execute(world, [statik(10), statik(11), statik(12)], { first: false });
    expect(run.machine.statics.gaveUp).toContain("Array.prototype.x added");
    expect(run.port.runs("load")).toEqual([10, 11, 12]);
    expect([10, 11, 12].map(run.status)).toEqual(["Survived", "Survived", "Survived"]);
  });

  test("a static gremlin whose worker dies is retried once on a fresh worker", async () => {
    const world: World = { load: (g, worker) => (g === 10 && worker.id === 0 ? "crash" : null) };
    const run = await execute(world, [statik(10)], { first: false });
    expect(run.types(10)).toEqual(["retry"]);
    expect(run.status(10)).toBe("Survived");
  });
});

describe("SlotMachine: fresh mode", () => {
  test("a leaky suite runs every gremlin on a freshly loaded worker and holds no kill", async () => {
    const run = await execute({ test: (g, t) => (g === 1 && t === 0 ? "fail" : "pass") }, [dynamic(1), dynamic(2)], {
      fresh: true,
    });
    expect(run.mode).toBe("fresh");
    expect(run.types()).toEqual(["spare", "retire", "spare", "retire"]);
    expect([1, 2].map(run.status)).toEqual(["Killed", "Survived"]);
    expect(run.port.made).toHaveLength(3); // the baseline's worker is not used
  });
});

describe("SlotMachine: cold runs", () => {
  test("a Survived on code a stateful test reaches is decided by its tests' files run whole on a cold graph", async () => {
    // Gremlin 4's site is reached by test 3 in a cold process only (a cache built on first use): it fails there.
    const world: World = { test: (g, t, worker) => (g === 4 && t === 3 && worker.id > 0 ? "fail" : "pass") };
    const run = await execute(world, [dynamic(4, [1]), dynamic(5, [0]), dynamic(6, [1])], { stateful: [1] });
    expect(run.types(4)).toEqual(["cold", "held"]); // its killing test is then verified on the slot's worker
    expect(run.status(4)).toBe("Killed");
    expect(run.types(5)).toEqual([]); // none of its tests is stateful: its Survived stands
    expect(run.types(6)).toEqual(["cold"]);
    expect(run.status(6)).toBe("Survived");
    expect(run.port.runs("load")).toEqual([4, 6]); // a fresh worker imported the suite with the gremlin active
  });

  test("the cold run runs the covering tests' files whole: a killer in another file does not decide", async () => {
    // Test 3 fails on a cold graph, but here it lives in another file than test 1, the only covering test:
    // the runner given test 1's file never runs it, and neither does the cold run.
    const settings = fakeSettings();
    const tests = new Map([...settings.tests].map(([i, t]) => [i, i === 3 ? { ...t, file: "other.test.js" } : t]));
    const world: World = { test: (g, t, worker) => (g === 4 && t === 3 && worker.id > 0 ? "fail" : "pass") };
    const run = await execute(world, [dynamic(4, [1])], { stateful: [1], settings: { ...settings, tests } });
    expect(run.types(4)).toEqual(["cold"]);
    expect(run.status(4)).toBe("Survived");
    expect(run.port.sent.filter((s) => s.gremlin === 4 && s.type === "run").at(-1)?.tests).toEqual([0, 1, 2]);
  });

  test("only the files of its stateful covering tests run cold: the others' warm run stands", async () => {
    const settings = fakeSettings();
    const tests = new Map([...settings.tests].map(([i, t]) => [i, i === 3 ? { ...t, file: "other.test.js" } : t]));
    const run = await execute({}, [dynamic(7, [3, 1])], { stateful: [1], settings: { ...settings, tests } });
    expect(run.types(7)).toEqual(["cold"]);
    expect(run.port.sent.filter((s) => s.gremlin === 7 && s.type === "run").map((s) => s.tests)).toEqual([
      [3, 1],
      [0, 1, 2],
    ]);
  });

  test("where graphs reload, cold runs reload the slot's kept graph: one fresh worker, not one per run", async () => {
    // Cold means a worker other than the baseline's (id > 0): a fresh one, or one whose graph was reloaded.
    const world: World = {
      reloadable: true,
      test: (g, t, worker) => ((g === 4 || g === 10) && t === 3 && worker.id > 0 ? "fail" : "pass"),
    };
    const run = await execute(world, [dynamic(4, [1]), dynamic(6, [1]), dynamic(8, [1]), dynamic(10, [1])], {
      stateful: [1],
    });
    expect([4, 6, 8, 10].map(run.status)).toEqual(["Killed", "Survived", "Survived", "Killed"]);
    expect(run.port.runs("load")).toEqual([4]); // the first cold run's fresh worker is kept for the next ones
    // 10's kill on a reloaded graph counts once a clean reload (gremlin 0) passes its killing test.
    expect(run.port.runs("reload")).toEqual([6, 8, 10, 0]);
    expect(run.port.sent.filter((s) => s.gremlin === 0 && s.worker === 1).at(-1)).toMatchObject({ tests: [3] });
    expect(run.machine.statics.gaveUp).toBeNull();
  });

  test("a cold kill whose clean reload fails its killing test is decided on a fresh worker", async () => {
    // Gremlin 10 leaves state in the kept worker that fails test 3 with no gremlin active too.
    const world: World = {
      reloadable: true,
      test: (g, t, worker) => {
        if (g === 10 && worker.id === 1) worker.memory.add("left over");
        if (g === 0 && t === 3 && worker.memory.has("left over")) return "fail";
        return g === 10 && t === 3 && worker.id > 0 ? "fail" : "pass";
      },
    };
    const run = await execute(world, [dynamic(6, [1]), dynamic(10, [1])], { stateful: [1] });
    expect(run.status(10)).toBe("Killed");
    expect(run.port.runs("load")).toEqual([6, 10]); // 6's fresh worker, then 10 again on a fresh one
    expect(run.machine.statics.gaveUp).toContain("failed");
  });

  test("fresh mode has no cold step: every run is on a fresh worker already", async () => {
    const run = await execute({}, [dynamic(4, [1])], { stateful: [1], fresh: true });
    expect(run.types(4)).toEqual([]);
  });
});
