// Node 20 cannot import .ts: the config loader, bundled to JS, must load a gremlins.config.ts under real Node.
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dir, "../../..");
const work = mkdtempSync(join(tmpdir(), "gremlins-node-config-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("a TypeScript config importing defineConfig from gremlins loads under Node", () => {
  const bundle = join(work, "loader", "config.mjs");
  const build = Bun.spawnSync([
    join(repo, "node_modules/.bin/bun"),
    "build",
    join(repo, "src/config/index.ts"),
    "--target=node",
    "--packages=external",
    "--outfile",
    bundle,
  ]);
  expect(build.exitCode).toBe(0);
  symlinkSync(join(repo, "node_modules"), join(work, "loader", "node_modules"));
  writeFileSync(
    join(work, "loader", "main.mjs"),
    'import { loadConfig } from "./config.mjs";\nconst c = await loadConfig(process.argv[2], { timeoutMs: 7 });\nconsole.log(JSON.stringify([c.workers, c.thresholds, c.timeoutMs, c.sources.workers]));\n',
  );
  const project = join(work, "project");
  Bun.spawnSync(["mkdir", "-p", project]);
  writeFileSync(
    join(project, "gremlins.config.ts"),
    'import { defineConfig, type UserConfig } from "gremlins";\nconst workers: number = 3;\nexport default defineConfig({ workers, thresholds: { break: 40 } satisfies UserConfig["thresholds"] });\n',
  );
  const run = Bun.spawnSync(["node", join(work, "loader", "main.mjs"), project]);
  expect(run.stderr.toString()).toBe("");
  expect(JSON.parse(run.stdout.toString())).toEqual([3, { high: 80, low: 60, break: 40 }, 7, "config"]);
  expect(readdirSync(project)).toEqual(["gremlins.config.ts"]);
}, 30_000);
