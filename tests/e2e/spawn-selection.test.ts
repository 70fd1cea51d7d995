// The spawn executor's per-file test selection on every runner's fixture: each gremlin's run passes
// only the test files that reached it (the runner's own output names no other file's tests), and every
// verdict equals the whole-suite run's (GREMLINS_TEST_SELECTION=off), gremlin by gremlin; --no-bail
// drops the runner's bail flag and lists every failing test.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { BUN, CLI, REPO } from "./run-harness.ts";
import { differences, runWith } from "./thread-runs.ts";

const FIXTURES = (process.env.GREMLINS_SELECT_FIXTURES ?? "tape,mocha,uvu,node-test,bun,jest,vitest,deno").split(",");
// Gremlin-by-gremlin equality with today's whole-suite runs where those are cheap (CI time); every
// fixture's selected spawn verdicts are also compared with the thread executor's in thread-equivalence.test.ts.
const WHOLE_SUITE = new Set((process.env.GREMLINS_SELECT_WHOLE ?? "tape,mocha,uvu").split(","));
const traceDir = mkdtempSync(join(tmpdir(), "gremlins-select-trace-"));
const timings: string[] = [];
afterAll(() => {
  console.log(timings.join("\n"));
  rmSync(traceDir, { recursive: true, force: true });
});

interface Traced {
  index: number;
  command: string;
  files: string[] | null;
  output: string;
}

/** What a test file's tests print: its path and the titles of its tests and suites (titles of one file only). */
function markers(fixture: string): Map<string, string[]> {
  const dir = join(REPO, "tests/fixtures", fixture, "test");
  const titles = new Map<string, string[]>();
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), "utf8");
    const found = [...text.matchAll(/\b(?:test|it|describe|Deno\.test)\(\s*["'`]([^"'`]{8,})["'`]/g)].map(
      (m) => m[1] as string,
    );
    if (found.length > 0) titles.set(`test/${name}`, [`test/${name}`, ...found]);
  }
  const all = [...titles.values()].flat();
  for (const [file, list] of titles)
    titles.set(
      file,
      list.filter((t) => all.indexOf(t) === all.lastIndexOf(t)),
    );
  return titles;
}

/** uvu prints no test names, only how many ran: `Total: N`. */
function uvuTotal(output: string): number | null {
  const m = /Total:\s+(\d+)/.exec(output);
  return m ? Number(m[1]) : null;
}

describe("spawn executor: per-file test selection", () => {
  for (const fixture of FIXTURES) {
    test(
      fixture,
      () => {
        const trace = join(traceDir, `${fixture}.jsonl`);
        const selected = runWith(fixture, "spawn", [], { GREMLINS_TRACE_RUNS: trace });
        if (selected.code !== 0) console.log(selected.stderr);
        expect(selected.code).toBe(0);
        expect(selected.stderr).toContain("Test selection: per test file (2 files");
        if (WHOLE_SUITE.has(fixture)) {
          const whole = runWith(fixture, "spawn", [], { GREMLINS_TEST_SELECTION: "off" });
          expect(whole.stderr).toContain("Test selection: none");
          timings.push(
            `${fixture}: ${selected.statuses.size} gremlins, per-file ${(selected.wallMs / 1000).toFixed(1)} s, whole suite ${(whole.wallMs / 1000).toFixed(1)} s`,
          );
          expect(differences(selected, whole)).toEqual([]);
        }

        const runs = readFileSync(trace, "utf8")
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as Traced);
        const fileMarkers = markers(fixture);
        expect(runs.length).toBeGreaterThan(0);
        const tested = new Map<string, number>();
        for (const run of runs) {
          // Every fixture gremlin is reached by exactly one of the two test files.
          expect(run.files?.length).toBe(1);
          const ran = run.files![0] as string;
          tested.set(ran, (tested.get(ran) ?? 0) + 1);
          expect(run.command).toContain(fixture === "uvu" ? ran.replace(/^test\//, "").replace(/\./g, "\\.") : ran);
          for (const [file, list] of fileMarkers) {
            if (file === ran) continue;
            for (const marker of list)
              expect(`${run.command}: ${run.output.includes(marker) ? marker : ""}`).toBe(`${run.command}: `);
          }
          if (fixture === "uvu") {
            const total = uvuTotal(run.output);
            const own = (readFileSync(join(REPO, "tests/fixtures/uvu", ran), "utf8").match(/^test\(/gm) ?? []).length;
            if (total !== null) expect(total).toBeLessThanOrEqual(own);
          }
        }
        // Both files were chosen for some gremlin: the selection really differs per gremlin.
        expect(tested.size).toBe(2);
      },
      480_000,
    );
  }
});

/** Runs the spawn executor on `fixture` and returns each killed gremlin's killers from the JSON report. */
function killers(fixture: string, extra: string[], trace: string): { code: number | null; killedBy: string[][] } {
  const reportDir = mkdtempSync(join(tmpdir(), `gremlins-nobail-${fixture}-`));
  try {
    const child = spawnSync(
      BUN,
      [
        CLI,
        "run",
        "--executor",
        "spawn",
        "--reporters",
        "json",
        "--workers",
        "2",
        "--report-dir",
        reportDir,
        "--no-cache",
        ...extra,
      ],
      {
        cwd: join(REPO, "tests/fixtures", fixture),
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", GREMLINS_TRACE_RUNS: trace },
        timeout: 240_000,
      },
    );
    const report = JSON.parse(readFileSync(join(reportDir, "mutation.json"), "utf8")) as {
      files: Record<string, { mutants: { status: string; killedBy?: string[] }[] }>;
    };
    const killedBy = Object.values(report.files).flatMap((f) =>
      f.mutants.filter((m) => m.status === "Killed").map((m) => m.killedBy ?? []),
    );
    return { code: child.status, killedBy };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

describe("spawn executor: --no-bail", () => {
  test("mocha: selected runs go without --bail and list every failing test; with bail, one killer each", () => {
    const bailTrace = join(traceDir, "bail.jsonl");
    const noBailTrace = join(traceDir, "no-bail.jsonl");
    const bail = killers("mocha", [], bailTrace);
    const all = killers("mocha", ["--no-bail"], noBailTrace);
    expect(bail.code).toBe(0);
    expect(all.code).toBe(0);
    const commands = (file: string) =>
      readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as Traced).command);
    expect(commands(bailTrace).every((c) => c.includes("--bail"))).toBe(true);
    expect(commands(noBailTrace).some((c) => c.includes("--bail"))).toBe(false);
    expect(bail.killedBy.every((k) => k.length <= 1)).toBe(true);
    expect(all.killedBy.length).toBe(bail.killedBy.length);
    expect(all.killedBy.some((k) => k.length > 1)).toBe(true);
  }, 480_000);
});
