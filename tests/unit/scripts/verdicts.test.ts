// scripts/_verdicts.ts: gremlin-by-gremlin comparison of two runs, and the executor line gremlins prints.
import { expect, test } from "bun:test";
import { compareVerdicts, readExecutorChoice, type Verdict } from "../../../scripts/_verdicts.ts";

const runOf = (entries: [string, string][]) =>
  new Map<string, Verdict>(entries.map(([id, status]) => [id, { status, where: `${id} op` }]));

test("equal verdicts, Killed-vs-Timeout apart, and every other difference listed with both verdicts", () => {
  const threads = runOf([
    ["a.js#1", "Killed"],
    ["a.js#2", "Killed"],
    ["a.js#10", "Survived"],
    ["b.js#3", "Timeout"],
  ]);
  const spawn = runOf([
    ["a.js#1", "Killed"],
    ["a.js#2", "Timeout"],
    ["a.js#10", "Killed"],
    ["b.js#4", "Survived"],
  ]);
  const c = compareVerdicts(threads, spawn);
  expect(c.compared).toBe(5);
  expect(c.equal).toBe(1);
  expect(c.killedVsTimeout.map((d) => d.id)).toEqual(["a.js#2"]);
  expect(c.differing).toEqual([
    { id: "a.js#10", where: "a.js#10 op", a: "Survived", b: "Killed" },
    { id: "b.js#3", where: "b.js#3 op", a: "Timeout", b: "absent" },
    { id: "b.js#4", where: "b.js#4 op", a: "absent", b: "Survived" },
  ]);
});

test("Timeout in threads against Killed in spawn is a difference, not the tolerated case", () => {
  const c = compareVerdicts(runOf([["a.js#1", "Timeout"]]), runOf([["a.js#1", "Killed"]]));
  expect(c.killedVsTimeout).toEqual([]);
  expect(c.differing).toHaveLength(1);
});

test("the executor line, its reason, the test command and the error line", () => {
  const stderr = [
    "151 gremlins in 1 file(s)",
    'Test command: uvu -r esm test  (the "test" script of package.json)',
    'Executor: spawn ("uvu -r esm test" passes options the built-in harness does not honour)',
    "error: The test suite fails without any gremlin",
  ].join("\n");
  expect(readExecutorChoice(stderr)).toEqual({
    executor: "spawn",
    reason: '"uvu -r esm test" passes options the built-in harness does not honour',
    testCommand: 'uvu -r esm test  (the "test" script of package.json)',
    error: "error: The test suite fails without any gremlin",
    planted: 151,
  });
  expect(readExecutorChoice("Executor: thread (node:test tests in the built-in harness)\n").executor).toBe("thread");
  expect(readExecutorChoice("error: no files to mutate\n")).toEqual({
    executor: "none",
    reason: "",
    testCommand: "",
    error: "error: no files to mutate",
    planted: 0,
  });
});
