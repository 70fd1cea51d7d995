// Builds the plan stage's inputs from what the baseline measured: the cost model of either executor,
// and the slice of gremlins a shard owns (with how much weight it holds, for the log).
import type { Gremlin } from "../types.ts";
import type { CostModel, ThreadCostFacts } from "./cost.ts";
import { shardWeight } from "./cost.ts";
import { partition, shardLoads } from "./partition.ts";
import type { ShardSpec } from "./shard.ts";

/** What the thread baseline knows (a structural subset of ThreadBaseline). */
export interface ThreadFacts extends ThreadCostFacts {
  tests: ReadonlyMap<number, { id: string }>;
}

export function threadCostModel(facts: ThreadFacts): CostModel {
  const testIndex = new Map<string, number>();
  for (const [index, test] of facts.tests) testIndex.set(test.id, index);
  return {
    kind: "thread",
    durations: facts.durations,
    coverage: facts.coverage,
    staticGremlins: facts.staticGremlins,
    ...(facts.staticTests ? { staticTests: facts.staticTests } : {}),
    outside: facts.outside,
    runnable: facts.runnable,
    loadMs: facts.loadMs,
    testIndex,
  };
}

/** `runMsOf`: a gremlin's own run time when the spawn executor selects its test files (else `runMs`). */
export function spawnCostModel(
  reached: ReadonlySet<number>,
  runMs: number,
  runMsOf?: (gremlin: Gremlin) => number | undefined,
): CostModel {
  return runMsOf ? { kind: "spawn", reached, runMs, runMsOf } : { kind: "spawn", reached, runMs };
}

export interface ShardSelection {
  ids: Set<string>;
  /** This shard's weight and the whole run's, in shardWeight units. */
  weight: number;
  totalWeight: number;
}

/** The gremlins shard `spec` owns among `gremlins` (every gremlin of the whole run, in any order). */
export function selectShard(gremlins: readonly Gremlin[], model: CostModel, spec: ShardSpec): ShardSelection {
  const items = gremlins.map((g) => ({ id: g.id, weight: shardWeight(g, model) }));
  const shards = partition(items, spec.count);
  const loads = shardLoads(items, shards);
  return {
    ids: new Set(shards[spec.index - 1]),
    weight: loads[spec.index - 1] ?? 0,
    totalWeight: loads.reduce((a, b) => a + b, 0),
  };
}
