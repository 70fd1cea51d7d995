// The child's environment: each worker gets its own `esm` loader cache (a shared one is corrupted by
// parallel runs), unless the project configures esm itself or the user set ESM_OPTIONS.
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
