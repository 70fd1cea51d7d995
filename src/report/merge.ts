// `gremlins merge`: combines the schema JSON reports of the shards of one run into the report of the
// whole run, after checking they belong together: same fingerprint (code + config), every shard 1..n
// exactly once, every gremlin in exactly one shard, none missing.
import type { FileResult, MutantResult, MutationTestResult } from "mutation-testing-report-schema";
import { GremlinsError } from "../errors.ts";
import type { ShardStamp } from "../plan/fingerprint.ts";

export interface ShardReport {
  /** Where it was read from, for messages. */
  path: string;
  report: MutationTestResult;
}

/** The shard stamp of a report (`config.shard`), or a GremlinsError saying why it has none. */
export function shardStampOf(input: ShardReport): ShardStamp {
  const shard = (input.report.config as { shard?: unknown } | undefined)?.shard as Partial<ShardStamp> | undefined;
  const ok =
    shard !== undefined &&
    Number.isInteger(shard.index) &&
    Number.isInteger(shard.count) &&
    typeof shard.fingerprint === "string" &&
    Number.isInteger(shard.gremlins);
  if (!ok)
    throw new GremlinsError(
      `${input.path} is not the report of a shard (no config.shard): write it with \`gremlins run --shard i/n --reporters json\``,
    );
  return shard as ShardStamp;
}

function compareMutants(a: MutantResult, b: MutantResult): number {
  const l = a.location.start;
  const r = b.location.start;
  return l.line - r.line || l.column - r.column || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Checks that `inputs` are all the shards of one run and combines them (pure; throws GremlinsError). */
export function mergeShardReports(inputs: readonly ShardReport[]): MutationTestResult {
  if (inputs.length === 0)
    throw new GremlinsError(
      "gremlins merge needs the JSON reports of the shards (e.g. gremlins merge shard-*/mutation.json)",
    );
  const stamps = inputs.map(shardStampOf);
  const first = stamps[0]!;
  const firstPath = inputs[0]!.path;
  for (let i = 1; i < inputs.length; i++) {
    const stamp = stamps[i]!;
    if (stamp.fingerprint !== first.fingerprint) {
      throw new GremlinsError(
        `${inputs[i]!.path} and ${firstPath} come from different code or configuration (fingerprints ${stamp.fingerprint.slice(0, 12)} ≠ ${first.fingerprint.slice(0, 12)}); run every shard on the same commit with the same config`,
      );
    }
    if (stamp.count !== first.count)
      throw new GremlinsError(
        `${inputs[i]!.path} is shard ${stamp.index}/${stamp.count} but ${firstPath} is shard ${first.index}/${first.count}: the shard counts differ`,
      );
  }
  const byIndex = new Map<number, string>();
  for (let i = 0; i < inputs.length; i++) {
    const { index } = stamps[i]!;
    const seen = byIndex.get(index);
    if (seen !== undefined)
      throw new GremlinsError(`shard ${index}/${first.count} given twice: ${seen} and ${inputs[i]!.path}`);
    byIndex.set(index, inputs[i]!.path);
  }
  const missing = Array.from({ length: first.count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new GremlinsError(
      `missing shard(s) ${missing.map((i) => `${i}/${first.count}`).join(", ")}: merge needs all ${first.count} shard reports`,
    );

  const files: Record<string, FileResult> = {};
  const owner = new Map<string, string>();
  for (const { path, report } of inputs) {
    for (const [name, file] of Object.entries(report.files)) {
      const target = (files[name] ??= { ...file, mutants: [] });
      if (target.source !== file.source)
        throw new GremlinsError(`${name} differs between ${owner.get(`file:${name}`) ?? firstPath} and ${path}`);
      owner.set(`file:${name}`, owner.get(`file:${name}`) ?? path);
      for (const mutant of file.mutants) {
        const other = owner.get(mutant.id);
        if (other !== undefined) {
          throw new GremlinsError(
            `gremlin ${mutant.id} (${name}:${mutant.location.start.line}) is in both ${other} and ${path}: the shards disagree on the partition (are the tests' coverage deterministic?)`,
          );
        }
        owner.set(mutant.id, path);
        target.mutants.push(mutant);
      }
    }
  }
  const total = [...owner.keys()].filter((k) => !k.startsWith("file:")).length;
  if (total !== first.gremlins) {
    throw new GremlinsError(
      `the shards hold ${total} gremlins but the run has ${first.gremlins}: ${first.gremlins - total} gremlin(s) are in no shard (are the tests' coverage deterministic?)`,
    );
  }
  for (const file of Object.values(files)) file.mutants.sort(compareMutants);

  const base = inputs.find((_, i) => stamps[i]!.index === 1)!.report;
  const merged: MutationTestResult = { ...base, files };
  const { shard: _shard, ...config } = (base.config ?? {}) as Record<string, unknown>;
  merged.config = { ...config, merged: { shards: first.count, fingerprint: first.fingerprint } };
  const testFiles = mergeTestFiles(inputs.map((i) => i.report));
  if (testFiles) merged.testFiles = testFiles;
  else delete merged.testFiles;
  // Shards run side by side: the whole run took as long as its slowest shard.
  const perf = inputs.map((i) => i.report.performance).filter((p): p is NonNullable<typeof p> => p !== undefined);
  if (perf.length > 0) {
    merged.performance = {
      setup: Math.max(...perf.map((p) => p.setup)),
      initialRun: Math.max(...perf.map((p) => p.initialRun)),
      mutation: Math.max(...perf.map((p) => p.mutation)),
    };
  }
  return merged;
}

/** Union of the shards' test definitions (by file, then id). */
function mergeTestFiles(reports: readonly MutationTestResult[]): MutationTestResult["testFiles"] {
  const out: NonNullable<MutationTestResult["testFiles"]> = {};
  let any = false;
  for (const report of reports) {
    for (const [file, entry] of Object.entries(report.testFiles ?? {})) {
      any = true;
      const target = (out[file] ??= { ...entry, tests: [] });
      const ids = new Set(target.tests.map((t) => t.id));
      for (const test of entry.tests) if (!ids.has(test.id)) target.tests.push(test);
    }
  }
  return any ? out : undefined;
}
