// Per-test coverage from the runners' own runs: the probe's records (test titles, gremlins reached inside
// and outside tests, tests that cannot run alone), when a command gets the probe, and the title filters a
// selection builds from them (ava --match, mocha --grep, node --test-name-pattern, vitest/jest -t).
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileSelection } from "../../../../src/execute/select/index.ts";
import { readRunnerCommand, type RunnerCommand } from "../../../../src/execute/select/runner-command.ts";
import { readTestRecords, testProbeFor } from "../../../../src/execute/select/test-probe.ts";
import { avaMatchPattern } from "../../../../src/project/ava.ts";
import { titleFilter } from "../../../../src/execute/select/title-filter.ts";
import type { Gremlin } from "../../../../src/types.ts";

const root = mkdtempSync(join(tmpdir(), "gremlins-probe-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const parse = (command: string): RunnerCommand => readRunnerCommand("/nonexistent", command) as RunnerCommand;
const gremlin = (index: number) =>
  ({ id: `g${index}`, index, file: "src/a.js", loc: { start: { line: index, column: 1 } } }) as unknown as Gremlin;

test("records: titles per slot; a gremlin also reached outside a test body (slot -1) is null", () => {
  const dir = mkdtempSync(join(root, "state-"));
  writeFileSync(
    join(dir, "tests-1-1.txt"),
    ["R 7 -1", 'T 0 "adds"', "R 1 0", "R 7 0", 'T 1 "adds \\"quoted\\" things"', "R 1 1", "R 2 1", ""].join("\n"),
  );
  writeFileSync(join(dir, "reached-1-1.txt"), "1\n2\n7\n");
  const records = readTestRecords(dir)!;
  expect(records.get(1)).toEqual(["adds", 'adds "quoted" things']);
  expect(records.get(2)).toEqual(['adds "quoted" things']);
  expect(records.get(7)).toBeNull();
  expect(readTestRecords(mkdtempSync(join(root, "empty-")))).toBeNull();
});

test("records: a test marked whole (node:test subtests) counts as outside any test", () => {
  const dir = mkdtempSync(join(root, "state-"));
  writeFileSync(join(dir, "tests-1-1.txt"), ['T 0 "parent"', "R 4 0", 'T 1 "alone"', "R 5 1", "W 0", ""].join("\n"));
  const records = readTestRecords(dir)!;
  expect(records.get(4)).toBeNull();
  expect(records.get(5)).toEqual(["alone"]);
});

test("a probe per runner that filters titles, not where the command already filters them", () => {
  expect(testProbeFor(parse("ava --verbose"))?.options).toEqual(["--serial"]);
  expect(testProbeFor(parse("ava -m 'x*'"))).toBeNull();
  expect(testProbeFor(parse("ava --match=x"))).toBeNull();
  expect(testProbeFor(parse("mocha test"))?.options).toEqual([]);
  expect(testProbeFor(parse("mocha --grep fast test"))).toBeNull();
  expect(testProbeFor(parse("node --test"))).not.toBeNull();
  expect(testProbeFor(parse("node --test --test-name-pattern=fast"))).toBeNull();
  expect(testProbeFor(parse("vitest run"))).not.toBeNull();
  expect(testProbeFor(parse("vitest run -t fast"))).toBeNull();
  expect(testProbeFor(parse("jest --testNamePattern=fast"))).toBeNull();
  expect(testProbeFor(parse("tape test/*.js"))).toBeNull();
  const env = testProbeFor(parse("ava"))!.env(root, { NODE_OPTIONS: "--max-old-space-size=4096" });
  expect(env.NODE_OPTIONS).toBe(`--max-old-space-size=4096 --require=${join(root, "gremlins-test-probe.cjs")}`);
});

test("title filters match each title exactly, as each runner reads its filter", () => {
  const titles = ["adds 1 + 2", "a (b) [c] $d"];
  const [, grep] = titleFilter("mocha", titles)!;
  expect(new RegExp(grep!).test("adds 1 + 2")).toBe(true);
  expect(new RegExp(grep!).test("a (b) [c] $d")).toBe(true);
  expect(new RegExp(grep!).test("adds 1 + 2 more")).toBe(false);
  const node = titleFilter("node-test", titles)![0]!;
  expect(node.startsWith("--test-name-pattern=^")).toBe(true);
  expect(new RegExp(node.slice("--test-name-pattern=".length)).test("adds 11 + 2")).toBe(false);
  // vitest and jest match the names of a test's suites and its own, joined by spaces (a file name may lead).
  const [flag, t] = titleFilter("vitest", ["math adds"])!;
  expect(flag).toBe("-t");
  expect(new RegExp(t!).test("math adds")).toBe(true);
  expect(new RegExp(t!).test("test/a.test.ts math adds")).toBe(true);
  expect(new RegExp(t!).test("math adds twice")).toBe(false);
  expect(new RegExp(t!).test("xmath adds")).toBe(false);
  expect(titleFilter("tape", titles)).toBeNull();
});

test("a node:test subtest runs with its parents' names in the pattern; filters a command line cannot carry are refused", () => {
  const pattern = titleFilter("node-test", ["calc\u0000sign\u0000positive", "calc\u0000clamp"])![0]!;
  expect(pattern).toBe("--test-name-pattern=^(?:calc|sign|positive|clamp)$");
  expect(titleFilter("vitest", ["reads \u0000 bytes"])).toBeNull();
  expect(titleFilter("mocha", [Array.from({ length: 4000 }, (_, i) => `title ${i}`).join(" ")])).toBeNull();
});

test("a title that ava would read as a negation becomes a pattern that still matches it", () => {
  expect(avaMatchPattern("!important")).toBe("*important");
  expect(avaMatchPattern("adds 2 * 3")).toBe("adds 2 * 3");
});

test("a selection runs the tests that reach a gremlin by title, or its files whole", () => {
  const selection = fileSelection(
    parse("ava --verbose"),
    {
      files: ["test/a.js", "test/b.js"],
      durations: [100, 200],
      coverage: new Map([
        [1, [0]],
        [2, [0, 1]],
        [3, [1]],
      ]),
      outputs: ["", ""],
      tests: [
        new Map([
          [1, ["adds", "it's exact"]],
          [2, ["adds"]],
        ]),
        new Map<number, string[] | null>([
          [2, ["subtracts"]],
          [3, null],
        ]),
      ],
    },
    (ms) => ms,
  );
  const one = selection.runFor(gremlin(1), true)!;
  expect(one.tests).toEqual(["adds", "it's exact"]);
  expect(one.command).toBe(`ava --verbose --fail-fast --match adds --match 'it'\\''s exact' test/a.js`);
  expect(selection.runFor(gremlin(2), false)!.command).toBe(
    "ava --verbose --match adds --match subtracts test/a.js test/b.js",
  );
  // Reached outside any test body in test/b.js: that file runs whole.
  expect(selection.runFor(gremlin(3), true)).toMatchObject({ command: "ava --verbose --fail-fast test/b.js" });
  expect(selection.runFor(gremlin(3), true)!.tests).toBeUndefined();
  expect(selection.perTest([1, 2, 3, 4])).toBe(2);
});
