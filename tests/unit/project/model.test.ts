// The project model on the fixture projects: the test command chosen, the runner's step, the runtime, and
// `init`'s description, all from one reading of each project (init and run must agree on the runtime).
import { describe, expect, test } from "bun:test";
import { readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describeProject, projectModel } from "../../../src/project/model.ts";
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
    ["jest", "jest", "jest", "jest", "node"],
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
