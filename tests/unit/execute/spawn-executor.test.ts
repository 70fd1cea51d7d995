// The spawn executor behind the Executor interface, on a two-file node:test project whose test files
// report their own "coverage" (a reached-*.txt line) and fail when their gremlin is active: the
// baseline selects per file, each gremlin's run passes only its file, the log lines say so.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SpawnExecutor, type SpawnExecutorOptions } from "../../../src/execute/spawn-executor.ts";
import type { Gremlin, Outcome } from "../../../src/types.ts";
import { writeProject } from "../../_project.ts";

const root = mkdtempSync(join(tmpdir(), "gremlins-spawn-executor-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A test file that reaches gremlin `index` and fails while it is active. */
const testFile = (index: number) => `const { test } = require("node:test");
const { appendFileSync } = require("node:fs");
test("file ${index}", () => {
  if (!process.env.GREMLINS_ACTIVE) appendFileSync(process.env.GREMLINS_DIR + "/reached-" + process.pid + "-0.txt", "${index}\\n");
  if (process.env.GREMLINS_ACTIVE === "${index}") throw new Error("gremlin ${index} caught");
});
`;
writeProject(root, {
  "package.json": '{ "scripts": { "test": "node --test" } }',
  "test/a.test.js": testFile(1),
  "test/b.test.js": testFile(2),
});

const gremlin = (index: number): Gremlin =>
  ({
    id: `g${index}`,
    index,
    file: "src/x.js",
    loc: { start: { line: index, column: 1 }, end: { line: index, column: 2 } },
  }) as unknown as Gremlin;

function executor(selection: boolean, runs: { command: string; files: string[] | null }[]): SpawnExecutor {
  let state = 0;
  const options: SpawnExecutorOptions = {
    spec: { command: "node --test", path: process.env.PATH ?? "" },
    dir: root,
    context: () => {
      const stateDir = join(root, ".state", String(state++));
      mkdirSync(stateDir, { recursive: true });
      return { cwd: root, stateDir, tmpDir: root };
    },
    addWorkers: () => {},
    workers: 2,
    timeoutMs: 10_000,
    timeoutFactor: 1.5,
    baselineRuns: 1,
    cachedCoverage: null,
    selection,
    bail: true,
    onRun: (_, run) => runs.push({ command: run.command, files: run.files }),
  };
  return new SpawnExecutor(options);
}

test("per-file selection: each gremlin runs only the file that reaches it", async () => {
  const runs: { command: string; files: string[] | null }[] = [];
  const spawn = executor(true, runs);
  const baseline = await spawn.baseline();
  expect([...baseline.reached].sort()).toEqual([1, 2]);
  expect(spawn.describe()[1]).toMatch(/^Test selection: per test file \(2 files of node-test, each run alone in /);
  const outcomes: Outcome[] = [];
  await spawn.execute({
    gremlins: [gremlin(1), gremlin(2), gremlin(3)],
    workers: 2,
    bail: true,
    onOutcome: (_, o) => outcomes.push(o),
  });
  expect(outcomes.map((o) => `${o.id} ${o.status}`).sort()).toEqual(["g1 Killed", "g2 Killed", "g3 NoCoverage"]);
  expect(runs.map((r) => r.command).sort()).toEqual(["node --test test/a.test.js", "node --test test/b.test.js"]);
}, 60_000);

test("GREMLINS_TEST_SELECTION=off (selection false): the whole command for every gremlin", async () => {
  const runs: { command: string; files: string[] | null }[] = [];
  const spawn = executor(false, runs);
  await spawn.baseline();
  expect(spawn.describe()).toEqual([
    "Time limit per gremlin: " + spawn.describe()[0]!.split(": ")[1],
    "Test selection: none, every gremlin runs the whole test command (GREMLINS_TEST_SELECTION=off)",
  ]);
  await spawn.execute({ gremlins: [gremlin(1)], workers: 1, bail: true });
  expect(runs).toEqual([{ command: "node --test", files: null }]);
}, 60_000);
