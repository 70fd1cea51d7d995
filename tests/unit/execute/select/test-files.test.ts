// Listing the test files a runner command runs, per runner: file arguments, directories, globs and
// the runners' defaults; jest/vitest ask the runner; a mocha config that names files refuses.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { execSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRunnerCommand, type RunnerCommand } from "../../../../src/execute/select/runner-command.ts";

const parseRunnerCommand = (command: string): RunnerCommand | null => {
  const read = readRunnerCommand("/nonexistent", command);
  return "reason" in read ? null : read;
};
import { listTestFiles, type ListRun } from "../../../../src/execute/select/test-files.ts";
import { writeProject } from "../../../_project.ts";

const root = mkdtempSync(join(tmpdir(), "gremlins-test-files-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  return writeProject(join(root, name), files);
}
const noRun: ListRun = async () => ({ exitCode: 1, output: "" });
const list = (dir: string, command: string, run: ListRun = noRun) =>
  listTestFiles(dir, parseRunnerCommand(command)!, run);

describe("listTestFiles", () => {
  const dir = project("p", {
    "test/a.spec.js": "",
    "test/b.js": "",
    "test/sub/c.js": "",
    "test/suites/s.js": "",
    "test/readme.md": "",
    "src/x.test.js": "",
    "node_modules/m/test/z.js": "",
    "tests/d_test.ts": "",
  });
  test("mocha: ./test by default, directories not recursive unless --recursive", async () => {
    expect(await list(dir, "mocha")).toEqual(["test/a.spec.js", "test/b.js"]);
    expect(await list(dir, "mocha --recursive --reporter dot test/")).toEqual([
      "test/a.spec.js",
      "test/b.js",
      "test/sub/c.js",
      "test/suites/s.js",
    ]);
    expect(await list(dir, "mocha 'test/*.spec.js'")).toEqual(["test/a.spec.js"]);
  });
  test("uvu: directory, pattern and ignores as uvu reads them", async () => {
    expect(await list(dir, "uvu test -i suites")).toEqual(["test/a.spec.js", "test/b.js", "test/sub/c.js"]);
    expect(await list(dir, "uvu test spec")).toEqual(["test/a.spec.js"]);
  });
  test("node --test: default patterns, or the given directories and files", async () => {
    expect(await list(dir, "node --test")).toEqual([
      "src/x.test.js",
      "test/a.spec.js",
      "test/b.js",
      "test/sub/c.js",
      "test/suites/s.js",
    ]);
    expect(await list(dir, "node --test test/sub/c.js src/x.test.js")).toEqual(["src/x.test.js", "test/sub/c.js"]);
    // bnt finds *.test|spec.js|ts files itself; its value options are not file arguments.
    expect(await list(dir, "bnt")).toEqual(["src/x.test.js", "test/a.spec.js"]);
    expect(await list(dir, "bnt --coverage-exclude test/b.js test/sub/c.js")).toEqual(["test/sub/c.js"]);
  });
  test("tape globs; none given is a reason", async () => {
    expect(await list(dir, "tape 'test/**/*.js'")).toEqual([
      "test/a.spec.js",
      "test/b.js",
      "test/sub/c.js",
      "test/suites/s.js",
    ]);
    expect(await list(dir, "tape")).toEqual({ reason: "tape is given no test files" });
  });
  test("bun filters and deno defaults", async () => {
    expect(await list(dir, "bun test")).toEqual(["src/x.test.js", "test/a.spec.js", "tests/d_test.ts"]);
    expect(await list(dir, "bun test ./src")).toEqual(["src/x.test.js"]);
    expect(await list(dir, "deno test -A")).toEqual(["src/x.test.js", "tests/d_test.ts"]);
  });
  test("jest and vitest: the runner's own listing, relative to the project", async () => {
    const run = async (command: string) => ({
      exitCode: 0,
      output: command.includes("--listTests") ? `${join(dir, "src/x.test.js")}\n` : "test/b.js\nnot a file.js\n",
    });
    expect(await list(dir, "jest", run)).toEqual(["src/x.test.js"]);
    expect(await list(dir, "vitest run", run)).toEqual(["test/b.js"]);
    expect(await list(dir, "jest")).toEqual({ reason: '"jest --listTests" failed (exit code 1)' });
  });
  test("mocha refuses when its config names the spec (it would add those files to every run)", async () => {
    const configured = project("mocharc", { ".mocharc.json": '{ "spec": "test/**/*.js" }', "test/a.js": "" });
    expect(await list(configured, "mocha")).toEqual({
      reason: "mocha adds the files named in .mocharc.json to any files given on the command line",
    });
  });
  test('ava: its own config loader and globs list the files (package.json "ava", ava.config.js, file patterns)', async () => {
    const run: ListRun = async (command) => {
      try {
        return { exitCode: 0, output: execSync(command, { cwd: dir, encoding: "utf8", stdio: "pipe" }) };
      } catch (error) {
        return { exitCode: 1, output: String((error as { stderr?: string }).stderr ?? error) };
      }
    };
    let dir = project("ava-pkg", {
      "package.json": JSON.stringify({ type: "module", ava: { files: ["spec/**/*.js", "!spec/helpers/**"] } }),
      "spec/a.js": "",
      "spec/sub/b.js": "",
      "spec/helpers/h.js": "",
      "test/ignored.js": "",
    });
    symlinkSync(join(import.meta.dir, "../../../../node_modules"), join(dir, "node_modules"));
    expect(await list(dir, "ava", run)).toEqual(["spec/a.js", "spec/sub/b.js"]);
    expect(await list(dir, "ava spec/sub", run)).toEqual(["spec/sub/b.js"]);
    dir = project("ava-config", {
      "package.json": JSON.stringify({ type: "module" }),
      "ava.config.js": 'export default { files: ["checks/*.js"] };',
      "checks/one.js": "",
      "test/default.js": "",
      "src/_x.test.js": "",
    });
    symlinkSync(join(import.meta.dir, "../../../../node_modules"), join(dir, "node_modules"));
    expect(await list(dir, "ava --verbose", run)).toEqual(["checks/one.js"]);
    dir = project("ava-defaults", { "package.json": "{}", "test.js": "", "test/_helper.js": "", "src/x.test.cjs": "" });
    symlinkSync(join(import.meta.dir, "../../../../node_modules"), join(dir, "node_modules"));
    expect(await list(dir, "ava", run)).toEqual(["src/x.test.cjs", "test.js"]);
  });
});
