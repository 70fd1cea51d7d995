// `gremlins init`: runtime / test runner / TypeScript detection, the .gitignore update, and the written config.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { updateGitignore } from "../../../src/cli/commands/init.ts";
import { detectProject } from "../../../src/cli/init-detect.ts";
import { starterConfig } from "../../../src/cli/init-template.ts";
import { loadConfig } from "../../../src/config/index.ts";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
function project(files: Record<string, string | object>): string {
  const root = mkdtempSync(join(tmpdir(), "gremlins-init-"));
  roots.push(root);
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(root, name), typeof content === "string" ? content : JSON.stringify(content));
  return root;
}

describe("detectProject", () => {
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
    [{ "package.json": { scripts: { test: "bun test" } } }, "node", "bun test", "package.json scripts.test"],
    [{ "package.json": { devDependencies: { jest: "^30" } } }, "node", "jest", "package.json dependencies"],
    [{ "package.json": {}, "bun.lock": "" }, "bun", "bun test", "Bun project"],
    [{ "package.json": {}, "bunfig.toml": "" }, "bun", "bun test", "Bun project"],
    [{ "deno.json": {} }, "deno", "deno test", "Deno project"],
    [{ "deno.jsonc": "{}" }, "deno", "deno test", "Deno project"],
    [
      { "deno.json": {}, "package.json": { scripts: { test: "deno test -A" } } },
      "node",
      "deno test",
      "package.json scripts.test",
    ],
    [{ "package.json": { scripts: { test: 'echo "Error: no test specified" && exit 1' } } }, "node", null, null],
  ])("%j", (files, runtime, runner, source) => {
    const facts = detectProject(project(files));
    expect([facts.runtime, facts.testRunner, facts.testRunnerSource]).toEqual([runtime, runner, source] as never);
  });

  test.each([
    [{ "package.json": {} }, false],
    [{ "package.json": {}, "tsconfig.json": "{}" }, true],
    [{ "package.json": { devDependencies: { typescript: "^5" } } }, true],
    [{ "deno.json": {} }, true],
  ])("TypeScript: %j → %p", (files, typescript) => {
    expect(detectProject(project(files)).typescript).toBe(typescript);
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
