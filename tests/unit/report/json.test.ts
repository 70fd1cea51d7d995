// The JSON report: validates against mutation-testing-report-schema (ajv, draft-07), keeps 1-based
// locations and non-ASCII source, maps statuses; writing and reading it back; the hand validator
// agrees with ajv.
import { describe, expect, test, afterAll } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv";
import schema from "mutation-testing-report-schema/mutation-testing-report-schema.json" with { type: "json" };
import { isCi, readMutationTestReport, toMutationTestReport, writeJsonReport } from "../../../src/report/json.ts";
import { validateMutationTestReport } from "../../../src/report/validate.ts";
import { toMarkdownReport } from "../../../src/report/markdown.ts";
import { writeReports } from "../../../src/report/index.ts";
import { GREET_SOURCE, makeResult } from "./fixture.ts";

// The schema declares draft-07, ajv's default class; "uri" format needs ajv-formats, which we skip.
const ajv = new Ajv({ allErrors: true, validateFormats: false });
const validate = ajv.compile(schema);

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gremlins-report-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("toMutationTestReport", () => {
  const report = toMutationTestReport(makeResult(), { env: {} });

  test("validates against the schema", () => {
    const ok = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(validate(toMutationTestReport(makeResult({ partial: true }), { env: { CI: "true" } }))).toBe(true);
  });

  test("top-level fields", () => {
    expect(report.schemaVersion).toBe("1");
    expect(report.thresholds).toEqual({ high: 80, low: 60 });
    expect(report.projectRoot).toBe("/project");
    expect(report.framework?.name).toBe("gremlins");
    expect(report.framework?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.performance).toEqual({ setup: 420, initialRun: 1500, mutation: 2000 });
    expect(report.system?.ci).toBe(false);
    expect(report.system?.cpu?.logicalCores).toBeGreaterThan(0);
    expect(report.system?.ram?.total).toBeGreaterThan(0);
    expect((report.config as { reportDir: string }).reportDir).toBe("reports/gremlins");
  });

  test("files keyed by project-relative path with language and the untouched source", () => {
    expect(Object.keys(report.files)).toEqual(["src/math.ts", "src/greet.js"]);
    expect(report.files["src/math.ts"]!.language).toBe("typescript");
    expect(report.files["src/greet.js"]!.language).toBe("javascript");
    expect(report.files["src/greet.js"]!.source).toBe(GREET_SOURCE);
    expect(report.files["src/greet.js"]!.source).toContain("hé = '😀'");
  });

  test("mutants carry id, operator, replacement, 1-based location, status and details", () => {
    const [killed, survived, , timeout, ignored] = report.files["src/math.ts"]!.mutants;
    expect(killed).toEqual({
      id: "id-1",
      mutatorName: "ArithmeticOperator",
      replacement: "a - b",
      location: { start: { line: 2, column: 10 }, end: { line: 2, column: 15 } },
      status: "Killed",
      description: "ArithmeticOperator: a + b → a - b",
      killedBy: ["t1"],
      coveredBy: ["t1", "t2"],
      testsCompleted: 1,
      duration: 12,
    });
    expect(survived!.status).toBe("Survived");
    expect(timeout!.status).toBe("Timeout");
    expect(timeout!.statusReason).toBe("hit limit 1000");
    expect(timeout!.location).toEqual({ start: { line: 1, column: 43 }, end: { line: 3, column: 2 } });
    expect(ignored!.status).toBe("Ignored");
    expect(ignored!.statusReason).toBe("gremlins-disable-next-line");
  });

  test("columns count UTF-16 units from 1 after non-ASCII text", () => {
    const [noCoverage, survived, error] = report.files["src/greet.js"]!.mutants;
    // `const hé = '😀';` : the string literal starts at UTF-16 column 12 and spans 4 units ('😀' is 2).
    expect(noCoverage!.location).toEqual({ start: { line: 1, column: 12 }, end: { line: 1, column: 16 } });
    expect(noCoverage!.status).toBe("NoCoverage");
    expect(survived!.location.start).toEqual({ line: 2, column: 29 });
    expect(error!.status).toBe("RuntimeError");
    expect(error!.statusReason).toBe("worker crashed: out of memory");
  });

  test("gremlins without an outcome are Pending; disabled ones without an outcome are Ignored", () => {
    const result = makeResult({ partial: true });
    result.outcomes.delete("id-5"); // the disabled NumberLiteral
    const r = toMutationTestReport(result, { env: {} });
    expect(r.files["src/math.ts"]!.mutants[4]!.status).toBe("Ignored");
    expect(r.files["src/math.ts"]!.mutants[4]!.statusReason).toBe("gremlins-disable-next-line");
    expect(r.files["src/greet.js"]!.mutants[2]!.status).toBe("Pending");
    expect(validate(r)).toBe(true);
  });

  test("testFiles group tests by file, file-less tests under the empty key", () => {
    expect(report.testFiles).toEqual({
      "test/math.test.ts": {
        tests: [
          { id: "t1", name: "add > adds" },
          { id: "t2", name: "isAdult > adults" },
        ],
      },
      "test/greet.test.js": { tests: [{ id: "t3", name: "greet" }] },
      "": { tests: [{ id: "t4", name: "orphan test" }] },
    });
    const result = makeResult();
    result.tests.clear();
    result.outcomes.clear();
    expect(toMutationTestReport(result, { env: {} }).testFiles).toBeUndefined();
  });

  test("test ids named only by coveredBy/killedBy are listed by id; known locations are kept", () => {
    const result = makeResult();
    result.tests.delete("t3");
    result.tests.set("t1", { name: "add > adds", file: "test/math.test.ts", location: { line: 3, column: 1 } });
    const r = toMutationTestReport(result, { env: {} });
    expect(r.testFiles![""]!.tests).toContainEqual({ id: "t3", name: "t3" });
    expect(r.testFiles!["test/math.test.ts"]!.tests[0]).toEqual({
      id: "t1",
      name: "add > adds",
      location: { start: { line: 3, column: 1 } },
    });
    expect(validate(r)).toBe(true);
  });

  test("a verdict from the cache is marked cached (an extra property the schema allows)", () => {
    const result = makeResult();
    result.outcomes.get("id-1")!.cached = true;
    const r = toMutationTestReport(result, { env: {} });
    expect((r.files["src/math.ts"]!.mutants[0] as { cached?: boolean }).cached).toBe(true);
    expect((r.files["src/math.ts"]!.mutants[1] as { cached?: boolean }).cached).toBeUndefined();
    expect(validate(r)).toBe(true);
  });

  test("thresholds become integers within 0..100", () => {
    const result = makeResult();
    result.thresholds = { high: 85.6, low: -3, break: null };
    const r = toMutationTestReport(result, { env: {} });
    expect(r.thresholds).toEqual({ high: 86, low: 0 });
    expect(validate(r)).toBe(true);
  });
});

describe("isCi", () => {
  const cases: [Record<string, string>, boolean][] = [
    [{}, false],
    [{ CI: "true" }, true],
    [{ CI: "1" }, true],
    [{ CI: "false" }, false],
    [{ CI: "0" }, false],
    [{ CI: "" }, false],
    [{ GITHUB_ACTIONS: "true" }, true],
    [{ GITLAB_CI: "true" }, true],
  ];
  for (const [env, expected] of cases) {
    test(`${JSON.stringify(env)} → ${expected}`, () => expect(isCi(env)).toBe(expected));
  }
});

describe("write and read back", () => {
  test("writeJsonReport writes mutation.json under the root-relative dir; readMutationTestReport parses it", async () => {
    const root = tempDir();
    const result = { ...makeResult(), root };
    const path = await writeJsonReport(result, "reports/gremlins");
    expect(path).toBe(join(root, "reports/gremlins/mutation.json"));
    const back = await readMutationTestReport(path);
    expect(back.files["src/greet.js"]!.source).toBe(GREET_SOURCE);
    expect(validate(JSON.parse(await readFile(path, "utf8")))).toBe(true);
  });

  test("readMutationTestReport rejects invalid JSON and schema violations, naming the file", async () => {
    const dir = tempDir();
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    await expect(readMutationTestReport(bad)).rejects.toThrow(/bad\.json is not valid JSON/);
    const wrong = join(dir, "wrong.json");
    writeFileSync(
      wrong,
      JSON.stringify({
        schemaVersion: "1",
        thresholds: { high: 80, low: 60 },
        files: { "a.ts": { language: "typescript", source: "", mutants: [{ id: "1" }] } },
      }),
    );
    await expect(readMutationTestReport(wrong)).rejects.toThrow(/wrong\.json does not match .*mutatorName/);
    await expect(readMutationTestReport(join(dir, "missing.json"))).rejects.toThrow(/Cannot read mutation report/);
  });

  test("writeReports: clear-text goes to write, json/html/markdown become files", async () => {
    const root = tempDir();
    const result = { ...makeResult(), root };
    let printed = "";
    const written = await writeReports(result, ["progress", "clear-text", "json", "html", "markdown"], {
      color: false,
      env: {},
      write: (s) => (printed += s),
    });
    expect(written).toEqual(
      ["mutation.json", "mutation.html", "summary.md"].map((f) => join(root, "reports/gremlins", f)),
    );
    expect(printed).toContain("Mutation score:");
    const html = await readFile(written[1]!, "utf8");
    expect(html).toContain("mutation-test-report-app");
    const md = await readFile(written[2]!, "utf8");
    expect(md).toContain("| src/math.ts | 75.00 % | 5 | 2 | 1 | 0 | 1 | 0 | 1 |");
    expect(md).toContain("- [src/math.ts:5](../../src/math.ts#L5) EqualityOperator: `age >= 18` → `age > 18`");
  });
});

describe("validateMutationTestReport agrees with ajv", () => {
  const base = () => JSON.parse(JSON.stringify(toMutationTestReport(makeResult(), { env: {} })));
  // `any`: the cases poke arbitrary invalid shapes into the parsed report.
  const cases: [string, (r: any) => void][] = [
    ["valid as is", () => {}],
    ["no files", (r) => delete r.files],
    ["schemaVersion 3", (r) => (r.schemaVersion = "3")],
    ["threshold 101", (r) => (r.thresholds.high = 101)],
    ["threshold not integer", (r) => (r.thresholds.low = 1.5)],
    ["column 0", (r) => (r.files["src/math.ts"].mutants[0].location.start.column = 0)],
    ["unknown status", (r) => (r.files["src/math.ts"].mutants[0].status = "Zapped")],
    ["missing mutatorName", (r) => delete r.files["src/math.ts"].mutants[0].mutatorName],
    ["killedBy not strings", (r) => (r.files["src/math.ts"].mutants[0].killedBy = [1])],
    ["missing source", (r) => delete r.files["src/greet.js"].source],
    ["test without name", (r) => delete r.testFiles[""].tests[0].name],
    ["system without ci", (r) => delete r.system.ci],
    ["performance incomplete", (r) => delete r.performance.mutation],
    ["framework without name", (r) => delete r.framework.name],
  ];
  for (const [name, mutate] of cases) {
    test(name, () => {
      const r = base();
      mutate(r);
      const ajvValid = validate(r) as boolean;
      expect(validateMutationTestReport(r).length === 0).toBe(ajvValid);
      expect(ajvValid).toBe(name === "valid as is");
    });
  }
});

describe("markdown", () => {
  test("code spans survive backticks and table cells escape pipes", () => {
    const result = makeResult();
    const g = result.files[0]!.gremlins[1]!;
    g.original = "`a${b}` || c";
    g.replacement = "``";
    result.files[0]!.file = "src/a|b.ts";
    const md = toMarkdownReport(result);
    expect(md).toContain("EqualityOperator: `` `a${b}` || c `` → ``` `` ```");
    expect(md).toContain("| src/a\\|b.ts | 75.00 % | 5 |");
  });
});
