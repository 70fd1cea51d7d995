// Reliability with flaky tests. Policy: the spawn executor runs the baseline `baselineRuns` times
// (default 2); a suite that passes in one run and fails in another goes on with the green run, and every
// report names the flaky test and the gremlins Killed by it alone (their kill may be chance). The thread
// executor runs its in-worker baseline twice as well; a test whose result changes is named the same way,
// and every gremlin then gets a fresh worker.
import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { bunFiles, gremlinsRun, tempBase } from "./helpers.ts";

const { base, project } = tempBase("flaky");

/** A suite whose "sometimes" test fails on every second execution (a counter outside the project). */
function flakyProject(extra: Record<string, string> = {}): { root: string; env: Record<string, string> } {
  const counter = join(mkdtempSync(join(base, "counter-")), "n");
  const root = project(
    bunFiles({
      "src/inc.ts": "export const inc = (a: number) => a + 1;\n",
      "test/inc.test.ts":
        'import { test, expect } from "bun:test";\nimport { readFileSync, writeFileSync } from "node:fs";\nimport { inc } from "../src/inc.ts";\n' +
        'const bump = () => { let n = 0; try { n = Number(readFileSync(process.env.REL_COUNTER!, "utf8")); } catch {} writeFileSync(process.env.REL_COUNTER!, String(n + 1)); return n + 1; };\n' +
        'test("inc", () => expect(inc(1)).toBe(2));\ntest("sometimes", () => { expect(bump() % 2).toBe(1); });\n',
      ...extra,
    }),
  );
  return { root, env: { REL_COUNTER: counter } };
}

test("spawn: a test that passes in one baseline run and fails in the other is named in the reports, with the kills resting on it; the run goes on", () => {
  // twice() is reached only by the flaky test "sometimes": its gremlins are Killed by that test alone.
  const { root, env } = flakyProject({
    "src/twice.ts": "export const twice = (a: number) => a * 2;\n",
    "test/inc.test.ts":
      'import { test, expect } from "bun:test";\nimport { readFileSync, writeFileSync } from "node:fs";\nimport { inc } from "../src/inc.ts";\nimport { twice } from "../src/twice.ts";\n' +
      'const bump = () => { let n = 0; try { n = Number(readFileSync(process.env.REL_COUNTER!, "utf8")); } catch {} writeFileSync(process.env.REL_COUNTER!, String(n + 1)); return n + 1; };\n' +
      'test("inc", () => expect(inc(1)).toBe(2));\ntest("sometimes", () => { expect(bump() % 2).toBe(1); expect(twice(2)).toBe(4); });\n',
  });
  const r = gremlinsRun(root, [], { executor: "spawn", env });
  expect(r.code).toBe(0);
  expect(r.out).toContain('flaky test "sometimes"');
  expect(r.out).toContain("Flaky tests (1)");
  const flaky = r.flakyTests ?? [];
  expect(flaky.map((f) => f.name)).toEqual(["sometimes"]);
  expect(flaky[0]?.detail).toContain("passed in one of 2 baseline runs");
  const twice = r.mutants.filter((m) => m.file === "src/twice.ts");
  expect(twice.length).toBeGreaterThan(0);
  for (const m of twice) expect(m.status).toBe("Killed");
  expect([...(flaky[0]?.gremlins ?? [])].sort()).toEqual(twice.map((m) => m.id).sort());
  for (const m of twice) expect(m.statusReason).toContain("a flaky test");
  // inc's gremlins are Killed by the steady test "inc": no verdict of theirs rests on the flaky one.
  for (const m of r.mutants.filter((m) => m.file === "src/inc.ts")) expect(flaky[0]?.gremlins).not.toContain(m.id);
}, 90_000);

test("spawn: baselineRuns: 1 turns the check off (one baseline run)", () => {
  const { root, env } = flakyProject({ "gremlins.config.json": JSON.stringify({ baselineRuns: 1 }) });
  const r = gremlinsRun(root, [], { executor: "spawn", env });
  expect(r.out).not.toContain("Flaky test");
  // The gremlins now meet the flaky test: whatever their verdicts, the run completes.
  expect(r.code).toBe(0);
  expect(r.mutants.length).toBe(2);
}, 60_000);

test("spawn: a suite that fails in every baseline run is red, not flaky", () => {
  const root = project(
    bunFiles({
      "src/inc.ts": "export const inc = (a: number) => a + 1;\n",
      "test/inc.test.ts":
        'import { test, expect } from "bun:test";\nimport { inc } from "../src/inc.ts";\ntest("inc", () => expect(inc(1)).toBe(3));\n',
    }),
  );
  const r = gremlinsRun(root, [], { executor: "spawn" });
  expect(r.code).toBe(2);
  expect(r.out).toContain("fails without any gremlin");
  expect(r.out).not.toContain("Flaky");
}, 60_000);

test("thread (default): the test whose result changes between the two baseline passes is named; gremlins run on fresh workers", () => {
  const { root, env } = flakyProject();
  const r = gremlinsRun(root, [], { env });
  expect(r.out).toMatch(/"sometimes" fails when the suite is re-run/);
  expect(r.code).toBe(0);
  // On a fresh worker "sometimes" runs once per gremlin and passes (odd count): inc's gremlins are killed by "inc".
  for (const m of r.mutants) expect(`${m.status} ${m.statusReason}`).toBe("Killed inc");
  // Every report names it; no verdict rests on it (a steady test killed every gremlin).
  expect(r.flakyTests?.map((f) => [f.name, f.gremlins.length])).toEqual([["sometimes", 0]]);
  expect(r.out).toContain("Flaky tests (1)");
}, 60_000);
