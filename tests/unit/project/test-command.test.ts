// Test-command detection over temporary project layouts: configured command, package.json script,
// Bun and Deno markers, bun:test imports, missing runtimes, and npm-style PATH.
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { chooseTestCommand, commandProgram, detectTestCommand } from "../../../src/project/test-command.ts";
import { binDirs, findExecutable, projectPath } from "../../../src/project/binaries.ts";
import { GremlinsError } from "../../../src/errors.ts";

const base = mkdtempSync(join(tmpdir(), "gremlins-detect-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

function project(files: Record<string, string>): string {
  const root = join(base, `p${n++}`);
  mkdirSync(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}
const pkg = (scripts: Record<string, string>) => JSON.stringify({ name: "x", scripts });

describe("chooseTestCommand", () => {
  test.each([
    ["configured wins", { "package.json": pkg({ test: "vitest run" }) }, "npx foo", "npx foo", /configuration/],
    [
      "package.json test script",
      { "package.json": pkg({ test: "vitest run" }), "bun.lock": "" },
      null,
      "vitest run",
      /"test" script/,
    ],
    [
      "npm placeholder is no script",
      { "package.json": pkg({ test: 'echo "Error: no test specified" && exit 1' }), "bunfig.toml": "" },
      null,
      "bun test",
      /bunfig\.toml/,
    ],
    ["bun.lock", { "package.json": pkg({}), "bun.lock": "" }, null, "bun test", /Bun project \(bun\.lock\)/],
    ["bun.lockb", { "bun.lockb": "" }, null, "bun test", /bun\.lockb/],
    ["deno.json without script", { "deno.json": "{}" }, null, "deno test -A", /Deno project \(deno\.json,/],
    [
      "deno.jsonc with package.json without test",
      { "deno.jsonc": "{}", "package.json": pkg({ build: "x" }) },
      null,
      "deno test -A",
      /deno\.jsonc/,
    ],
    [
      "deno.json but a test script",
      { "deno.json": "{}", "package.json": pkg({ test: "node --test" }) },
      null,
      "node --test",
      /"test" script/,
    ],
    [
      "tests importing bun:test",
      { "package.json": pkg({}), "test/a.test.ts": 'import { test } from "bun:test";\n' },
      null,
      "bun test",
      /test\/a\.test\.ts imports bun:test/,
    ],
  ] as const)("%s", (_, files, configured, command, reason) => {
    const chosen = chooseTestCommand(project(files), configured);
    expect(chosen.command).toBe(command);
    expect(chosen.reason).toMatch(reason);
  });

  test("nothing to go on: a clear error", () => {
    const root = project({ "package.json": pkg({}), "src/a.ts": "export const a = 1;\n" });
    expect(() => chooseTestCommand(root, null)).toThrow(/No test command.*testCommand/);
  });

  test("bun:test in node_modules does not count", () => {
    const root = project({
      "package.json": pkg({}),
      "node_modules/x/a.test.ts": 'import "bun:test";\nimport { t } from "bun:test";',
    });
    expect(() => chooseTestCommand(root, null)).toThrow(GremlinsError);
  });
});

describe("detectTestCommand", () => {
  test("finds bun in node_modules/.bin of an ancestor and prepends bin dirs to PATH", () => {
    const outer = project({ "node_modules/.bin/bun": "#!/bin/sh\n", "app/bunfig.toml": "" });
    chmodSync(join(outer, "node_modules/.bin/bun"), 0o755);
    const detected = detectTestCommand(join(outer, "app"), null, "/usr/bin");
    expect(detected.command).toBe("bun test");
    expect(detected.path.split(":").slice(0, 2)).toEqual([
      join(outer, "app/node_modules/.bin"),
      join(outer, "node_modules/.bin"),
    ]);
    expect(detected.path.endsWith(":/usr/bin")).toBe(true);
  });

  test("missing runtime: names what to install", () => {
    const root = project({ "deno.json": "{}" });
    expect(() => detectTestCommand(root, null, "/nonexistent")).toThrow(/needs deno.*install Deno/);
    expect(() => detectTestCommand(root, "bun test --bail", "/nonexistent")).toThrow(/needs bun.*npm install -D bun/);
  });

  test("other programs are not checked", () => {
    const root = project({ "package.json": pkg({ test: "vitest run" }) });
    expect(detectTestCommand(root, null, "/nonexistent").command).toBe("vitest run");
  });
});

describe("helpers", () => {
  test.each([
    ["bun test", "bun"],
    ["  deno test -A", "deno"],
    ["NODE_ENV=test FOO=1 bun test", "bun"],
    ["./run.sh", "./run.sh"],
    ["$(which bun) test", null],
  ] as const)("commandProgram(%j)", (command, program) => {
    expect(commandProgram(command)).toBe(program);
  });

  test("binDirs goes up to /", () => {
    expect(binDirs("/a/b")).toEqual(["/a/b/node_modules/.bin", "/a/node_modules/.bin", "/node_modules/.bin"]);
  });

  test("projectPath and findExecutable", () => {
    const root = project({ "node_modules/.bin/tool": "#!/bin/sh\n", "node_modules/.bin/plain": "" });
    chmodSync(join(root, "node_modules/.bin/tool"), 0o755);
    const path = projectPath(root, "/usr/bin:/bin");
    expect(findExecutable("tool", path)).toBe(join(root, "node_modules/.bin/tool"));
    expect(findExecutable("plain", path)).toBeNull();
    expect(findExecutable("sh", path)).not.toBeNull();
  });
});
