// runWithin: the default --verify sample runs in rounds of `workers` re-checks and starts no round that
// would end past the wall-time budget (judged by the longest round so far); no budget runs one round.
import { describe, expect, test } from "bun:test";
import { runWithin } from "../../../src/verify/run.ts";

/** A fake clock: each round takes `roundMs[i]` ms. */
function rig(roundMs: number[]) {
  let clock = 0;
  const rounds: string[][] = [];
  const run = async (ids: string[]) => {
    clock += roundMs[rounds.length] ?? 0;
    rounds.push(ids);
    return new Map(ids.map((id) => [id, `v-${id}`] as const));
  };
  return { run, rounds, now: () => clock, setClock: (ms: number) => (clock = ms) };
}

const ids = ["a", "b", "c", "d", "e", "f", "g"];

describe("runWithin", () => {
  test("no budget: everything in one call", async () => {
    const r = rig([5]);
    const done = await runWithin(ids, Infinity, 0, 2, r.run, r.now);
    expect(r.rounds).toEqual([ids]);
    expect([...done.keys()]).toEqual(ids);
  });

  test.each([
    // budget, rounds' durations, rounds run
    [100, [10, 10, 10, 10], 4],
    [35, [10, 10, 10, 10], 3], // after 3 rounds (30 ms) a 4th would end at 40 > 35
    [25, [10, 20, 10, 10], 2], // the second round's 20 ms makes a third end at 50
    [5, [10, 10, 10, 10], 1], // the first round always runs: the check run already said one fits
  ])("budget %p ms, rounds of %p ms: %p rounds", async (budget, durations, expected) => {
    const r = rig(durations);
    const done = await runWithin(ids, budget, 0, 2, r.run, r.now);
    expect(r.rounds.length).toBe(expected);
    expect(r.rounds.flat()).toEqual(ids.slice(0, Math.min(ids.length, expected * 2)));
    expect(done.size).toBe(r.rounds.flat().length);
  });

  test("time spent before the rounds (setup, the check run) counts against the budget", async () => {
    const r = rig([10, 10, 10, 10]);
    r.setClock(20);
    await runWithin(ids, 45, 0, 2, r.run, r.now);
    // 20 ms already gone: round 1 ends at 30, round 2 would end at 40 (runs), round 3 at 50 (not started).
    expect(r.rounds.length).toBe(2);
  });
});
