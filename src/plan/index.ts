// The plan stage's public API: which gremlins (sharding), in which order (cost, killers first),
// what they cost (ETA, efficiency), and the shard stamp that lets their reports be merged (report/merge.ts).
export { partition, shardIds, shardLoads, type Weighted } from "./partition.ts";
export { parseShard, formatShard, type ShardSpec } from "./shard.ts";
export { costMs, requiredMs, shardWeight, RUN_OVERHEAD_MS, type CostModel } from "./cost.ts";
export { largestFirst, KillerMemory, type TestOrder } from "./order.ts";
export { enclosingFunctions, functionSpans } from "./functions.ts";
export { CostTracker } from "./eta.ts";
export { efficiency, formatEfficiency, type Efficiency } from "./efficiency.ts";
export { runFingerprint, type FingerprintInput, type ShardStamp } from "./fingerprint.ts";
export { threadCostModel, spawnCostModel, selectShard, type ShardSelection, type ThreadFacts } from "./schedule.ts";
export { stampShard } from "./stamp.ts";
