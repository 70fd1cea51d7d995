// Per-test coverage from ava's own runs: the probe's records (test titles, gremlins reached inside and
// outside test bodies), when a command gets the probe, and the --match runs a selection builds from them.
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileSelection } from "../../../../src/execute/select/index.ts";
import { readRunnerCommand, type RunnerCommand } from "../../../../src/execute/select/runner-command.ts";
import { readTestRecords, testProbeFor } from "../../../../src/execute/select/test-probe.ts";
import { avaMatchPattern } from "../../../../src/project/ava.ts";
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

test("the probe is ava's, and not where the command already filters titles", () => {
  expect(testProbeFor(parse("ava --verbose"))?.options).toEqual(["--serial"]);
  expect(testProbeFor(parse("ava -m 'x*'"))).toBeNull();
  expect(testProbeFor(parse("ava --match=x"))).toBeNull();
  expect(testProbeFor(parse("mocha test"))).toBeNull();
  const env = testProbeFor(parse("ava"))!.env(root, { NODE_OPTIONS: "--max-old-space-size=4096" });
  expect(env.NODE_OPTIONS).toBe(`--max-old-space-size=4096 --require=${join(root, "gremlins-test-probe.cjs")}`);
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
