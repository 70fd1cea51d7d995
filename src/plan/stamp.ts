// The stamp a shard writes into its report (`config.shard`): which shard, of how many, of which run
// (the fingerprint of code + tests + config), and how many gremlins the whole run has.
import { collectTestInputs } from "../cache/inputs.ts";
import type { Gremlin, ResolvedConfig, SourceFile } from "../types.ts";
import { runFingerprint, type ShardStamp } from "./fingerprint.ts";
import type { ShardSpec } from "./shard.ts";

export async function stampShard(spec: ShardSpec, input: { config: ResolvedConfig; testCommand: string; files: readonly SourceFile[]; gremlins: readonly Gremlin[] }): Promise<ShardStamp> {
  const { config } = input;
  // Report and cache directories are outputs: a shard's report must not change the next shard's fingerprint.
  const inputs = await collectTestInputs(config.root, {
    mutated: new Set(input.files.map((f) => f.file)),
    skipDirs: [config.reportDir, config.cacheDir ?? ".gremlins/cache"],
  });
  const fingerprint = runFingerprint({ ...input, testsHash: inputs.testsHash, supportHash: inputs.supportHash });
  return { index: spec.index, count: spec.count, fingerprint, gremlins: input.gremlins.length };
}
