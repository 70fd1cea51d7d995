// The runtime helper inside real test runners: jest (a vm context per test file, so several realms
// share one thread) and vitest (forks and threads pools). Coverage, activation and the hit limit.
import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./_helpers.ts";
import { G, writeFixture } from "./_fixture.ts";

const BIN = join(import.meta.dir, "../../../node_modules/.bin");
const tmp = tempDir("runners");
afterAll(() => tmp.cleanup());

/** Each test file checks what the env says it should see: the idle, active or looping library. */
function testFile(importLine: string): string {
  return `${importLine}
test("probe", () => {
  const active = Number(process.env.GREMLINS_ACTIVE || 0);
  if (active === ${G.loop}) { expect(() => spin(100)).toThrow(expect.objectContaining({ name: "GremlinsHitLimitError" })); return; }
  expect(add(2, 3)).toBe(active === ${G.add} ? -1 : 5);
  expect(spin(10)).toBe(10);
  expect(base).toBe(20);
});
`;
}

function project(name: string, pkg: object, files: Record<string, string>): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  writeFixture(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, ...pkg }));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

function run(
  dir: string,
  command: string[],
  env: Record<string, string>,
): { ok: boolean; output: string; files: Record<string, string> } {
  const cov = join(dir, "cov");
  rmSync(cov, { recursive: true, force: true });
  mkdirSync(cov);
  const child = spawnSync(command[0]!, command.slice(1), {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CI: "1", NO_COLOR: "1", GREMLINS_DIR: cov, ...env },
    timeout: 90_000,
  });
  const files = Object.fromEntries(readdirSync(cov).map((f) => [f, readFileSync(join(cov, f), "utf8")]));
  return { ok: child.status === 0, output: child.stdout + child.stderr, files };
}

describe("jest (a realm per test file)", () => {
  const jestTest = testFile('const { add, spin, base } = require("./lib.cjs");');
  const dir = project("jest-project", {}, { "a.test.cjs": jestTest, "b.test.cjs": jestTest });
  const jest = [join(BIN, "jest"), "--runInBand", "--rootDir", "."];

  test("idle: both files pass, and one coverage file lists each reached gremlin once", () => {
    const r = run(dir, jest, {});
    expect(r.output).toContain("2 passed");
    expect(r.ok).toBe(true);
    const entries = Object.entries(r.files);
    expect(entries).toHaveLength(1);
    expect(entries[0]![0]).toMatch(/^reached-\d+-0\.txt$/);
    expect(entries[0]![1]).toBe(`${G.static}\n${G.add}\n${G.loop}\n`);
  }, 90_000);

  test("looping gremlin: hit limit error and marker", () => {
    const r = run(dir, jest, { GREMLINS_ACTIVE: String(G.loop), GREMLINS_HIT_LIMIT: "50" });
    expect(r.ok).toBe(true);
    expect(Object.keys(r.files)).toEqual([expect.stringMatching(/^hit-limit-\d+$/)]);
  }, 90_000);
});

describe("vitest", () => {
  const vitestTest = testFile('import { test, expect } from "vitest";\nimport { add, spin, base } from "./lib.mjs";');
  const dir = project("vitest-project", { type: "module" }, { "a.test.mjs": vitestTest, "b.test.mjs": vitestTest });

  for (const pool of ["forks", "threads"]) {
    test(`${pool} pool: coverage per worker, activation`, () => {
      const vitest = [join(BIN, "vitest"), "run", "--pool", pool];
      const idle = run(dir, vitest, {});
      expect(idle.ok).toBe(true);
      const names = Object.keys(idle.files);
      expect(names.length).toBeGreaterThanOrEqual(1);
      for (const name of names)
        expect(name).toMatch(pool === "threads" ? /^reached-\d+-[1-9]\d*\.txt$/ : /^reached-\d+-0\.txt$/);
      for (const text of Object.values(idle.files)) expect(text).toBe(`${G.static}\n${G.add}\n${G.loop}\n`);

      const active = run(dir, vitest, { GREMLINS_ACTIVE: String(G.add) });
      expect(active.ok).toBe(true);
      expect(active.files).toEqual({});
    }, 120_000);
  }
});

// The control: the probe test fails when the library misbehaves (the static gremlin changes `base`).
test("control: a gremlin the probe does not expect makes the jest run fail", () => {
  const dir = project(
    "jest-control",
    {},
    { "a.test.cjs": testFile('const { add, spin, base } = require("./lib.cjs");') },
  );
  const r = run(dir, [join(BIN, "jest"), "--runInBand", "--rootDir", "."], { GREMLINS_ACTIVE: String(G.static) });
  expect(r.ok).toBe(false);
}, 90_000);
