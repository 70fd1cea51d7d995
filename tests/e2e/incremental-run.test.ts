// Incremental runs end to end on a git copy of the bun fixture: cold run, a no-change re-run that runs no
// test, --since / --staged on one changed line, a test-file change, a corrupt cache, --no-cache,
// `cache clear`, and the diff flags outside git. A wrapper test command counts every test process.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUN, CLI, REPO } from "./run-harness.ts";
import { gitEnv, run as git } from "../unit/diff/git-repo.ts";

/** The baseline runs twice by default (baselineRuns: flaky-test detection). */
const BASELINE_RUNS = 2;

setDefaultTimeout(120_000);

const work = mkdtempSync(join(tmpdir(), "gremlins-incremental-"));
const root = join(work, "project");
const counter = join(work, "test-runs.log");
const reportDir = join(work, "report");
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Mutant {
  id: string;
  status: string;
  cached?: boolean;
  location: { start: { line: number }; end: { line: number } };
}
interface Run {
  code: number | null;
  stderr: string;
  /** Test processes started (baseline + one per tested gremlin). */
  testRuns: number;
  mutants: (Mutant & { file: string })[];
}

function gremlins(args: string[], cwd = root): Run {
  rmSync(counter, { force: true });
  rmSync(reportDir, { recursive: true, force: true });
  const child = spawnSync(BUN, [CLI, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...gitEnv(), NO_COLOR: "1", PATH: `${join(REPO, "node_modules/.bin")}:${process.env.PATH}` },
    timeout: 240_000,
  });
  const testRuns = existsSync(counter) ? readFileSync(counter, "utf8").split("\n").filter(Boolean).length : 0;
  const report = join(reportDir, "mutation.json");
  const mutants: Run["mutants"] = [];
  if (existsSync(report)) {
    const files = (JSON.parse(readFileSync(report, "utf8")) as { files: Record<string, { mutants: Mutant[] }> }).files;
    for (const [file, entry] of Object.entries(files)) for (const m of entry.mutants) mutants.push({ ...m, file });
  }
  return { code: child.status, stderr: child.stderr ?? "", testRuns, mutants };
}

const RUN = ["run", "--executor", "spawn", "--workers", "2", "--reporters", "json", "--report-dir", reportDir];
const statuses = (r: Run) =>
  r.mutants.reduce<Record<string, number>>((acc, m) => ((acc[m.status] = (acc[m.status] ?? 0) + 1), acc), {});
const cached = (r: Run) => r.mutants.filter((m) => m.cached).length;
const LINE = 11; // `return value >= start && value < end;` in src/range.ts

function editRange(from: string, to: string): void {
  const path = join(root, "src/range.ts");
  const text = readFileSync(path, "utf8");
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

describe("incremental runs on a git repository", () => {
  let cold: Run;
  beforeAll(() => {
    cpSync(join(REPO, "tests/fixtures/bun"), root, { recursive: true });
    // Counts each test process, then runs the fixture's suite.
    writeFileSync(
      join(root, "package.json"),
      JSON.stringify({ name: "inc", type: "module", scripts: { test: `echo run >> ${counter} && bun test` } }),
    );
    git(root, "init", "-q");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "initial");
    cold = gremlins(RUN);
  }, 240_000);

  test("a cold run tests every reached gremlin and fills the cache", () => {
    if (cold.code !== 0) console.log(cold.stderr);
    expect(cold.code).toBe(0);
    expect(statuses(cold)).toEqual({ Killed: 29, Survived: 2, Timeout: 1, NoCoverage: 10 });
    expect(cold.testRuns).toBe(BASELINE_RUNS + 32);
    expect(cached(cold)).toBe(0);
    expect(readdirSync(join(root, ".gremlins"))).toEqual(["cache"]);
  });

  test("a second run with no change runs zero tests and reports every verdict from the cache", () => {
    const again = gremlins(RUN);
    expect(again.code).toBe(0);
    expect(again.testRuns).toBe(0);
    expect(statuses(again)).toEqual(statuses(cold));
    expect(cached(again)).toBe(42);
    expect(again.stderr).toContain("42 of 42 verdicts reused from the cache (0 gremlins tested)");
    expect(again.stderr).not.toContain("Baseline");
  });

  test("a commit that changes one line: --since tests only the gremlins on that line", () => {
    editRange("return value >= start && value < end;", "return start <= value && value < end;");
    git(root, "commit", "-qam", "one line");
    const since = gremlins([...RUN, "--since", "HEAD~1"]);
    expect(since.code).toBe(0);
    const onLine = since.mutants.filter(
      (m) => m.file === "src/range.ts" && m.location.start.line <= LINE && m.location.end.line >= LINE,
    );
    expect(onLine.length).toBeGreaterThan(2);
    expect(onLine.every((m) => !m.cached)).toBe(true);
    expect(since.testRuns).toBe(BASELINE_RUNS + onLine.length); // baseline + the line's gremlins, nothing else
    // Everything else in the report is a cached verdict (src/slug.ts); range.ts's other gremlins are left out.
    expect(since.mutants.filter((m) => !m.cached).length).toBe(onLine.length);
    expect(since.mutants.filter((m) => m.file === "src/range.ts").length).toBe(onLine.length);
    expect(since.stderr).toContain(`${onLine.length} gremlins on changed lines (changes since HEAD~1)`);
    expect(since.stderr).toMatch(
      /\d+ gremlins elsewhere without a cached verdict were left out of the run and the score/,
    );
  });

  test("--staged mutates the staged content, not the working tree", () => {
    editRange("return Math.min(Math.max(value, min), max);", "return Math.max(min, Math.min(value, max));");
    git(root, "add", "src/range.ts");
    // An unstaged edit on top that would turn the suite red: --staged must not see it.
    editRange("value < end;", "value <= end;");
    const staged = gremlins([...RUN, "--staged"]);
    if (staged.code !== 0) console.log(staged.stderr);
    expect(staged.code).toBe(0);
    const tested = staged.mutants.filter((m) => !m.cached);
    expect(tested.length).toBeGreaterThan(0);
    expect(
      tested.every((m) => m.file === "src/range.ts" && m.location.start.line <= 7 && m.location.end.line >= 7),
    ).toBe(true);
    expect(staged.stderr).toContain("gremlins on changed lines (staged changes)");
    editRange("value <= end;", "value < end;");
    git(root, "commit", "-qm", "staged change");
  });

  test("changing a test file re-tests every covered gremlin (spawn: one suite covers them all)", () => {
    gremlins(RUN); // settle the cache on the current commit
    writeFileSync(
      join(root, "test/slug.test.ts"),
      readFileSync(join(root, "test/slug.test.ts"), "utf8") + "\n// a new comment\n",
    );
    const after = gremlins(RUN);
    expect(after.code).toBe(0);
    const reached = after.mutants.filter((m) => m.status !== "NoCoverage" && m.status !== "Ignored").length;
    expect(cached(after)).toBe(0);
    expect(after.testRuns).toBe(BASELINE_RUNS + reached);
  });

  test("a corrupt cache file is discarded with a warning and rebuilt", () => {
    writeFileSync(
      join(root, ".gremlins/cache/results.json"),
      '{"format": "gremlins-result-cache", "version": 1, "verd',
    );
    const rebuilt = gremlins(RUN);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toContain("warning: discarding the result cache");
    expect(rebuilt.stderr).toContain("it is not valid JSON; it will be rebuilt");
    expect(cached(rebuilt)).toBe(0);
    const next = gremlins(RUN);
    expect(next.testRuns).toBe(0);
    expect(cached(next)).toBe(42);
  });

  test("--no-cache ignores the cache; `cache clear` removes it", () => {
    const fresh = gremlins([...RUN, "--no-cache"]);
    expect(cached(fresh)).toBe(0);
    expect(fresh.testRuns).toBe(BASELINE_RUNS + 32);
    const info = spawnSync(BUN, [CLI, "cache"], { cwd: root, encoding: "utf8" });
    expect(info.stdout).toMatch(/results\.json: 42 cached verdicts, a coverage map of 32 reached gremlins/);
    const clear = spawnSync(BUN, [CLI, "cache", "clear"], { cwd: root, encoding: "utf8" });
    expect(clear.status).toBe(0);
    expect(clear.stdout).toContain("Removed the result cache");
    expect(existsSync(join(root, ".gremlins/cache"))).toBe(false);
  });

  test("outside a git repository the diff flags are a usage error (exit 2)", () => {
    const plain = join(work, "plain");
    cpSync(join(REPO, "tests/fixtures/bun"), plain, { recursive: true });
    for (const flag of [["--staged"], ["--changed"], ["--since", "main"]]) {
      const result = gremlins([...RUN, ...flag], plain);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`error: ${flag[0]} needs a git repository`);
    }
    const both = gremlins([...RUN, "--staged", "--changed"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("exclude each other");
  });
});
