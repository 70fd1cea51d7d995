// The identity of a run's inputs, written into each shard's report so `gremlins merge` can refuse
// shards of different code or configuration: mutated sources, gremlin ids, test and support files,
// and every setting that changes verdicts or the exit code (not where reports go).
import { createHash } from "node:crypto";
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
  const hash = createHash("sha256");
  const part = (text: string): void => void hash.update(`${text.length}:${text}\n`);
  part(`gremlins ${VERSION}`);
  part(JSON.stringify({
    mutate: config.mutate,
    operators: config.operators,
    executor: config.executor,
    timeoutMs: config.timeoutMs,
    timeoutFactor: config.timeoutFactor,
    thresholds: config.thresholds,
    testCommand: input.testCommand,
  }));
  for (const file of [...input.files].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    part(file.file);
    part(createHash("sha256").update(file.source).digest("hex"));
  }
  for (const id of input.gremlins.map((g) => g.id).sort()) part(id);
  part(input.testsHash);
  part(input.supportHash);
  return hash.digest("hex").slice(0, 32);
}
