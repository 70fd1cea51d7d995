// Sharding end to end on the node-test fixture: `run --shard 1/2` and `2/2` then `merge` give the same
// verdict per gremlin as one unsharded run; merge refuses tampered, mismatched and invalid inputs;
// --no-bail lists every killing test.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUN, CLI, REPO } from "./run-harness.ts";

const FIXTURE = join(REPO, "tests/fixtures/node-test");
let out: string;

function gremlins(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const child = spawnSync(BUN, [CLI, ...args], {
    cwd: FIXTURE,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { code: child.status, stdout: child.stdout ?? "", stderr: child.stderr ?? "" };
}

interface Report {
  config: { shard?: { index: number; count: number; fingerprint: string } };
  files: Record<string, { mutants: { id: string; status: string; killedBy?: string[] }[] }>;
}
const read = (dir: string): Report => JSON.parse(readFileSync(join(dir, "mutation.json"), "utf8")) as Report;
const statuses = (report: Report): Record<string, string> =>
  Object.fromEntries(Object.values(report.files).flatMap((f) => f.mutants.map((m) => [m.id, m.status])));

describe("gremlins run --shard i/n + gremlins merge", () => {
  const runs: Record<string, ReturnType<typeof gremlins>> = {};
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "gremlins-shard-"));
    const base = ["run", "--reporters", "json", "--workers", "2", "--no-cache"];
    runs.all = gremlins([...base, "--report-dir", join(out, "all")]);
    runs.s1 = gremlins([...base, "--report-dir", join(out, "s1"), "--shard", "1/2"]);
    runs.s2 = gremlins([...base, "--report-dir", join(out, "s2"), "--shard", "2/2"]);
    runs.merge = gremlins([
      "merge",
      join(out, "s1", "mutation.json"),
      join(out, "s2"),
      "--report-dir",
      join(out, "merged"),
      "--reporters",
      "json,clear-text",
    ]);
  }, 240_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test("every run exits 0", () => {
    for (const [name, run] of Object.entries(runs)) {
      if (run.code !== 0) console.log(name, run.stdout, run.stderr);
      expect(`${name}: ${run.code}`).toBe(`${name}: 0`);
    }
  });

  test("the shards split the gremlins: disjoint, both non-empty, stamped with one fingerprint", () => {
    const one = read(join(out, "s1"));
    const two = read(join(out, "s2"));
    const a = Object.keys(statuses(one));
    const b = Object.keys(statuses(two));
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(one.config.shard?.fingerprint).toBe(two.config.shard?.fingerprint as string);
    expect([one.config.shard?.index, two.config.shard?.index]).toEqual([1, 2]);
    expect(runs.s1!.stderr).toMatch(/Shard 1\/2: \d+ of 58 gremlins/);
  });

  test("the merged report has the unsharded run's verdict for every gremlin", () => {
    expect(statuses(read(join(out, "merged")))).toEqual(statuses(read(join(out, "all"))));
    expect(runs.merge!.stdout).toContain("Mutation score");
    expect(runs.merge!.stderr).toContain("Merged 2 shard report(s): 58 gremlins");
  });

  test("merge applies thresholds.break to the whole run (exit 1 below it)", () => {
    const run = gremlins([
      "merge",
      join(out, "s1"),
      join(out, "s2"),
      "--report-dir",
      join(out, "m2"),
      "--reporters",
      "json",
    ]);
    expect(run.code).toBe(0);
    // Raise the break threshold in both shard reports: the merged score is now below it.
    for (const s of ["s1", "s2"]) {
      const report = read(join(out, s)) as Report & { config: { thresholds: { break: number | null } } };
      report.config.thresholds.break = 99;
      writeFileSync(join(out, `${s}-strict.json`), JSON.stringify(report));
    }
    const strict = gremlins([
      "merge",
      join(out, "s1-strict.json"),
      join(out, "s2-strict.json"),
      "--report-dir",
      join(out, "m3"),
      "--reporters",
      "json",
    ]);
    expect(strict.code).toBe(1);
  });

  const refusals: { name: string; make: () => string[]; message: RegExp }[] = [
    {
      name: "a shard of other code or config",
      make: () => {
        const report = read(join(out, "s2"));
        report.config.shard!.fingerprint = "0".repeat(32);
        writeFileSync(join(out, "other.json"), JSON.stringify(report));
        return [join(out, "s1"), join(out, "other.json")];
      },
      message: /different code or configuration/,
    },
    { name: "a missing shard", make: () => [join(out, "s1")], message: /missing shard\(s\) 2\/2/ },
    { name: "an unsharded report", make: () => [join(out, "all")], message: /is not the report of a shard/ },
    {
      name: "a file that is not a schema report",
      make: () => {
        writeFileSync(
          join(out, "bad.json"),
          JSON.stringify({ schemaVersion: "1", files: { "a.js": { mutants: [] } } }),
        );
        return [join(out, "s1"), join(out, "bad.json")];
      },
      message: /does not match mutation-testing-report-schema/,
    },
  ];
  for (const { name, make, message } of refusals) {
    test(`merge refuses ${name} (exit 2, clear error)`, () => {
      const run = gremlins(["merge", ...make(), "--report-dir", join(out, "never")]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    });
  }

  test("--no-bail: every killed gremlin lists its killing tests, some more than one", () => {
    const run = gremlins([
      "run",
      "--reporters",
      "json",
      "--workers",
      "2",
      "--no-cache",
      "--no-bail",
      "--report-dir",
      join(out, "nobail"),
    ]);
    expect(run.code).toBe(0);
    const report = read(join(out, "nobail"));
    const killed = Object.values(report.files).flatMap((f) => f.mutants.filter((m) => m.status === "Killed"));
    const bailed = Object.values(read(join(out, "all")).files).flatMap((f) =>
      f.mutants.filter((m) => m.status === "Killed"),
    );
    expect(statuses(report)).toEqual(statuses(read(join(out, "all"))));
    const total = (ms: { killedBy?: string[] }[]) => ms.reduce((n, m) => n + (m.killedBy?.length ?? 0), 0);
    expect(total(killed)).toBeGreaterThan(total(bailed));
    expect(killed.some((m) => (m.killedBy?.length ?? 0) > 1)).toBe(true);
  }, 120_000);
});
