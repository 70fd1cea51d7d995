// The stamp a shard writes into its report (`config.shard`): which shard, of how many, of which run
// (the fingerprint of code + tests + config), and how many gremlins the whole run has.
import type { Gremlin, ResolvedConfig, SourceFile } from "../types.ts";
import { runFingerprint, type ShardStamp } from "./fingerprint.ts";
import type { ShardSpec } from "./shard.ts";

/**
 * `testsHash`/`supportHash`: the incremental plan's hashes of the test files and other inputs (report
 * and cache directories left out, so a shard's report does not change the next shard's fingerprint).
 */
export function stampShard(
  spec: ShardSpec,
  input: {
    config: ResolvedConfig;
    testCommand: string;
    files: readonly SourceFile[];
    gremlins: readonly Gremlin[];
    testsHash: string;
    supportHash: string;
  },
): ShardStamp {
  const fingerprint = runFingerprint(input);
  return { index: spec.index, count: spec.count, fingerprint, gremlins: input.gremlins.length };
}
