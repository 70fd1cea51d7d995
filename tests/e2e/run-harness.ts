// Shared harness of the `gremlins run` end-to-end tests: runs the real CLI in a fixture project,
// collects the JSON report's verdicts, and proves the fixture's files are byte-identical afterwards.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const REPO = resolve(import.meta.dir, "../..");
export const BUN = join(REPO, "node_modules/.bin/bun");
export const CLI = join(REPO, "src/cli/bin.ts");

/** Runner caches that test runners keep in node_modules (vite/vitest): not the project's files. */
const CACHE_DIRS = new Set([".vite", ".vite-temp", ".cache"]);

/** Relative path → sha256 of every file under `dir` (symlinks by target), except .gremlins and runner caches. */
export function hashTree(dir: string, rel = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (path === ".gremlins") continue;
    if (rel.endsWith("node_modules") && CACHE_DIRS.has(entry.name)) continue;
    if (entry.isSymbolicLink()) out.set(path, `link:${readlinkSync(join(dir, path))}`);
    else if (entry.isDirectory()) for (const [k, v] of hashTree(dir, path)) out.set(k, v);
    else
      out.set(
        path,
        createHash("sha256")
          .update(readFileSync(join(dir, path)))
          .digest("hex"),
      );
  }
  return out;
}

export interface Mutant {
  file: string;
  line: number;
  mutatorName: string;
  replacement: string;
  status: string;
  statusReason?: string;
}

export interface FixtureRun {
  code: number | null;
  stdout: string;
  stderr: string;
  mutants: Mutant[];
  counts: Record<string, number>;
  wallMs: number;
  /** Files changed, added or removed in the fixture (must be empty). */
  changed: string[];
  /** Sandboxes left under .gremlins/ (must be empty). */
  leftovers: string[];
}

interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  statusReason?: string;
  location: { start: { line: number } };
}

function diff(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [path, hash] of before) if (after.get(path) !== hash) changed.push(path);
  for (const path of after.keys()) if (!before.has(path)) changed.push(path);
  return changed;
}

/** Runs `gremlins run --reporters json,clear-text --workers 2` in tests/fixtures/<name>. */
export function runFixture(name: string, extraArgs: string[] = []): FixtureRun {
  const dir = join(REPO, "tests/fixtures", name);
  const reportDir = mkdtempSync(join(tmpdir(), `gremlins-e2e-${name}-`));
  const before = hashTree(dir);
  const started = performance.now();
  const child = spawnSync(
    BUN,
    [
      CLI,
      "run",
      "--reporters",
      "json,clear-text",
      "--workers",
      "2",
      "--report-dir",
      reportDir,
      "--no-cache",
      ...extraArgs,
    ],
    {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 240_000,
    },
  );
  const wallMs = performance.now() - started;
  const changed = diff(before, hashTree(dir));
  const home = join(dir, ".gremlins");
  const leftovers = existsSync(home) ? readdirSync(home).filter((n) => n.startsWith("sandbox-")) : [];

  const mutants: Mutant[] = [];
  const reportFile = join(reportDir, "mutation.json");
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as {
      files: Record<string, { mutants: ReportMutant[] }>;
    };
    for (const [file, entry] of Object.entries(report.files)) {
      for (const m of entry.mutants) {
        mutants.push({
          file,
          line: m.location.start.line,
          mutatorName: m.mutatorName,
          replacement: m.replacement ?? "",
          status: m.status,
          statusReason: m.statusReason,
        });
      }
    }
  }
  rmSync(reportDir, { recursive: true, force: true });
  const counts: Record<string, number> = {};
  for (const m of mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  return {
    code: child.status,
    stdout: child.stdout ?? "",
    stderr: child.stderr ?? "",
    mutants,
    counts,
    wallMs,
    changed,
    leftovers,
  };
}

/** Mutants with `status`, as `file:line replacement` strings, sorted. */
export function listed(run: FixtureRun, status: string): string[] {
  return run.mutants
    .filter((m) => m.status === status)
    .map((m) => `${m.file}:${m.line} ${m.replacement}`)
    .sort();
}

/** One line for the log: fixture, counts and wall time. */
export function summaryLine(name: string, run: FixtureRun): string {
  const c = (s: string) => run.counts[s] ?? 0;
  return `${name}: ${run.mutants.length} gremlins, killed ${c("Killed")}, survived ${c("Survived")}, nocov ${c("NoCoverage")}, timeout ${c("Timeout")}, error ${c("RuntimeError")}, ${(run.wallMs / 1000).toFixed(1)} s`;
}

export interface Expected {
  /** Exact number of gremlins per status (statuses not named must be absent). */
  counts: Record<string, number>;
  /** The deliberate survivors, as `file:line replacement`. */
  survivors: string[];
  /** The timeouts (the infinite-loop gremlin), as `file:line replacement`. */
  timeouts: string[];
  /** The function no test calls: every NoCoverage gremlin lies in these lines of this file. */
  noCoverage: { file: string; from: number; to: number };
  exitCode?: number;
}

/** Registers the standard end-to-end checks for one fixture (one CLI run shared by the tests). */
export function describeFixture(name: string, expected: Expected, extraArgs: string[] = []): void {
  describe(`gremlins run on the ${name} fixture`, () => {
    let run: FixtureRun;
    beforeAll(() => {
      run = runFixture(name, extraArgs);
    }, 240_000);
    afterAll(() => {
      if (run) console.log(summaryLine(name, run));
    });

    test("exit code and console report", () => {
      if (run.code !== (expected.exitCode ?? 0)) console.log(run.stdout, run.stderr);
      expect(run.code).toBe(expected.exitCode ?? 0);
      expect(run.stdout).toContain("Mutation score");
    });
    test("exact counts per status", () => {
      expect(run.counts).toEqual(expected.counts);
    });
    test("the deliberate survivors survive", () => {
      expect(listed(run, "Survived")).toEqual([...expected.survivors].sort());
    });
    test(expected.timeouts.length > 0 ? "the infinite loop is a Timeout" : "no gremlin times out", () => {
      expect(listed(run, "Timeout")).toEqual([...expected.timeouts].sort());
    });
    test("NoCoverage gremlins are exactly the uncalled function's", () => {
      const { file, from, to } = expected.noCoverage;
      const nocov = run.mutants.filter((m) => m.status === "NoCoverage");
      expect(nocov.length).toBeGreaterThan(0);
      for (const m of nocov) expect(`${m.file}:${m.line >= from && m.line <= to}`).toBe(`${file}:true`);
      for (const m of nocov) expect(m.statusReason ?? "").not.toBe("");
    });
    test("killed gremlins say why", () => {
      const killed = run.mutants.filter((m) => m.status === "Killed");
      expect(killed.length).toBeGreaterThan(0);
      for (const m of killed) expect(m.statusReason ?? "").not.toBe("");
      // The runner's output names the failing test for most kills (not just "exit code 1").
      const named = killed.filter((m) => !/^exit code \d+$/.test(m.statusReason ?? ""));
      expect(named.length).toBeGreaterThan(killed.length / 2);
    });
    test("the fixture is byte-identical and no sandbox is left", () => {
      expect(run.changed).toEqual([]);
      expect(run.leftovers).toEqual([]);
    });
  });
}
