// End-to-end: the standalone executable, copied alone into an empty temp dir (no node_modules anywhere above),
// runs full mutation tests on Bun, Deno and Node fixture projects. PATH holds only `sh` and the project's
// runtime, so gremlins' own code needs none of them; a missing runtime is one clear line and exit 2.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { binaryPath, hostTarget } from "../../build.ts";
import {
  copyFixture,
  ensureBuilt,
  EXPECTED,
  exec,
  runThrough,
  tempDir,
  toolsPath,
  type PathRun,
} from "./install-paths.ts";

setDefaultTimeout(120_000);

const HOST = hostTarget();
let dir = "";
let exe = "";
const runs = new Map<string, PathRun>();

beforeAll(() => {
  ensureBuilt(binaryPath(HOST), "--target", HOST);
  dir = tempDir("binary-runtimes");
  exe = join(dir, "bin", "gremlins");
  mkdirSync(dirname(exe));
  copyFileSync(binaryPath(HOST), exe);
  mkdirSync(join(dir, "tmp"));
}, 180_000);

afterAll(() => {
  for (const [name, run] of runs)
    console.log(`binary on ${name}: ${JSON.stringify(run.counts)} in ${(run.wallMs / 1000).toFixed(1)} s`);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const env = (path: string) => ({ PATH: path, HOME: dir, TMPDIR: join(dir, "tmp"), NO_COLOR: "1" });

describe(`the standalone executable on each runtime's project`, () => {
  const fixtures: [string, "bun" | "deno" | "node"][] = [
    ["bun", "bun"],
    ["deno", "deno"],
    ["node-test", "node"],
  ];
  test.each(fixtures)("%s fixture: full run with only %s on PATH, verdicts as documented", async (fixture, runtime) => {
    const project = copyFixture(fixture, dir);
    for (let d = project; dirname(d) !== d; d = dirname(d)) expect(existsSync(join(d, "node_modules"))).toBe(false);
    const run = await runThrough([exe], project, env(toolsPath(dir, [runtime])), ["--verbose"]);
    runs.set(fixture, run);
    if (run.code !== 0) console.log(run.stdout, run.stderr.slice(-3000));
    expect(run.code).toBe(0);
    expect(run.counts).toEqual(EXPECTED[fixture] as Record<string, number>);
    // --verbose explains which runtime runs the tests and why.
    expect(run.stderr).toMatch(new RegExp(`^Runtime: ${runtime} \\(.+\\); /.+/${runtime}; `, "m"));
  });

  test.each([
    [
      "deno",
      ["bun", "node"],
      /^error: The test command "deno test -A" needs deno, which was not found on PATH .*install Deno/,
    ],
    [
      "node-test",
      ["bun", "deno"],
      /^error: This project's tests run on node \(.*\), but node was not found on PATH .*install Node\.js 20/,
    ],
  ] as const)(
    "%s fixture without its runtime on PATH (only %p): exit 2 with one error line naming it",
    async (fixture, others, message) => {
      const project = existsSync(join(dir, fixture)) ? join(dir, fixture) : copyFixture(fixture, dir);
      const out = await exec(exe, ["run"], { cwd: project, env: env(toolsPath(dir, [...others])) });
      const errors = out.stderr.split("\n").filter((l) => l.startsWith("error:"));
      expect(out.code).toBe(2);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
      expect(out.stdout).not.toContain("Mutation score");
    },
  );
});
