// The reports of real runs: `gremlins run` on the bun, uvu and node-test fixtures (the three fastest)
// with every file reporter; mutation.json validates against mutation-testing-report-schema (ajv), the
// HTML embeds the same report, summary.md and $GITHUB_STEP_SUMMARY are written, the clear text shows
// survivors as diffs; then `gremlins explain` on the bun fixture's report.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Ajv from "ajv";
import schema from "mutation-testing-report-schema/mutation-testing-report-schema.json" with { type: "json" };
import { reportFromHtml } from "../../src/report/html-embed.ts";
import { validateMutationTestReport } from "../../src/report/validate.ts";

const REPO = resolve(import.meta.dir, "../..");
const BUN = join(REPO, "node_modules/.bin/bun");
const CLI = join(REPO, "src/cli/bin.ts");
const FIXTURES = ["bun", "uvu", "node-test"] as const;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  dir: string;
}

// `any`: the report is checked field by field against what the schema and the issue ask for.
type Json = any;

const runs = new Map<string, Run>();
const dirs: string[] = [];

function runFixture(name: string): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), `gremlins-reports-${name}-`));
  dirs.push(dir);
  const env = {
    ...process.env,
    NO_COLOR: "1",
    GITHUB_STEP_SUMMARY: join(dir, "step-summary.md"),
    PATH: `${join(REPO, "node_modules/.bin")}:${process.env.PATH}`,
  };
  const args = [
    CLI,
    "run",
    "--reporters",
    "clear-text,json,html,markdown",
    "--report-dir",
    join(dir, "out"),
    "--workers",
    "1",
  ];
  return new Promise((done) => {
    const child = spawn(BUN, args, { cwd: join(REPO, "tests/fixtures", name), env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.on("close", (code) => done({ code, stdout, stderr, dir }));
  });
}

beforeAll(async () => {
  // Concurrently, one worker each: the machine has two cores.
  const results = await Promise.all(FIXTURES.map((name) => runFixture(name)));
  FIXTURES.forEach((name, i) => runs.set(name, results[i]!));
}, 400_000);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const ajv = new Ajv({ allErrors: true, validateFormats: false });
const validate = ajv.compile(schema);
const report = (name: string): Json => JSON.parse(readFileSync(join(runs.get(name)!.dir, "out/mutation.json"), "utf8"));
const mutantsOf = (r: Json): Json[] => Object.values(r.files).flatMap((f: Json) => f.mutants);

describe.each(FIXTURES)("reports of the %s fixture", (name) => {
  test("the run succeeds and writes every report", () => {
    const run = runs.get(name)!;
    if (run.code !== 0) console.log(run.stdout, run.stderr);
    expect(run.code).toBe(0);
    for (const file of ["mutation.json", "mutation.html", "summary.md"])
      expect(existsSync(join(run.dir, "out", file))).toBe(true);
  });

  test("mutation.json validates against mutation-testing-report-schema (ajv) and our reader's check", () => {
    const r = report(name);
    expect(validate(r) ? [] : validate.errors).toEqual([]);
    expect(validateMutationTestReport(r)).toEqual([]);
  });

  test("the fields the issue asks for", () => {
    const r = report(name);
    expect(r.framework).toMatchObject({ name: "gremlins" });
    expect(r.framework.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(r.performance).sort()).toEqual(["initialRun", "mutation", "setup"]);
    expect(typeof r.system.ci).toBe("boolean");
    expect(r.thresholds).toEqual({ high: 80, low: 60 });
    for (const [file, entry] of Object.entries<Json>(r.files)) {
      expect(file.startsWith("src/")).toBe(true);
      expect(entry.source).toBe(readFileSync(join(REPO, "tests/fixtures", name, file), "utf8"));
      expect(["javascript", "typescript"]).toContain(entry.language);
    }
    const tests = new Set(Object.values<Json>(r.testFiles ?? {}).flatMap((f) => f.tests.map((t: Json) => t.id)));
    for (const m of mutantsOf(r)) {
      expect(m.location.start.line).toBeGreaterThanOrEqual(1);
      expect(m.location.start.column).toBeGreaterThanOrEqual(1);
      expect(typeof m.replacement).toBe("string");
      expect(m.statusReason ?? "").not.toBe("");
      if (["Killed", "Survived", "Timeout"].includes(m.status)) expect(m.duration).toBeGreaterThan(0);
      for (const id of [...(m.killedBy ?? []), ...(m.coveredBy ?? [])]) expect(tests.has(id)).toBe(true);
    }
    expect(mutantsOf(r).some((m) => (m.killedBy ?? []).length > 0)).toBe(true);
  });

  test("mutation.html embeds the same report", () => {
    const html = readFileSync(join(runs.get(name)!.dir, "out/mutation.html"), "utf8");
    expect(reportFromHtml(html)).toEqual(report(name));
  });

  test("summary.md, also appended to $GITHUB_STEP_SUMMARY", () => {
    const run = runs.get(name)!;
    const md = readFileSync(join(run.dir, "out/summary.md"), "utf8");
    expect(md).toMatch(/\*\*Mutation score: \d+\.\d\d %\*\*/);
    expect(md).toMatch(/^- \[src\/[^\]]+:\d+\]\([^)]*src\/[^)#]+#L\d+\)/m);
    expect(readFileSync(join(run.dir, "step-summary.md"), "utf8")).toContain("## gremlins mutation report");
  });

  test("clear text: each survivor as a diff under its file with the file's score", () => {
    const run = runs.get(name)!;
    const survivors = mutantsOf(report(name)).filter((m) => m.status === "Survived");
    expect(survivors.length).toBeGreaterThan(0);
    for (const m of survivors) {
      const at = run.stdout.indexOf(`[${m.id}]`);
      expect(at).toBeGreaterThan(0);
      const [, minus, plus] = run.stdout.slice(at).split("\n");
      expect(minus).toMatch(new RegExp(`^\\s+${m.location.start.line} - `));
      expect(plus).toMatch(/^\s+(\d+ \+ |\s*\+ \(removed\))/);
    }
    expect(run.stdout).toMatch(/^ {2}src\/\S+ {2}score \d+\.\d\d%$/m);
  });
});

describe("gremlins explain on the bun fixture's report", () => {
  const explain = (...args: string[]) =>
    spawnSync(BUN, [CLI, "explain", ...args], {
      cwd: join(REPO, "tests/fixtures/bun"),
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
  const out = () => join(runs.get("bun")!.dir, "out");

  test("a survivor: diff, status, why, tests, cache state", () => {
    const m = mutantsOf(report("bun")).find((x) => x.status === "Survived" && x.replacement === "min >= max");
    const result = explain(m.id, "--report", join(out(), "mutation.json"));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Gremlin ${m.id}  Survived`);
    expect(result.stdout).toContain("src/range.ts:4:");
    expect(result.stdout).toMatch(/^ {2}4 - .*min > max/m);
    expect(result.stdout).toMatch(/^ {2}4 \+ .*min >= max/m);
    expect(result.stdout).toContain("Why:        every test that ran passed");
    // The result cache may have served this verdict (runs of the fixture before this one).
    expect(result.stdout).toContain(m.cached ? "Cache:      cached (verdict reused" : "Cache:      not cached");
  });

  test("a killed gremlin names its killing test; a unique id prefix and the HTML report work too", () => {
    const m = mutantsOf(report("bun")).find((x) => x.status === "Killed" && (x.killedBy ?? []).length > 0);
    const result = explain(m.id.slice(0, 8), "--report", join(out(), "mutation.html"));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Gremlin ${m.id}  Killed`);
    expect(result.stdout).toMatch(/^Killed by:\s+\S/m);
  });

  test("the default report location is <root>/<report-dir>/mutation.json", () => {
    const m = mutantsOf(report("bun"))[0];
    const result = explain(m.id, "--report-dir", out());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Gremlin ${m.id}`);
  });

  test("an unknown id → exit 2 with the nearest ids", () => {
    const id = mutantsOf(report("bun"))[0].id as string;
    const typo = `${id.slice(0, -1)}${id.endsWith("0") ? "1" : "0"}`;
    const result = explain(typo, "--report", join(out(), "mutation.json"));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`no gremlin with id "${typo}"`);
    expect(result.stderr).toContain(`nearest ids: ${id}`);
  });
});
