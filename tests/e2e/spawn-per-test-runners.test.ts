// The spawn executor's per-test selection on the mocha (fresh processes), node:test, vitest and jest fixtures:
// the per-file baseline's probe records which tests reach each gremlin, and a gremlin reached only inside
// tests runs just those tests (mocha --grep, node --test-name-pattern, vitest/jest -t): the runner's own
// counts say how many ran. With --no-bail every covering test runs (the counts equal the covering titles)
// and a gremlin several tests catch lists each of them; verdicts, with bail and without, equal the whole-suite
// run's (GREMLINS_TEST_SELECTION=off) gremlin by gremlin. The --no-bail and whole-suite runs take the NARROW
// operators of thread-runs.ts, which keep every status the fixture has.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { REPO } from "./run-harness.ts";
import { differences, kinds, NARROW, runWith, wholeSuite, within } from "./thread-runs.ts";

type Counted = { passed: number; failed: number };

const num = (text: string, pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? 0);

/** Each runner's own summary of how many tests passed and failed (tests left out by the filter are not counted). */
const COUNTS: Record<string, (out: string) => Counted> = {
  mocha: (out) => ({ passed: num(out, /(\d+) passing/), failed: num(out, /(\d+) failing/) }),
  "node-test": (out) => ({ passed: num(out, /^# pass (\d+)/m), failed: num(out, /^# fail (\d+)/m) }),
  vitest: (out) => {
    const line = /^\s*Tests\s+(.*)$/m.exec(out)?.[1] ?? "";
    return { passed: num(line, /(\d+) passed/), failed: num(line, /(\d+) failed/) };
  },
  jest: (out) => {
    const line = /^Tests:\s+(.*)$/m.exec(out)?.[1] ?? "";
    return { passed: num(line, /(\d+) passed/), failed: num(line, /(\d+) failed/) };
  },
};

/**
 * `operators`: those of the bail run. node-test's, vitest's and jest's is thread-equivalence.test.ts's spawn
 * reference (shared, every operator); mocha's, in fresh processes, is this file's own and takes NARROW.
 */
const CASES: { fixture: string; filter: string; env: Record<string, string>; operators: string[] }[] = [
  { fixture: "mocha", filter: "--grep", env: { GREMLINS_WARM_RUNS: "off" }, operators: NARROW },
  { fixture: "node-test", filter: "--test-name-pattern", env: {}, operators: [] },
  { fixture: "vitest", filter: "-t", env: {}, operators: [] },
  { fixture: "jest", filter: "-t", env: {}, operators: [] },
];

/** How many tests a fixture's test file declares (it( / test( calls). */
function declared(fixture: string, file: string): number {
  return readFileSync(join(REPO, "tests/fixtures", fixture, file), "utf8").match(/^\s*(?:it|test)\(/gm)?.length ?? 0;
}

describe("spawn executor: per-test selection (mocha, node:test, vitest, jest)", () => {
  for (const { fixture, filter, env, operators } of CASES) {
    test(`${fixture}: only the covering tests run (${filter}), also with --no-bail; verdicts equal the whole suite's`, () => {
      const noBail = runWith(fixture, "spawn", ["--no-bail", ...NARROW], env);
      if (noBail.code !== 0) console.log(noBail.stderr);
      expect(noBail.code).toBe(0);
      expect(noBail.stderr).toMatch(
        new RegExp(`Test selection: per test file .*; per test for [1-9]\\d* gremlin\\(s\\) .*${fixture} ${filter}\\)`),
      );
      const perTest = noBail.traced.filter((run) => run.tests);
      expect(perTest.length).toBeGreaterThan(0);
      let narrower = 0;
      for (const run of perTest) {
        expect(run.command).toContain(filter);
        expect(run.files).toHaveLength(1);
        // --no-bail: every covering test runs, and nothing else.
        const counted = COUNTS[fixture]!(stripVTControlCharacters(run.output));
        expect(counted.passed + counted.failed).toBe(run.tests!.length);
        if (run.tests!.length < declared(fixture, run.files![0]!)) narrower++;
      }
      expect(narrower).toBeGreaterThan(0);

      // A gremlin several covering tests catch lists each of them.
      expect([...noBail.killedBy.values()].some((killers) => killers.length >= 2)).toBe(true);

      const selected = runWith(fixture, "spawn", operators, env);
      expect(selected.stderr).toMatch(/per test for [1-9]/);
      // Warm runs concern selected runs only: the whole suite's run is the one spawn-selection.test.ts takes.
      const whole = wholeSuite(fixture);
      expect(whole.stderr).toContain("Test selection: none");
      expect(kinds(whole)).toEqual(kinds(selected));
      console.log(
        `${fixture}: ${selected.statuses.size} gremlins, per test ${(selected.wallMs / 1000).toFixed(1)} s, whole suite ${(whole.wallMs / 1000).toFixed(1)} s`,
      );
      expect(differences(within(selected, whole), whole)).toEqual([]);
      expect(differences(noBail, whole)).toEqual([]);
    }, 900_000);
  }
});

// A table filled on first use (a lazy cache): the gremlin is reached only in the first test that calls it, and
// only a later test, which reads the table, catches it. Running just the reaching test passes; a Survived of
// per-test selection stands only once the files also pass whole (a second, whole-file run). mocha's warm
// processes take their own per-test path (grep), so they are checked warm as well as fresh.
describe("spawn executor: a per-test Survived is confirmed by its files run whole", () => {
  // thread-lazy-node's run is thread-equivalence.test.ts's spawn reference (shared, every operator); spawn-lazy-mocha's
  // are this file's own and take NARROW, whose boundary gremlins include the shrunken table's.
  const LAZY: { fixture: string; env: Record<string, string>; operators: string[] }[] = [
    { fixture: "thread-lazy-node", env: {}, operators: [] },
    { fixture: "spawn-lazy-mocha", env: { GREMLINS_WARM_RUNS: "off" }, operators: NARROW },
    { fixture: "spawn-lazy-mocha", env: { GREMLINS_WARM_RUNS: "always" }, operators: NARROW },
  ];
  for (const { fixture, env, operators } of LAZY) {
    test(`${fixture} ${JSON.stringify(env)}: the shrunken table is Killed, as by the whole suite`, () => {
      const selected = runWith(fixture, "spawn", operators, env);
      expect(selected.stderr).toMatch(/per test for [1-9]/);
      const shrunk = "src/table.js:7:23 boundary → 5";
      expect([...selected.statuses].find(([key]) => key.startsWith(shrunk))?.[1]).toBe("Killed");
      // Some gremlin ran only its reaching tests, survived them, and ran again with its file whole.
      const indices = new Set(selected.traced.filter((run) => run.tests).map((run) => run.index));
      const confirmed = selected.traced.filter((run) => !run.tests && indices.has(run.index));
      expect(confirmed.length).toBeGreaterThan(0);
      // Warm runs concern selected runs only: one whole-suite run serves both of spawn-lazy-mocha's cases.
      const whole = wholeSuite(fixture);
      expect([...whole.statuses.keys()].some((key) => key.startsWith(shrunk))).toBe(true);
      expect(kinds(whole)).toEqual(kinds(selected));
      expect(differences(within(selected, whole), whole)).toEqual([]);
    }, 300_000);
  }
});

// A test counting on the test before it in its file (a tally the first test adds to): run alone, the second
// test fails with no gremlin active, so a per-test kill of it proves nothing. The spawn executor checks once per
// per-test command that its tests pass alone (no gremlin), and where they do not, the gremlin's files run whole
// and decide. Before, the label's string gremlin (which no test asserts) was Killed; the whole suite survives it.
describe("spawn executor: a per-test kill whose tests fail alone is decided by its files run whole", () => {
  test("spawn-order-node: the unasserted label gremlin survives, as in the whole suite", () => {
    const selected = runWith("spawn-order-node", "spawn");
    expect(selected.code).toBe(0);
    expect(selected.stderr).toMatch(/per test for [1-9]/);
    const label = [...selected.statuses].find(([key]) => key.startsWith("src/tally.js:13:10 string-literal"));
    expect(label?.[1]).toBe("Survived");
    // That gremlin ran its test alone first, then its file whole.
    const index = selected.traced.find((run) => run.tests?.includes("counts what the test before added"))?.index;
    expect(index).toBeDefined();
    expect(selected.traced.filter((run) => run.index === index && !run.tests).length).toBeGreaterThan(0);
    const whole = wholeSuite("spawn-order-node");
    expect(differences(within(selected, whole), whole)).toEqual([]);
  }, 300_000);
});
