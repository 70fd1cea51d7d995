// The shard partition: deterministic, every gremlin in exactly one shard, cost-balanced on skewed sets.
import { describe, expect, test } from "bun:test";
import { partition, shardIds, shardLoads, type Weighted } from "../../../src/plan/partition.ts";
import { parseShard } from "../../../src/plan/shard.ts";

/** A seeded generator (mulberry32), so the synthetic sets are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Heavy-tailed (Pareto, alpha 1.2) costs with a block of zero-cost gremlins (NoCoverage / Ignored). */
function skewed(count: number, seed: number): Weighted[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `g${(i * 7919) % 100000}-${i}`,
    weight: i % 10 === 0 ? 0 : Math.round(1 / Math.pow(1 - next(), 1 / 1.2)),
  }));
}

describe("partition", () => {
  const cases = [
    { items: 400, shards: 2, seed: 1 },
    { items: 400, shards: 4, seed: 2 },
    { items: 1000, shards: 8, seed: 3 },
    { items: 300, shards: 3, seed: 4 },
  ];
  for (const { items: size, shards: n, seed } of cases) {
    const items = skewed(size, seed);
    test(`${size} skewed gremlins in ${n} shards: each in exactly one, balanced within 10%`, () => {
      const shards = partition(items, n);
      const all = shards.flat();
      expect(all.length).toBe(items.length);
      expect(new Set(all).size).toBe(items.length);
      const loads = shardLoads(items, shards);
      const mean = loads.reduce((a, b) => a + b, 0) / n;
      const heaviest = Math.max(...items.map((i) => i.weight));
      // Sanity: the set is skewed (one gremlin costs far more than the average gremlin).
      expect(heaviest).toBeGreaterThan(((mean * n) / size) * 10);
      for (const load of loads) expect(Math.abs(load - mean)).toBeLessThanOrEqual(mean * 0.1);
      // Zero-cost gremlins are spread by count too.
      const counts = shards.map((s) => s.length);
      expect(Math.max(...counts)).toBeGreaterThan(0);
    });
  }

  test("deterministic whatever the input order", () => {
    const items = skewed(500, 9);
    const shuffled = [...items].sort((a, b) =>
      a.id.split("").reverse().join("") < b.id.split("").reverse().join("") ? -1 : 1,
    );
    expect(partition(shuffled, 4)).toEqual(partition(items, 4));
    expect(partition(items, 4)).toEqual(partition(items, 4));
  });

  test("shardIds picks the 1-based shard; the shards' union is everything", () => {
    const items = skewed(50, 5);
    const union = new Set<string>();
    for (let i = 1; i <= 3; i++) for (const id of shardIds(items, i, 3)) union.add(id);
    expect(union.size).toBe(50);
    expect([...shardIds(items, 2, 3)]).toEqual(partition(items, 3)[1]!);
  });

  test("one shard holds everything; more shards than gremlins leaves some empty", () => {
    const items = skewed(3, 6);
    expect(partition(items, 1)[0]!.length).toBe(3);
    const five = partition(items, 5);
    expect(five.filter((s) => s.length === 0).length).toBe(2);
  });

  test("equal weights split by count (the spawn executor's case)", () => {
    const items = Array.from({ length: 11 }, (_, i) => ({ id: `id${i}`, weight: 1 }));
    expect(
      partition(items, 2)
        .map((s) => s.length)
        .sort(),
    ).toEqual([5, 6]);
  });

  test("rejects a shard count below 1", () => {
    expect(() => partition([], 0)).toThrow(RangeError);
  });
});

describe("parseShard", () => {
  const good: [string, { index: number; count: number }][] = [
    ["1/2", { index: 1, count: 2 }],
    ["3/3", { index: 3, count: 3 }],
    [" 2 / 8 ", { index: 2, count: 8 }],
  ];
  for (const [text, spec] of good) test(`"${text}"`, () => expect(parseShard(text)).toEqual(spec));
  const bad: [string, RegExp][] = [
    ["0/2", /within 1\.\.2/],
    ["3/2", /within 1\.\.2/],
    ["1/0", /at least 1/],
    ["1-2", /expects i\/n/],
    ["a/b", /expects i\/n/],
  ];
  for (const [text, message] of bad) test(`rejects "${text}"`, () => expect(() => parseShard(text)).toThrow(message));
});
