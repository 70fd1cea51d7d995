// The spawn executor's per-test selection on the ava fixture: the per-file baseline also records which
// tests reach each gremlin, and a gremlin reached only inside tests runs just those tests (`--match`) of
// its one covering file (ava's own output lists no other test); the gremlin reached while its module loads
// runs its file whole; verdicts equal the whole-suite run's (GREMLINS_TEST_SELECTION=off) gremlin by
// gremlin; a per-test Survived is confirmed by one whole-file run; with --no-bail every covering test runs and
// every killer is listed. Every run takes the NARROW operators of thread-runs.ts (28 of the 52 gremlins tests
// reach), which keep every status, the per-test survivors and the gremlin reached while its module loads.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./run-harness.ts";
import { differences, kinds, NARROW, runWith, type Traced, wholeSuite, within } from "./thread-runs.ts";

const FIXTURE = join(REPO, "tests/fixtures/ava");

/** The titles of every test of the fixture, by test file. */
function titles(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of ["test/grades.test.js", "test/names.test.js"]) {
    const text = readFileSync(join(FIXTURE, file), "utf8");
    out.set(
      file,
      [...text.matchAll(/^test\("([^"]+)"/gm)].map((m) => m[1] as string),
    );
  }
  return out;
}

/** The tests ava's reporter says ran (`✔ title`, `✘ [fail]: title …`). */
function ran(output: string, known: readonly string[]): string[] {
  return known.filter((title) =>
    output
      .split("\n")
      .some((line) =>
        new RegExp(`^\\s*(?:✔|✘ \\[fail\\]:) ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(line),
      ),
  );
}

describe("spawn executor: per-test selection (ava --match)", () => {
  test("each gremlin runs only the tests that reach it; verdicts equal the whole-suite run", () => {
    const selected = runWith("ava", "spawn", NARROW);
    if (selected.code !== 0) console.log(selected.stderr);
    expect(selected.code).toBe(0);
    expect(selected.stderr).toMatch(/Test selection: per test file \(2 files of ava.*; per test for 27 gremlin\(s\)/);
    const whole = wholeSuite("ava");
    expect(whole.stderr).toContain("Test selection: none");
    expect(kinds(whole)).toEqual(["Killed", "NoCoverage", "Survived"]);
    // EXCLAIM's gremlin, reached while src/names.js loads, is compared too.
    expect([...whole.statuses.keys()].some((key) => key.startsWith("src/names.js:4:"))).toBe(true);
    console.log(
      `ava: ${selected.statuses.size} gremlins, per test ${(selected.wallMs / 1000).toFixed(1)} s, whole suite ${(whole.wallMs / 1000).toFixed(1)} s`,
    );
    expect(differences(selected, whole)).toEqual([]);

    const byFile = titles();
    const all = [...byFile.values()].flat();
    // A per-test Survived is confirmed by running its file whole (a killer may need state an earlier test
    // built): each gremlin's first run is the selected one; a second is that file whole, only for survivors.
    const runs: Traced[] = [];
    const confirmations: Traced[] = [];
    for (const run of selected.traced) (runs.some((r) => r.index === run.index) ? confirmations : runs).push(run);
    expect(runs.length).toBe(28);
    const survived = [...selected.statuses].filter(([, status]) => status === "Survived").length;
    expect(survived).toBeGreaterThan(0);
    expect(confirmations.length).toBe(survived);
    for (const run of confirmations) {
      expect(run.tests).toBeUndefined();
      expect(run.command).not.toContain("--match");
      expect(runs.find((r) => r.index === run.index)?.tests?.length).toBeGreaterThan(0);
    }
    let perTest = 0;
    for (const run of runs) {
      expect(run.files?.length).toBe(1);
      const file = run.files![0] as string;
      const own = byFile.get(file)!;
      const seen = ran(run.output, all);
      // Nothing of the other file ever runs.
      expect(seen.filter((t) => !own.includes(t))).toEqual([]);
      if (run.file === "src/names.js" && run.line === 4) {
        // EXCLAIM is read while the module loads, outside any test: its file runs whole.
        expect(run.tests).toBeUndefined();
        expect(run.command).not.toContain("--match");
        continue;
      }
      perTest++;
      expect(run.tests?.length).toBeGreaterThan(0);
      expect(run.tests!.length).toBeLessThan(own.length);
      for (const title of run.tests!) expect(run.command).toContain(`--match '${title}'`);
      expect(seen.filter((t) => !run.tests!.includes(t))).toEqual([]);
    }
    expect(perTest).toBe(27);
    // average() is reached by its own test alone.
    expect(runs.find((r) => r.file === "src/grades.js" && r.line === 14)?.tests).toEqual(["average of scores"]);
  }, 600_000);

  test("--no-bail: no --fail-fast, every covering test runs and every killer is listed", () => {
    const noBail = runWith("ava", "spawn", ["--no-bail", ...NARROW, "--mutate", "src/grades.js"]);
    if (noBail.code !== 0) console.log(noBail.stderr);
    expect(noBail.code).toBe(0);
    const runs = noBail.traced;
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.some((r) => r.command.includes("--fail-fast"))).toBe(false);
    const grades = titles().get("test/grades.test.js")!;
    for (const run of runs) if (run.tests) expect(ran(run.output, grades).sort()).toEqual([...run.tests].sort());
    const killers = [...noBail.killedBy.values()];
    // `score >= 90` → `score < 90`: the three letter-grade tests each fail, and each is named.
    expect(killers.some((names) => names.length === 3)).toBe(true);
    for (const names of killers) for (const name of names) expect(grades).toContain(name);
    // Without bail, the verdicts are the whole suite's.
    expect(differences(noBail, within(wholeSuite("ava"), noBail))).toEqual([]);
  }, 600_000);
});
