// Merging shard reports: refuses reports of other code/config, missing or doubled shards, gremlins in
// two shards or in none, and non-shard reports; combines the rest into one valid report.
import { describe, expect, test } from "bun:test";
import type { MutantResult, MutationTestResult } from "mutation-testing-report-schema";
import { mergeShardReports, type ShardReport } from "../../../src/report/merge.ts";
import { runResultFromReport } from "../../../src/report/to-run-result.ts";
import { validateMutationTestReport } from "../../../src/report/validate.ts";
import type { ResolvedConfig } from "../../../src/types.ts";

const SOURCE = "export const add = (a, b) => a + b;\nexport const neg = (a) => -a;\n";

function mutant(id: string, line: number, status: MutantResult["status"]): MutantResult {
  const m: MutantResult = {
    id,
    mutatorName: "arithmetic",
    replacement: "a - b",
    location: { start: { line, column: 30 }, end: { line, column: 35 } },
    status,
  };
  if (status === "Killed") m.killedBy = ["t1"];
  return m;
}

function shard(
  index: number,
  count: number,
  mutants: MutantResult[],
  fingerprint = "f".repeat(32),
  total = 3,
): ShardReport {
  const report: MutationTestResult = {
    schemaVersion: "1",
    thresholds: { high: 80, low: 60 },
    files: { "src/a.js": { language: "javascript", source: SOURCE, mutants } },
    config: {
      mutate: ["src/**"],
      reporters: ["json"],
      reportDir: `r${index}`,
      thresholds: { high: 80, low: 60, break: 50 },
      shard: { index, count, fingerprint, gremlins: total },
    },
    testFiles: { "test/a.test.js": { tests: [{ id: "t1", name: "adds" }] } },
    performance: { setup: 10 * index, initialRun: 100, mutation: 1000 * index },
  };
  return { path: `shard-${index}/mutation.json`, report };
}

const good = (): ShardReport[] => [
  shard(1, 2, [mutant("a", 1, "Killed"), mutant("c", 2, "Survived")]),
  shard(2, 2, [mutant("b", 1, "NoCoverage")]),
];

describe("mergeShardReports", () => {
  test("combines the shards: every gremlin once, sorted by position, a valid schema report", () => {
    const merged = mergeShardReports(good());
    expect(merged.files["src/a.js"]!.mutants.map((m) => m.id)).toEqual(["a", "b", "c"]);
    expect(validateMutationTestReport(merged)).toEqual([]);
    expect((merged.config as { shard?: unknown }).shard).toBeUndefined();
    expect((merged.config as { merged?: { shards: number } }).merged?.shards).toBe(2);
    // Shards run side by side: the slowest shard's times.
    expect(merged.performance?.mutation).toBe(2000);
    expect(merged.testFiles?.["test/a.test.js"]?.tests.length).toBe(1);
  });

  test("order of the inputs does not matter", () => {
    const [one, two] = good();
    expect(mergeShardReports([two!, one!])).toEqual(mergeShardReports([one!, two!]));
  });

  const refusals: { name: string; inputs: () => ShardReport[]; message: RegExp }[] = [
    {
      name: "different code or config",
      inputs: () => [good()[0]!, shard(2, 2, [mutant("b", 1, "Killed")], "0".repeat(32))],
      message: /different code or configuration/,
    },
    { name: "a missing shard", inputs: () => [good()[0]!], message: /missing shard\(s\) 2\/2/ },
    { name: "a shard given twice", inputs: () => [good()[0]!, good()[0]!], message: /shard 1\/2 given twice/ },
    { name: "different shard counts", inputs: () => [good()[0]!, shard(2, 3, [])], message: /shard counts differ/ },
    {
      name: "a gremlin in two shards",
      inputs: () => [good()[0]!, shard(2, 2, [mutant("a", 1, "Killed"), mutant("b", 1, "Killed")])],
      message: /gremlin a .* is in both/,
    },
    {
      name: "a gremlin in no shard",
      inputs: () => [good()[0]!, shard(2, 2, [])],
      message: /1 gremlin\(s\) are in no shard/,
    },
    {
      name: "a report that is not a shard's",
      inputs: () => [{ path: "plain.json", report: { ...good()[0]!.report, config: {} } }],
      message: /plain\.json is not the report of a shard/,
    },
    { name: "no inputs", inputs: () => [], message: /needs the JSON reports/ },
  ];
  for (const { name, inputs, message } of refusals) {
    test(`refuses ${name}`, () => expect(() => mergeShardReports(inputs())).toThrow(message));
  }
});

describe("runResultFromReport", () => {
  test("rebuilds gremlins (offsets from line/column) and outcomes for the reporters", () => {
    const merged = mergeShardReports(good());
    const config = { ...(merged.config as unknown as ResolvedConfig), root: "/p" };
    const result = runResultFromReport(merged, "/p", config);
    expect(result.gremlins.map((g) => g.id)).toEqual(["a", "b", "c"]);
    expect(result.gremlins[0]!.original).toBe("a + b");
    expect(result.outcomes.get("a")?.killedBy).toEqual(["t1"]);
    expect(result.outcomes.get("b")?.status).toBe("NoCoverage");
    expect(result.thresholds.break).toBe(50);
    expect(result.tests.get("t1")?.file).toBe("test/a.test.js");
  });
});
