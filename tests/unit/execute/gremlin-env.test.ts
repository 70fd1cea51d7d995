// The child's environment: each worker gets its own `esm` loader cache (a shared one is corrupted by
// parallel runs), unless the project configures esm itself or the user set ESM_OPTIONS.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gremlinEnv } from "../../../src/execute/gremlin-run.ts";

const root = mkdtempSync(join(tmpdir(), "gremlins-env-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const spec = { command: "uvu -r esm test", path: "/bin" };

test("ESM_OPTIONS points the esm loader at the worker's own cache", () => {
  const env = gremlinEnv(spec, { cwd: root, stateDir: join(root, "s"), tmpDir: join(root, "w1") }, 0, 0);
  expect(JSON.parse(env.ESM_OPTIONS as string)).toEqual({ cache: join(root, "w1", ".esm-cache") });
});

test("a package.json esm configuration is left alone", () => {
  const dir = mkdtempSync(join(root, "configured-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ esm: { mode: "all" } }));
  expect(gremlinEnv(spec, { cwd: dir, stateDir: join(dir, "s"), tmpDir: join(dir, "t") }, 3, 10).ESM_OPTIONS).toBe(
    process.env.ESM_OPTIONS,
  );
});

/** A sandbox whose node_modules holds vitest `version`. */
function withVitest(version: string): string {
  const dir = mkdtempSync(join(root, "vitest-"));
  mkdirSync(join(dir, "node_modules/vitest"), { recursive: true });
  writeFileSync(join(dir, "node_modules/vitest/package.json"), JSON.stringify({ name: "vitest", version }));
  return dir;
}
const runEnv = (dir: string) => gremlinEnv(spec, { cwd: dir, stateDir: join(dir, "s"), tmpDir: join(dir, "t") }, 0, 0);

// The harness compares snapshots as a CI run does (a missing one fails, none is written); so must the runs the
// spawn executor starts, or a missing snapshot passes there (written into the sandbox) and fails in threads.
test("vitest 4 and later compare snapshots as in CI: UPDATE_SNAPSHOT=none", () => {
  expect(runEnv(withVitest("4.1.12")).UPDATE_SNAPSHOT).toBe("none");
  expect(runEnv(withVitest("5.0.0-beta.1")).UPDATE_SNAPSHOT).toBe("none");
});

test("older vitest reads any UPDATE_SNAPSHOT as 'update all': it is not set there, nor without vitest", () => {
  expect(runEnv(withVitest("3.2.4")).UPDATE_SNAPSHOT).toBe(process.env.UPDATE_SNAPSHOT);
  expect(runEnv(mkdtempSync(join(root, "none-"))).UPDATE_SNAPSHOT).toBe(process.env.UPDATE_SNAPSHOT);
});
