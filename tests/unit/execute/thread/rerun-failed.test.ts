import { describe, expect, test } from "bun:test";
import { rerunFailed } from "../../../../src/execute/thread/rerun-failed.ts";
import { SWITCH_ACTIVE, SWITCH_HITS, SWITCH_HIT_LIMIT, SWITCH_LENGTH } from "../../../../src/instrument/runtime.ts";
import type { Request } from "../../../../src/execute/thread/protocol.ts";

type RunRequest = Extract<Request, { type: "run" }>;
const request = (extra: Partial<RunRequest>): RunRequest => ({
  type: "run",
  indices: [0, 1],
  bail: true,
  testTimeoutMs: 1000,
  coverage: false,
  ...extra,
});

/** A switch with gremlin `active` on, `hits` so far under `limit`, and a fake re-run that answers `passes(active)`. */
function setup(active: number, hits: number, limit: number, passes: (gremlin: number) => boolean, addHits = 0) {
  const sw = new Int32Array(SWITCH_LENGTH);
  Atomics.store(sw, SWITCH_ACTIVE, active);
  Atomics.store(sw, SWITCH_HITS, hits);
  Atomics.store(sw, SWITCH_HIT_LIMIT, limit);
  const calls: [number, number, string | undefined][] = [];
  let deactivated = 0;
  const parts = {
    sw,
    runAlone: async (index: number, key: string | undefined) => {
      const gremlin = Atomics.load(sw, SWITCH_ACTIVE);
      calls.push([gremlin, index, key]);
      Atomics.add(sw, SWITCH_HITS, gremlin === 0 ? 0 : addHits);
      return passes(gremlin);
    },
    deactivate: () => void deactivated++,
  };
  return { sw, calls, parts, deactivated: () => deactivated };
}

describe("rerunFailed", () => {
  const failed = { index: 1 };

  test("nothing failed, or no gremlin active: nothing re-runs", async () => {
    const off = setup(0, 0, 0, () => false);
    expect(await rerunFailed(failed, request({ reproduce: true, recheck: true }), off.parts)).toEqual({});
    const none = setup(3, 0, 0, () => false);
    expect(await rerunFailed(undefined, request({ reproduce: true, recheck: true }), none.parts)).toEqual({});
    expect([...off.calls, ...none.calls]).toEqual([]);
  });

  test.each([
    ["fails again with the gremlin: reproduced", (g: number) => g === 0, true],
    ["passes with the gremlin: not reproduced (it rested on state another run left)", () => true, false],
  ])("%s", async (_name, passes, reproduced) => {
    const s = setup(3, 5, 100, passes);
    expect(await rerunFailed(failed, request({ reproduce: true }), s.parts)).toEqual({ reproduced });
    expect(s.calls).toEqual([[3, 1, undefined]]);
    expect(Atomics.load(s.sw, SWITCH_ACTIVE)).toBe(3); // a reproduction leaves the gremlin on
  });

  test("the repetition's hits do not count for the run, but tripping the limit is a repeat", async () => {
    const s = setup(3, 40, 100, () => true, 150);
    expect(await rerunFailed(failed, request({ reproduce: true }), s.parts)).toEqual({ reproduced: true });
    expect(Atomics.load(s.sw, SWITCH_HITS)).toBe(40);
  });

  test("a run past the hit limit already is not repeated", async () => {
    const s = setup(3, 101, 100, () => true);
    expect(await rerunFailed(failed, request({ reproduce: true }), s.parts)).toEqual({});
    expect(s.calls).toEqual([]);
  });

  test("recheck: with the gremlin, then without it (switch and child processes off), the failed subtest alone", async () => {
    const s = setup(3, 0, 0, (g) => g === 0);
    const withSubtests = {
      index: 1,
      subtests: [
        { key: "1/a", status: "passed" },
        { key: "1/b", status: "failed" },
      ],
    };
    const answer = await rerunFailed(withSubtests, request({ reproduce: true, recheck: true }), s.parts);
    expect(answer).toEqual({ reproduced: true, recheck: { index: 1, key: "1/b", passed: true } });
    expect(s.calls).toEqual([
      [3, 1, "1/b"],
      [0, 1, "1/b"],
    ]);
    expect(s.deactivated()).toBe(1);
  });
});
