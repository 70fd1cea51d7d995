// deno test's reader: test files (default pattern, directories, --ignore, deno.json exclude), the option
// table, the permission check for threads, and the exact flags gremlins adds for its runtime helper in spawn.
import { afterAll, describe, expect, test } from "bun:test";
import { denoHelperGrants, denoTestFiles, readDenoTest } from "../../../src/project/deno-test.ts";
import { testSteps } from "../../../src/project/test-steps.ts";
import { helperFailure } from "../../../src/execute/baseline.ts";
import { removeProject, tempProject } from "./_temp-project.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeProject));
function project(files: Record<string, string>): string {
  const dir = tempProject(files);
  dirs.push(dir);
  return dir;
}

const FILES = {
  "deno.jsonc": '{\n  // comment\n  "exclude": ["fixtures"],\n}\n',
  "a_test.ts": "",
  "lib/b.test.ts": "",
  "lib/test.ts": "",
  "lib/helper.ts": "",
  "fixtures/c_test.ts": "",
  "other/d_test.js": "",
};

describe("deno test files", () => {
  test("default pattern, deno.json exclude, directories and --ignore", () => {
    const root = project(FILES);
    expect(denoTestFiles(root, [])).toEqual(["a_test.ts", "lib/b.test.ts", "lib/test.ts", "other/d_test.js"]);
    expect(denoTestFiles(root, ["lib/"])).toEqual(["lib/b.test.ts", "lib/test.ts"]);
    expect(denoTestFiles(root, [], ["other/", "lib/test.ts"])).toEqual(["a_test.ts", "lib/b.test.ts"]);
  });
  test('a "test" key in deno.json: the reason', () => {
    const root = project({ "deno.json": '{ "test": { "include": ["x/"] } }', "a_test.ts": "" });
    expect(denoTestFiles(root, [])).toEqual({ reason: 'deno.json sets which files deno test runs ("test")' });
  });
});

describe("deno test options for threads", () => {
  test("-A with harmless and honoured options", () => {
    const root = project(FILES);
    const read = readDenoTest(root, "deno test -A --parallel --ignore=other lib/ .", [
      "-A",
      "--parallel",
      "--ignore=other",
      ".",
    ]);
    expect("files" in read && read.files).toEqual(["a_test.ts", "lib/b.test.ts", "lib/test.ts"]);
  });
  test("narrower permissions: threads would widen them, so spawn with the reason", () => {
    const root = project(FILES);
    expect(readDenoTest(root, "deno test --allow-read .", ["--allow-read", "."])).toEqual({
      reason:
        '"deno test --allow-read ." runs the tests with only --allow-read; thread workers would run them with every permission gremlins has (deno test -A is needed for threads)',
    });
    expect(readDenoTest(root, "deno test", [])).toEqual({
      reason:
        '"deno test" runs the tests with no permissions; thread workers would run them with every permission gremlins has (deno test -A is needed for threads)',
    });
  });
  test("--doc is refused with its name", () => {
    const root = project(FILES);
    expect(readDenoTest(root, "deno test -A --doc", ["-A", "--doc"])).toEqual({
      reason: '"deno test -A --doc": deno test option --doc is not supported by the built-in harness',
    });
  });
});

describe("permissions gremlins adds in spawn", () => {
  test("exactly the helper's variables and gremlins' directory, only what the command lacks", () => {
    expect(denoHelperGrants("/p", ["test/"])).toEqual([
      "--allow-env=GREMLINS_ACTIVE,GREMLINS_DIR,GREMLINS_HIT_LIMIT",
      "--allow-write=/p/.gremlins",
    ]);
    expect(denoHelperGrants("/p", ["--allow-env", "test/"])).toEqual(["--allow-write=/p/.gremlins"]);
    expect(denoHelperGrants("/p", ["-A"])).toEqual([]);
    expect(denoHelperGrants("/p", ["--allow-all", "--allow-write"])).toEqual([]);
  });
  test("the runner step both executors run carries them, the user's arguments unchanged", () => {
    const root = project(FILES);
    const steps = testSteps(root, { command: "deno test --allow-read lib/", reason: "test", path: "" });
    expect(steps.test.command).toBe(
      `deno test --allow-env=GREMLINS_ACTIVE,GREMLINS_DIR,GREMLINS_HIT_LIMIT --allow-write=${root}/.gremlins --allow-read lib/`,
    );
    expect(testSteps(root, { command: "deno test -A lib/", reason: "test", path: "" }).test.command).toBe(
      "deno test -A lib/",
    );
  });
  test("a red baseline names the helper's own failure", () => {
    const output =
      "error: Error: gremlins: cannot read the environment variable GREMLINS_DIR (Deno needs --allow-env, e.g. deno test -A): NotCapable\n    at env (file:///x.ts:1:1)\nFAILED | 0 passed | 1 failed";
    expect(helperFailure(output)).toBe(
      "gremlins' runtime helper failed in the tests: gremlins: cannot read the environment variable GREMLINS_DIR (Deno needs --allow-env, e.g. deno test -A): NotCapable",
    );
    expect(helperFailure("FAILED | 0 passed | 1 failed")).toBeNull();
  });
});
