// The runner step both executors run: jest gets --ci, so its spawned runs compare snapshots as the harness does
// (a missing snapshot fails instead of being written into the sandbox); the user's own --ci is not repeated.
import { afterAll, expect, test } from "bun:test";
import { testSteps } from "../../../src/project/test-steps.ts";
import { removeProject, tempProject } from "./_temp-project.ts";

const root = tempProject({ "package.json": { scripts: { test: "jest" } } });
afterAll(() => removeProject(root));
const step = (command: string) => testSteps(root, { command, reason: "test", path: "" }).test.command;

test("jest runs with --ci, after the user's arguments", () => {
  expect(step("jest")).toBe("jest --ci");
  expect(step("jest --runInBand test/unit")).toBe("jest --runInBand test/unit --ci");
  expect(step("tsc --noEmit && jest -i")).toBe("jest -i --ci");
});

test("a command that already says --ci is left as written; other runners too", () => {
  expect(step("jest --ci")).toBe("jest --ci");
  expect(step("jest --ci=true")).toBe("jest --ci=true");
  expect(step("vitest run")).toBe("vitest run");
  expect(step("mocha")).toBe("mocha");
});
