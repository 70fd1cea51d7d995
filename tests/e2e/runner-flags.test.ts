// Real test commands with runner flags run in the thread executor, with the same verdicts as the spawn
// executor: mocha (--require, .mocharc.yml with a root hook plugin, --ui tdd, --check-leaks, env from
// cross-env, behind an `npm run lint &&` chain), uvu (-r, -i, its default pattern skipping a benchmark
// script), node --test with --conditions picking a local package's conditional export (workers hosted
// in node through the npm bundle), bnt (better-node-test's files and NODE_ENV); and the exact fallback
// reason for an option the harness cannot honour.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./run-harness.ts";
import { differences, runWith, type Run } from "./thread-runs.ts";
import { ensureBuilt } from "./install-paths.ts";

const FIXTURES = join(REPO, "tests/fixtures");
const BNT_STAND_IN = `#!/usr/bin/env node
import { spawn } from "node:child_process";
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
const find = (dir) => readdirSync(dir).filter((n) => n !== ".git" && n !== "node_modules").flatMap((n) =>
  lstatSync(join(dir, n)).isDirectory() ? find(join(dir, n)) : /\\.(test|spec)\\.(js|ts)$/.test(n) ? [join(dir, n)] : []);
const files = process.argv.slice(2);
const child = spawn("node", ["--test", "--test-reporter", "spec", ...(files.length > 0 ? files : find("."))], { env: { ...process.env, NODE_ENV: "test" }, stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 1));
`;
const written: string[] = [];

/** Writes `files` (path → text) under a fixture's node_modules, removed after the tests. */
function modules(fixture: string, files: Record<string, string>): string {
  const dir = join(FIXTURES, fixture, "node_modules");
  written.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

beforeAll(() => {
  // uvu requires its -r modules from its own folder: the fixture gets its own copy of uvu (its
  // dependencies still resolve from the repository's node_modules) and the setup package beside it.
  const uvu = modules("flags-uvu", {
    "uvu-flags-setup/package.json": JSON.stringify({ name: "uvu-flags-setup", version: "1.0.0", main: "index.js" }),
    "uvu-flags-setup/index.js": 'globalThis.DEFAULT_UNIT = "cm";\n',
  });
  cpSync(join(REPO, "node_modules/uvu"), join(uvu, "uvu"), { recursive: true });
  mkdirSync(join(uvu, ".bin"), { recursive: true });
  if (!existsSync(join(uvu, ".bin/uvu"))) symlinkSync("../uvu/bin.js", join(uvu, ".bin/uvu"));
  modules("flags-node-test", {
    "limits-config/package.json": JSON.stringify({
      name: "limits-config",
      version: "1.0.0",
      type: "module",
      exports: { ".": { development: "./dev.js", default: "./prod.js" } },
    }),
    "limits-config/dev.js": 'export default { mode: "development", maxRequests: 3 };\n',
    "limits-config/prod.js": 'export default { mode: "production", maxRequests: 1000 };\n',
  });
  // better-node-test is not a dependency of this repository: a stand-in with its documented behaviour (node
  // --test on the *.test|spec.js|ts files it finds, never in node_modules or .git, with NODE_ENV=test).
  const bnt = modules("flags-bnt", {
    "better-node-test/package.json": JSON.stringify({
      name: "better-node-test",
      type: "module",
      bin: { bnt: "./bin.js" },
    }),
    "better-node-test/bin.js": BNT_STAND_IN,
  });
  chmodSync(join(bnt, "better-node-test/bin.js"), 0o755);
  mkdirSync(join(bnt, ".bin"), { recursive: true });
  if (!existsSync(join(bnt, ".bin/bnt"))) symlinkSync("../better-node-test/bin.js", join(bnt, ".bin/bnt"));
});

afterAll(() => {
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

function equivalent(thread: Run, spawn: Run): void {
  if (thread.code !== 0) console.log(thread.stderr);
  expect(thread.code).toBe(0);
  expect(thread.stderr).toContain("Executor: thread");
  expect(spawn.code).toBe(0);
  expect(thread.statuses.size).toBeGreaterThan(0);
  expect(differences(thread, spawn)).toEqual([]);
}

describe("runner flags in the thread executor ≡ spawn executor", () => {
  test("mocha: --require, .mocharc.yml (spec, root hook plugin, timeout), --ui tdd, --check-leaks, cross-env, behind npm run lint &&", () => {
    const thread = runWith("flags-mocha", "thread", ["--verbose"]);
    const spawn = runWith("flags-mocha", "spawn");
    equivalent(thread, spawn);
    expect(thread.stderr).toContain(
      "test step: TAX_RATE=20 mocha --require test/support/env --reporter spec --check-leaks --ui tdd",
    );
    expect(thread.stderr).toContain('skipped "eslint ." (lint');
    expect(thread.stderr).toContain("honoured --check-leaks");
    expect([...thread.statuses.values()].filter((s) => s === "Killed").length).toBeGreaterThan(20);
  }, 300_000);

  test("uvu: -r from uvu's folder, -i, the default pattern (a benchmark script is never loaded)", () => {
    const thread = runWith("flags-uvu", "thread");
    const spawn = runWith("flags-uvu", "spawn");
    equivalent(thread, spawn);
    expect([...thread.statuses.values()].filter((s) => s === "Killed").length).toBeGreaterThan(10);
  }, 300_000);

  test("bnt: read as node --test with bnt's file finder (a demo script under test/ is never loaded) and NODE_ENV=test", () => {
    const thread = runWith("flags-bnt", "thread", ["--verbose"]);
    const spawn = runWith("flags-bnt", "spawn");
    equivalent(thread, spawn);
    expect(thread.stderr).toContain("honoured bnt (node --test with NODE_ENV=test)");
    expect([...thread.statuses.values()].filter((s) => s === "Killed").length).toBeGreaterThan(5);
  }, 300_000);

  test("node --test --conditions: refused with the reason where the workers are Bun threads", () => {
    const run = runWith("flags-node-test", "thread");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "custom exports conditions (--conditions development) need the workers hosted in Node; this run hosts them in Bun",
    );
  }, 120_000);

  test("node --test --conditions: the development export in node-hosted workers (npm bundle under node)", () => {
    ensureBuilt(join(REPO, "dist/gremlins.mjs"), "--npm");
    const thread = runBundle("flags-node-test", "thread");
    const spawn = runBundle("flags-node-test", "spawn");
    equivalent(thread, spawn);
    expect(thread.stderr).toContain("honoured --conditions");
    expect(thread.statuses.size).toBe(8);
    expect([...thread.statuses.values()].every((s) => s === "Killed")).toBe(true);
  }, 300_000);
});

describe("fallback reasons", () => {
  test("an option the harness cannot honour names the command and the option", () => {
    const run = runWith("flags-mocha", "thread", ["--test-command", "mocha --parallel"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'The thread executor cannot run this project: "mocha --parallel": mocha option --parallel is not supported by the built-in harness.',
    );
  }, 120_000);
});

/** runWith through the npm bundle under node (workers are node threads). */
function runBundle(fixture: string, executor: "thread" | "spawn"): Run {
  return runWith(fixture, executor, ["--verbose"], {}, ["node", join(REPO, "dist/gremlins.mjs")]);
}
