// End-to-end: the npm package the way a user gets it. `npm pack` (its prepack builds dist/), `npm install
// <tarball>` into a fresh project outside the repo (the node-test fixture), then `npx gremlins --version` and
// a full run under Node, Bun (the `bunx` equivalent on the local tarball) and Deno (`deno run -A` on the entry).
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { WORKER_ENTRIES, workerUrl } from "../../build.ts";
import pkg from "../../package.json" with { type: "json" };
import {
  BIN_DIR,
  EXPECTED,
  exec,
  installOnce,
  packOnce,
  PACKAGE_RUNTIMES,
  runThrough,
  type PathRun,
} from "./install-paths.ts";

setDefaultTimeout(120_000);

let tarball = "";
let project = "";
const runs = new Map<string, PathRun>();

beforeAll(async () => {
  tarball = await packOnce();
  project = await installOnce();
}, 240_000);

afterAll(() => {
  for (const [name, run] of runs)
    console.log(`npm package under ${name}: ${JSON.stringify(run.counts)} in ${(run.wallMs / 1000).toFixed(1)} s`);
  if (project) rmSync(dirname(project), { recursive: true, force: true });
  if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
});

describe("the packed tarball", () => {
  test("holds only the launcher, the bundles, the Node host's TypeScript hooks, the API types, README and package.json", () => {
    const list = spawnSync("tar", ["tzf", tarball], { encoding: "utf8" }).stdout.trim().split("\n").sort();
    const workers = WORKER_ENTRIES.map((w) => join("package/dist", workerUrl("npm", w)));
    for (const file of [
      "package/package.json",
      "package/README.md",
      "package/bin/gremlins.mjs",
      "package/dist/gremlins.mjs",
      "package/dist/index.mjs",
      "package/dist/types/index.d.ts",
      ...workers,
    ]) {
      expect(list).toContain(file);
    }
    const unexpected = list.filter(
      (f) =>
        !/^package\/(package\.json|README\.md|LICENSE|bin\/gremlins\.mjs|dist\/(gremlins|index)\.mjs|dist\/types\/.+\.d\.ts|dist\/.+\.worker\.mjs|dist\/host\/ts-(register|hooks)\.mjs)$/.test(
          f,
        ),
    );
    expect(unexpected).toEqual([]);
  });

  test("installs with oxc's native addon from oxc-parser's own optional dependencies", () => {
    const bindings = join(project, "node_modules/@oxc-parser");
    expect(existsSync(bindings)).toBe(true);
    expect(existsSync(join(project, "node_modules/gremlins/src"))).toBe(false);
  });
});

describe("the installed package", () => {
  test("npx gremlins --version prints the package version", async () => {
    const env = { ...process.env, PATH: process.env.PATH };
    const out = await exec("npx", ["--no-install", "gremlins", "--version"], { cwd: project, env });
    expect({ code: out.code, stdout: out.stdout.trim() }).toEqual({ code: 0, stdout: pkg.version });
  });

  test('import { defineConfig } from "gremlins" resolves to the bundled API under Node', async () => {
    const out = await exec(
      "node",
      [
        "--input-type=module",
        "-e",
        'import { defineConfig } from "gremlins"; console.log(typeof defineConfig, defineConfig({ workers: 3 }).workers);',
      ],
      { cwd: project, env: process.env },
    );
    expect(out.stdout.trim()).toBe("function 3");
  });

  test.each(PACKAGE_RUNTIMES.map((r) => [r.name, r] as const))(
    "a full run under %s gives the fixture's verdicts",
    async (name, runtime) => {
      // PATH without the repo's node_modules/.bin: the project has only what npm installed.
      const env = {
        ...process.env,
        PATH: (process.env.PATH ?? "")
          .split(":")
          .filter((d) => d !== BIN_DIR)
          .join(":"),
      };
      const run = await runThrough(runtime.command(project), project, env);
      runs.set(name, run);
      if (run.code !== 0) console.log(run.stdout, run.stderr);
      expect(run.code).toBe(0);
      expect(run.counts).toEqual(EXPECTED["node-test"] as Record<string, number>);
    },
  );

  test("verdict counts are identical under Node, Bun and Deno, and the project is left clean", () => {
    expect([...runs.keys()].sort()).toEqual(["bun", "deno", "node"]);
    const [first, ...rest] = [...runs.values()].map((r) => JSON.stringify(r.counts));
    expect(first).not.toBe("{}");
    for (const counts of rest) expect(counts).toBe(first as string);
    const home = join(project, ".gremlins");
    expect(existsSync(home) ? readdirSync(home).filter((n) => n.startsWith("sandbox-")) : []).toEqual([]);
  });
});
