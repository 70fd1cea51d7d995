// Warm runs of the spawn executor on the fixtures: with every selected run in the warm process
// (GREMLINS_WARM_RUNS=always), each gremlin's run still runs only its covering file's tests (the runner's
// output names no other file's tests) and every verdict equals the whole-suite run's (on the NARROW operators
// of thread-runs.ts, which keep every status the fixture has), gremlin by gremlin;
// by default (auto) the log says what was measured and kept; an ES module project stays in fresh processes.
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./run-harness.ts";
import { differences, kinds, runWith, wholeSuite, within } from "./thread-runs.ts";

/** Titles of each test file's tests (only titles no other file has). */
function titles(fixture: string): Map<string, string[]> {
  const dir = join(REPO, "tests/fixtures", fixture, "test");
  const found = new Map<string, string[]>();
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), "utf8");
    found.set(
      `test/${name}`,
      [...text.matchAll(/\b(?:test|it|describe)\(\s*["'`]([^"'`]{8,})["'`]/g)].map((m) => m[1] as string),
    );
  }
  const all = [...found.values()].flat();
  for (const [file, list] of found)
    found.set(
      file,
      list.filter((t) => all.indexOf(t) === all.lastIndexOf(t)),
    );
  return found;
}

describe("spawn executor: warm runs", () => {
  for (const fixture of ["mocha", "tape", "vitest", "jest"]) {
    test(`${fixture}: one process per worker, only the covering file's tests, verdicts equal the whole suite's`, () => {
      const warm = runWith(fixture, "spawn", ["--verbose"], { GREMLINS_WARM_RUNS: "always" });
      if (warm.code !== 0) console.log(warm.stderr);
      expect(warm.code).toBe(0);
      expect(warm.stderr).toContain(`Warm runs: one ${fixture} process per worker`);
      const whole = wholeSuite(fixture);
      expect(kinds(whole)).toEqual(kinds(warm));
      expect(differences(within(warm, whole), whole)).toEqual([]);

      const own = titles(fixture);
      const runs = warm.traced;
      expect(runs.length).toBeGreaterThan(0);
      const ran = new Set<string>();
      for (const run of runs) {
        expect(run.files?.length).toBe(1);
        const file = run.files![0] as string;
        ran.add(file);
        for (const [other, list] of own) {
          if (other === file) continue;
          for (const title of list) expect(`${file}: ${run.output.includes(title) ? title : ""}`).toBe(`${file}: `);
        }
      }
      expect(ran.size).toBe(2);
      if (fixture === "mocha") {
        // Per-test selection: some runs pass fewer tests than their file has (mocha prints "N passing").
        expect(warm.stderr).toContain("only the tests that reach the gremlin (grep)");
        const fewer = runs.filter((run) => {
          const passing = /(\d+) passing/.exec(run.output);
          const file = readFileSync(join(REPO, "tests/fixtures/mocha", run.files![0] as string), "utf8");
          return passing !== null && Number(passing[1]) < (file.match(/\bit\(/g) ?? []).length;
        });
        expect(fewer.length).toBeGreaterThan(0);
      }
    }, 480_000);
  }

  test("auto: the log says what was measured and kept; an ES module project stays fresh", () => {
    const mocha = runWith("mocha", "spawn", []);
    expect(mocha.code).toBe(0);
    expect(mocha.stderr).toMatch(
      /Warm runs: (one mocha process per worker \(\d+ gremlins run both ways: same verdicts|off)/,
    );
    const uvu = runWith("uvu", "spawn", []);
    expect(uvu.code).toBe(0);
    expect(uvu.stderr).toContain('Warm runs: off, a fresh process per gremlin (package.json says "type": "module"');
  }, 480_000);
});
