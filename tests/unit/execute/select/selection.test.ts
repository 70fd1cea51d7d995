// A gremlin's selected run: only the files that reached it, fastest first until a file kills a
// neighbour (same line, then same function), a time limit from those files' own durations.
import { expect, test } from "bun:test";
import { fileSelection } from "../../../../src/execute/select/index.ts";
import { readRunnerCommand, type RunnerCommand } from "../../../../src/execute/select/runner-command.ts";

const parseRunnerCommand = (command: string): RunnerCommand | null => {
  const read = readRunnerCommand("/nonexistent", command);
  return "reason" in read ? null : read;
};
import type { Gremlin } from "../../../../src/types.ts";

const gremlin = (index: number, line: number): Gremlin =>
  ({
    id: `g${index}`,
    index,
    file: "src/a.js",
    loc: { start: { line, column: 1 }, end: { line, column: 2 } },
  }) as unknown as Gremlin;

function selection() {
  return fileSelection(
    parseRunnerCommand("mocha --reporter spec test/")!,
    {
      files: ["test/slow.js", "test/fast.js", "test/other.js"],
      durations: [900, 100, 300],
      coverage: new Map([
        [1, [0, 1]],
        [2, [0, 1]],
        [3, [2]],
      ]),
      outputs: ["  slow suite\n    ✔ parses dates\n", "  fast suite\n    ✔ adds\n", ""],
    },
    (ms) => ms * 2 + 1000,
    () => "fn",
  );
}

test("only the covering files run, fastest first, with bail; the time limit comes from their durations plus the runner's per-test timeout", () => {
  const run = selection().runFor(gremlin(1, 5), true)!;
  expect(run.files).toEqual(["test/fast.js", "test/slow.js"]);
  expect(run.command).toBe("mocha --reporter spec --bail test/fast.js test/slow.js");
  // (900 + 100) × 2 + 1000, plus mocha's 2 s per-test timeout: a hanging test fails under mocha before the limit.
  expect(run.timeoutMs).toBe(3000 + 2000);
  expect(selection().runFor(gremlin(3, 5), false)!.command).toBe("mocha --reporter spec test/other.js");
});

test("a gremlin no single file reached runs the whole command", () => {
  expect(selection().runFor(gremlin(9, 5), true)).toBeNull();
});

test("the file whose own run printed the killing test goes first for the neighbours", () => {
  const s = selection();
  const first = s.runFor(gremlin(1, 5), true)!;
  // mocha names a failure by its suite ("1) slow suite"); the name is found in test/slow.js's own output.
  s.killed(gremlin(1, 5), first, ["slow suite"]);
  expect(s.runFor(gremlin(2, 5), true)!.files).toEqual(["test/slow.js", "test/fast.js"]);
  expect(s.runFor(gremlin(2, 40), true)!.files).toEqual(["test/slow.js", "test/fast.js"]);
});

test("a kill whose test is not found in any file's output counts for the first file of the run", () => {
  const s = selection();
  const run = s.runFor(gremlin(1, 5), true)!;
  s.killed(gremlin(1, 5), run, ["exit code 1"]);
  expect(s.runFor(gremlin(2, 6), true)!.files).toEqual(["test/fast.js", "test/slow.js"]);
});
