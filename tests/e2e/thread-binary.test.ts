// End-to-end: the thread executor in the built layouts. The compiled binary, copied alone into an empty
// temp dir, runs the bun fixture with `--executor thread` (the worker entry embedded in the binary, found
// through __GREMLINS_WORKERS__); the npm bundle under Node 20 does the same on the node-test fixture.
// Both must give the documented verdicts and say that the thread executor ran.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { binaryPath, hostTarget } from "../../build.ts";
import { copyFixture, ensureBuilt, EXPECTED, REPO, runThrough, tempDir, toolsPath } from "./install-paths.ts";

setDefaultTimeout(180_000);

const HOST = hostTarget();
const NPM_BUNDLE = join(REPO, "dist/gremlins.mjs");
let dir = "";

beforeAll(() => {
  ensureBuilt(binaryPath(HOST), "--target", HOST);
  ensureBuilt(NPM_BUNDLE, "--npm");
  dir = tempDir("thread-binary");
  mkdirSync(join(dir, "tmp"));
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("--executor thread in the built layouts", () => {
  test("the compiled binary, from an empty dir, on the bun fixture", async () => {
    const exe = join(dir, "bin", "gremlins");
    mkdirSync(dirname(exe), { recursive: true });
    copyFileSync(binaryPath(HOST), exe);
    const project = copyFixture("bun", join(dir, "binary"));
    const env = { PATH: toolsPath(dir, ["bun"]), HOME: dir, TMPDIR: join(dir, "tmp") };
    const run = await runThrough([exe], project, env, ["--executor", "thread", "--verbose"]);
    if (run.code !== 0) console.log(run.stdout, run.stderr.slice(-3000));
    expect(run.stderr).toContain("Executor: thread (bun tests in the built-in harness");
    expect(run.code).toBe(0);
    expect(run.counts).toEqual(EXPECTED.bun as Record<string, number>);
  });

  test("the npm bundle under Node, on the node-test fixture", async () => {
    const project = copyFixture("node-test", join(dir, "npm"));
    const env = { ...process.env, PATH: toolsPath(dir, ["node"]), TMPDIR: join(dir, "tmp") };
    const run = await runThrough([join(toolsPath(dir, ["node"]), "node"), NPM_BUNDLE], project, env, [
      "--executor",
      "thread",
      "--verbose",
    ]);
    if (run.code !== 0) console.log(run.stdout, run.stderr.slice(-3000));
    expect(run.stderr).toContain("Executor: thread (node-test tests in the built-in harness");
    expect(run.code).toBe(0);
    expect(run.counts).toEqual(EXPECTED["node-test"] as Record<string, number>);
  });
});
