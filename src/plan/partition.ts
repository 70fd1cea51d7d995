// Sharding's partition: splits weighted gremlins into n cost-balanced shards, deterministically
// (the same items give the same shards on every machine), every item in exactly one shard.

export interface Weighted {
  /** Stable id (the gremlin id). */
  id: string;
  /** Non-negative cost units; equal inputs must give equal weights on every machine. */
  weight: number;
}

/**
 * Longest-processing-time-first: items by weight (heaviest first, ties by id), each to the shard
 * with the least load so far (ties: fewer items, then the lower shard). Returns ids per shard (0-based).
 */
export function partition(items: readonly Weighted[], count: number): string[][] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`partition: shard count must be a positive integer (got ${count})`);
  const sorted = [...items].sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shards: string[][] = Array.from({ length: count }, () => []);
  const load = new Array<number>(count).fill(0);
  for (const item of sorted) {
    let best = 0;
    for (let s = 1; s < count; s++) {
      if (load[s]! < load[best]! || (load[s] === load[best] && shards[s]!.length < shards[best]!.length)) best = s;
    }
    shards[best]!.push(item.id);
    load[best]! += Math.max(0, item.weight);
  }
  return shards;
}

/** The ids of shard `index` (1-based) of `count`. */
export function shardIds(items: readonly Weighted[], index: number, count: number): Set<string> {
  return new Set(partition(items, count)[index - 1] ?? []);
}

/** Total weight per shard, for balance checks and --verbose. */
export function shardLoads(items: readonly Weighted[], shards: readonly string[][]): number[] {
  const weight = new Map(items.map((i) => [i.id, i.weight]));
  return shards.map((ids) => ids.reduce((sum, id) => sum + (weight.get(id) ?? 0), 0));
}
