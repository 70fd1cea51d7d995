// The project model on the fixture projects: the test command chosen, the runner's step, the runtime, and
// `init`'s description, all from one reading of each project (init and run must agree on the runtime).
import { describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describeProject, projectModel } from "../../../src/project/model.ts";
import { detectSuite } from "../../../src/project/suite.ts";
import { readRunnerCommand } from "../../../src/execute/select/runner-command.ts";
import { listTestFiles } from "../../../src/execute/select/test-files.ts";
import { tempProjects } from "./_temp-project.ts";

const FIXTURES = resolve(import.meta.dir, "../../fixtures");
const fixtures = readdirSync(FIXTURES).filter((name) => !name.includes("."));

const project = tempProjects({ nodeModules: false });

describe("projectModel on the fixtures", () => {
  test.each([
    // fixture, chosen command, the step the executors run, runner, runtime
    ["bun", "bun test", "bun test", "bun", "bun"],
    ["deno", "deno test -A", "deno test -A", "deno", "deno"],
    ["deno-steps", "deno test -A", "deno test -A", "deno", "deno"],
    // jest's step gets --ci: snapshots compared as in CI, as the harness compares them.
    ["jest", "jest", "jest --ci", "jest", "node"],
    ["mocha", "mocha", "mocha", "mocha", "node"],
    ["node-test", "node --test", "node --test", "node-test", "node"],
    ["tape", "tape test/*.test.js", "tape test/*.test.js", "tape", "node"],
    ["uvu", "uvu test", "uvu test", "uvu", "node"],
    ["vitest", "vitest run", "vitest run", "vitest", "node"],
    ["flags-bnt", "bnt", "bnt", "node-test", "node"],
    [
      "flags-mocha",
      "npm run lint && cross-env TAX_RATE=20 mocha --require test/support/env --reporter spec --check-leaks --ui tdd",
      "TAX_RATE=20 mocha --require test/support/env --reporter spec --check-leaks --ui tdd",
      "mocha",
      "node",
    ],
    ["flags-uvu", "c8 uvu -r uvu-flags-setup -i helpers", "uvu -r uvu-flags-setup -i helpers", "uvu", "node"],
    // No Bun marker file: the command names Bun.
    ["thread-static", "bun test", "bun test", "bun", "bun"],
  ])("%s", (fixture, chosen, step, runner, runtime) => {
    const model = projectModel(join(FIXTURES, fixture), null, { host: "bun" });
    expect(model.chosen.command).toBe(chosen);
    expect(model.steps.test.command).toBe(step);
    expect(model.steps.reading.runner?.framework).toBe(runner as never);
    expect(model.runtime.runtime).toBe(runtime as never);
    expect(model.missingRuntime).toBeNull();
  });

  test.each(fixtures)("%s: init describes the runtime a run uses", (fixture) => {
    const root = join(FIXTURES, fixture);
    expect(describeProject(root).runtime).toBe(projectModel(root, null, { host: "bun" }).runtime.runtime);
  });
});

describe("projectModel", () => {
  test.each([
    // The runtime is the runner step's, not the whole command's first program (before: tsc / cross-env → Node).
    ["tsc -p . && bun test", "bun test", "bun"],
    ["cross-env TZ=UTC bun test", "TZ=UTC bun test", "bun"],
    ["npm run build && node --test", "node --test", "node"],
  ])("test script %j runs %j on %s", (script, step, runtime) => {
    const root = project({ "package.json": { scripts: { test: script, build: "tsc" } } });
    const model = projectModel(root, null, { host: "node", envPath: "/nonexistent" });
    expect(model.steps.test.command).toBe(step);
    expect(model.runtime.runtime).toBe(runtime as never);
  });

  test("a test step naming a runtime that is not installed: the model says so, the run stops on it", () => {
    const root = project({ "package.json": { scripts: { test: "cross-env TZ=UTC bun test" } } });
    const model = projectModel(root, null, { host: "node", envPath: "/nonexistent" });
    expect(model.missingRuntime).toContain("This project's tests run on bun");
  });

  test("the configured command wins over the script; no command at all is an error", () => {
    const root = project({ "package.json": { scripts: { test: "mocha" } } });
    expect(projectModel(root, "node --test", { envPath: "/nonexistent" }).chosen).toMatchObject({
      command: "node --test",
      reason: "testCommand from the configuration",
    });
    expect(() => projectModel(project({ "package.json": {} }), null)).toThrow(/No test command/);
  });

  test("package.json is read once per version of the file", () => {
    const root = project({ "package.json": { scripts: { test: "mocha" } } });
    const first = projectModel(root, null, { envPath: "/nonexistent" });
    expect(projectModel(root, null, { envPath: "/nonexistent" }).packageJson).toBe(first.packageJson);
    writeFileSync(join(root, "package.json"), JSON.stringify({ scripts: { test: "uvu tests" } }));
    expect(projectModel(root, null, { envPath: "/nonexistent" }).chosen.command).toBe("uvu tests");
  });
});

describe("one answer to which test files: the thread executor's suite and the spawn executor's listing agree", () => {
  const noRun = async () => ({ exitCode: 1, output: "" });
  const spawnFiles = async (root: string, command: string) => {
    const read = readRunnerCommand(root, command);
    return "reason" in read ? read : listTestFiles(root, read, noRun);
  };
  const threadFiles = (root: string, command: string) => {
    const suite = detectSuite(root, command);
    return "reason" in suite ? suite : suite.files;
  };
  const temp = project({ "package.json": {} });
  for (const [path, text] of Object.entries({
    "test/a.spec.ts": "",
    "test/helper.js": "",
    "test/b.test.ts": "",
    "src/latest.test.ts": "",
    "bench/run.js": "",
  })) {
    mkdirSync(dirname(join(temp, path)), { recursive: true });
    writeFileSync(join(temp, path), text);
  }

  test.each([
    ["mocha", "mocha"],
    ["node-test", "node --test"],
    ["tape", "tape test/*.test.js"],
    ["uvu", "uvu test"],
    ["bun", "bun test"],
    ["flags-node-test", "node --conditions development --test-timeout=20000 --test test/"],
    ["flags-bnt", "bnt"],
    // A bare uvu takes uvu's default pattern (test folders, .test/.spec files): spawn listed every script before.
    ["flags-uvu", "uvu -r uvu-flags-setup -i helpers"],
  ])("%s: %s", async (fixture, command) => {
    const root = join(FIXTURES, fixture);
    const files = threadFiles(root, command);
    expect(Array.isArray(files)).toBe(true);
    expect(await spawnFiles(root, command)).toEqual([...(files as string[])].sort());
  });

  test.each([
    // bun: a filter starting with ./ is a path (the thread executor took it as a substring before).
    ["bun test ./test", ["test/a.spec.ts", "test/b.test.ts"]],
    ["bun test latest", ["src/latest.test.ts"]],
    // mocha: --extension replaces the default extensions (spawn added to them before).
    ["mocha --extension ts", ["test/a.spec.ts", "test/b.test.ts"]],
    ["uvu", ["src/latest.test.ts", "test/a.spec.ts", "test/b.test.ts", "test/helper.js"]],
  ])("%s", async (command, expected) => {
    expect(threadFiles(temp, command)).toEqual(expected);
    expect(await spawnFiles(temp, command)).toEqual(expected);
  });
});

describe("deno test options whose value is only written with = (as deno reads them)", () => {
  const root = project({ "deno.json": {} });
  for (const path of ["test/a_test.ts", "other/b_test.ts"]) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), 'Deno.test("x", () => {});\n');
  }
  test.each([
    // `--coverage test/`: deno runs test/ only (test/ was read as the coverage folder before, and every file loaded).
    ["deno test -A --coverage test/", ["test/a_test.ts"]],
    ["deno test -A --fail-fast test/", ["test/a_test.ts"]],
    // `--ignore other test/`: a bare --ignore ignores nothing; other/ is a test path (it was read as ignored before).
    ["deno test -A --ignore other test/", ["other/b_test.ts", "test/a_test.ts"]],
    ["deno test -A --ignore=other", ["test/a_test.ts"]],
  ])("%s", async (command, expected) => {
    const suite = detectSuite(root, command);
    expect("files" in suite ? suite.files : suite).toEqual(expected);
    const read = readRunnerCommand(root, command);
    expect(
      "reason" in read ? read : await listTestFiles(root, read, async () => ({ exitCode: 1, output: "" })),
    ).toEqual(expected);
  });
});
