// The spawn executor's per-file test selection on every runner's fixture: each gremlin's run passes
// only the test files that reached it (the runner's own output names no other file's tests), and every
// verdict equals the whole-suite run's (GREMLINS_TEST_SELECTION=off, on the NARROW operators of
// thread-runs.ts, which keep every status the fixture has), gremlin by gremlin; --no-bail drops the runner's
// bail flag and lists every failing test.
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./run-harness.ts";
import { differences, kinds, type Run, runWith, wholeSuite, within } from "./thread-runs.ts";

const FIXTURES = (process.env.GREMLINS_SELECT_FIXTURES ?? "tape,mocha,uvu,node-test,bun,jest,vitest,deno").split(",");
// Gremlin-by-gremlin equality with today's whole-suite runs where those are cheap (CI time); every
// fixture's selected spawn verdicts are also compared with the thread executor's in thread-equivalence.test.ts.
const WHOLE_SUITE = new Set((process.env.GREMLINS_SELECT_WHOLE ?? "tape,mocha,uvu").split(","));
const timings: string[] = [];
afterAll(() => console.log(timings.join("\n")));

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
        // The same run as thread-equivalence.test.ts's spawn reference (shared when both files run).
        const selected = runWith(fixture, "spawn");
        if (selected.code !== 0) console.log(selected.stderr);
        expect(selected.code).toBe(0);
        expect(selected.stderr).toContain("Test selection: per test file (2 files");
        if (WHOLE_SUITE.has(fixture)) {
          const whole = wholeSuite(fixture);
          expect(whole.stderr).toContain("Test selection: none");
          expect(kinds(whole)).toEqual(kinds(selected));
          timings.push(
            `${fixture}: ${selected.statuses.size} gremlins, per-file ${(selected.wallMs / 1000).toFixed(1)} s, whole suite ${(whole.wallMs / 1000).toFixed(1)} s`,
          );
          expect(differences(within(selected, whole), whole)).toEqual([]);
        }

        const runs = selected.traced;
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

describe("spawn executor: --no-bail", () => {
  test("mocha: selected runs go without --bail and list every failing test; with bail, one killer each", () => {
    const bail = runWith("mocha", "spawn");
    const all = runWith("mocha", "spawn", ["--no-bail"]);
    expect(bail.code).toBe(0);
    expect(all.code).toBe(0);
    const commands = (run: Run) => run.traced.map((traced) => traced.command);
    expect(commands(bail).length).toBeGreaterThan(0);
    expect(commands(bail).every((c) => c.includes("--bail"))).toBe(true);
    expect(commands(all).length).toBeGreaterThan(0);
    expect(commands(all).some((c) => c.includes("--bail"))).toBe(false);
    const killers = (run: Run) => [...run.killedBy.values()];
    expect(killers(bail).every((k) => k.length <= 1)).toBe(true);
    expect(killers(all).length).toBe(killers(bail).length);
    expect(killers(all).some((k) => k.length > 1)).toBe(true);
  }, 480_000);
});
