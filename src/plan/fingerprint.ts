// The identity of a run's inputs, written into each shard's report so `gremlins merge` can refuse
// shards of different code or configuration: mutated sources, gremlin ids, test and support files,
// and every setting that changes verdicts or the exit code (not where reports go).
import { hashContent, hashParts } from "../cache/hash.ts";
import type { Gremlin, ResolvedConfig, SourceFile } from "../types.ts";
import { VERSION } from "../version.ts";

export interface FingerprintInput {
  config: ResolvedConfig;
  /** The test command actually used (detected or configured). */
  testCommand: string;
  files: readonly SourceFile[];
  /** Every gremlin in scope of the whole (unsharded) run. */
  gremlins: readonly Gremlin[];
  /** Hashes over the project's test files and support files (src/cache collectTestInputs). */
  testsHash: string;
  supportHash: string;
}

/** What a shard records in its report's `config.shard`. */
export interface ShardStamp {
  index: number;
  count: number;
  fingerprint: string;
  /** Gremlins in the whole run (all shards together). */
  gremlins: number;
}

export function runFingerprint(input: FingerprintInput): string {
  const { config } = input;
  const parts = [`gremlins ${VERSION}`];
  parts.push(
    JSON.stringify({
      mutate: config.mutate,
      operators: config.operators,
      executor: config.executor,
      timeoutMs: config.timeoutMs,
      timeoutFactor: config.timeoutFactor,
      thresholds: config.thresholds,
      testCommand: input.testCommand,
    }),
  );
  for (const file of [...input.files].sort((a, b) => (a.file < b.file ? -1 : 1)))
    parts.push(file.file, hashContent(file.source));
  parts.push(...input.gremlins.map((g) => g.id).sort(), input.testsHash, input.supportHash);
  return hashParts(parts);
}
