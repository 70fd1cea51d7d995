// `--shard i/n`: parsing and validating the shard selector (1-based index, count ≥ 1).
import { GremlinsError } from "../errors.ts";

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses "i/n"; throws a GremlinsError (exit 2) with what is wrong otherwise. */
export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new GremlinsError(`--shard expects i/n, e.g. --shard 1/4 (got "${text}")`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new GremlinsError(`--shard ${text}: the shard count must be at least 1`);
  if (index < 1 || index > count)
    throw new GremlinsError(`--shard ${text}: the shard index must be within 1..${count}`);
  return { index, count };
}

export function formatShard(shard: ShardSpec): string {
  return `${shard.index}/${shard.count}`;
}
