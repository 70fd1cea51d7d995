// `gremlins init`: runtime / test runner / TypeScript detection, the .gitignore update, and the written config.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { updateGitignore } from "../../../src/cli/commands/init.ts";
import { describeProject } from "../../../src/project/model.ts";
import { starterConfig } from "../../../src/cli/init-template.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { tempProjects } from "../project/_temp-project.ts";

const project = tempProjects({ nodeModules: false });

describe("describeProject", () => {
  test.each([
    [{ "package.json": { scripts: { test: "vitest run" } } }, "node", "vitest", "package.json scripts.test"],
    [{ "package.json": { scripts: { test: "jest --ci" } } }, "node", "jest", "package.json scripts.test"],
    [{ "package.json": { scripts: { test: "mocha 'test/**/*.js'" } } }, "node", "mocha", "package.json scripts.test"],
    [{ "package.json": { scripts: { test: "uvu tests" } } }, "node", "uvu", "package.json scripts.test"],
    [{ "package.json": { scripts: { test: "tape test/*.js" } } }, "node", "tape", "package.json scripts.test"],
    [{ "package.json": { scripts: { test: "ava" } } }, "node", "ava", "package.json scripts.test"],
    [
      { "package.json": { scripts: { test: "node --test test/" } } },
      "node",
      "node --test",
      "package.json scripts.test",
    ],
    [
      { "package.json": { scripts: { "test:unit": "node --import tsx --test" } } },
      "node",
      "node --test",
      "package.json scripts.test:unit",
    ],
    // The runtime is the run's: the test step names Bun (init said "node" before the project model).
    [{ "package.json": { scripts: { test: "bun test" } } }, "bun", "bun test", "package.json scripts.test"],
    [
      { "package.json": { scripts: { test: "cross-env TZ=UTC bun test" } } },
      "bun",
      "bun test",
      "package.json scripts.test",
    ],
    [{ "package.json": { scripts: { test: "bnt" } } }, "node", "bnt", "package.json scripts.test"],
    // A run with no "test" script runs bun test in a Bun project: init names that, not the jest dependency.
    [{ "package.json": { devDependencies: { jest: "^30" } }, "bun.lock": "" }, "bun", "bun test", "Bun project"],
    // No marker file, but a test imports bun:test: a run runs bun test, and init says so (it said "node" before).
    [{ "package.json": {}, "a.test.ts": 'import { test } from "bun:test";' }, "bun", "bun test", "Bun project"],
    [{ "package.json": { devDependencies: { jest: "^30" } } }, "node", "jest", "package.json dependencies"],
    [{ "package.json": {}, "bun.lock": "" }, "bun", "bun test", "Bun project"],
    [{ "package.json": {}, "bunfig.toml": "" }, "bun", "bun test", "Bun project"],
    [{ "deno.json": {} }, "deno", "deno test", "Deno project"],
    [{ "deno.jsonc": "{}" }, "deno", "deno test", "Deno project"],
    [
      { "deno.json": {}, "package.json": { scripts: { test: "deno test -A" } } },
      "deno",
      "deno test",
      "package.json scripts.test",
    ],
    [{ "package.json": { scripts: { test: 'echo "Error: no test specified" && exit 1' } } }, "node", null, null],
  ])("%j", (files, runtime, runner, source) => {
    const facts = describeProject(project(files));
    expect([facts.runtime, facts.testRunner, facts.testRunnerSource]).toEqual([runtime, runner, source] as never);
  });

  test.each([
    [{ "package.json": {} }, false],
    [{ "package.json": {}, "tsconfig.json": "{}" }, true],
    [{ "package.json": { devDependencies: { typescript: "^5" } } }, true],
    [{ "deno.json": {} }, true],
  ])("TypeScript: %j → %p", (files, typescript) => {
    expect(describeProject(project(files)).typescript).toBe(typescript);
  });
});

describe("updateGitignore", () => {
  test("creates .gitignore", async () => {
    const root = project({});
    expect(await updateGitignore(root, [".gremlins/", "reports/gremlins/"])).toEqual([
      ".gremlins/",
      "reports/gremlins/",
    ]);
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toBe(
      "# gremlins (mutation testing)\n.gremlins/\nreports/gremlins/\n",
    );
  });

  test("appends only missing lines, after a file without a final newline, and never twice", async () => {
    const root = project({ ".gitignore": "node_modules\n/.gremlins" });
    expect(await updateGitignore(root, [".gremlins/", "reports/gremlins/"])).toEqual(["reports/gremlins/"]);
    expect(await updateGitignore(root, [".gremlins/", "reports/gremlins/"])).toEqual([]);
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toBe(
      "node_modules\n/.gremlins\n\n# gremlins (mutation testing)\nreports/gremlins/\n",
    );
  });
});

describe("starterConfig", () => {
  test.each([true, false])("loads as a valid config (typescript: %p)", async (typescript) => {
    const facts = {
      runtime: "node" as const,
      testRunner: "vitest",
      testRunnerSource: "package.json scripts.test",
      typescript,
    };
    const text = starterConfig(facts);
    expect(text).toContain('// testCommand: "npx vitest run"');
    const root = project({ [typescript ? "gremlins.config.ts" : "gremlins.config.mjs"]: text });
    const config = await loadConfig(root, {});
    expect(config.thresholds).toEqual({ high: 80, low: 60, break: null });
    expect(config.sources.thresholds).toBe("config");
  });
});
