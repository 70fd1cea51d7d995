// `gremlins run` end to end on small temporary projects: the exit codes of a red baseline, an empty
// suite, no matching files, a missing runtime and a broken threshold, and cleanup on Ctrl-C.
import { afterAll, describe, expect, test } from "bun:test";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BUN, CLI, REPO, hashTree } from "./run-harness.ts";
import { writeProject } from "../_project.ts";

const base = mkdtempSync(join(tmpdir(), "gremlins-e2e-errors-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const BIN_PATH = `${join(REPO, "node_modules/.bin")}:${dirname(process.execPath)}:/usr/bin:/bin`;
let n = 0;

function project(files: Record<string, string>): string {
  return writeProject(join(base, `p${n++}`), files);
}

function gremlins(root: string, args: string[], path = BIN_PATH) {
  const reporting = args.includes("--reporters")
    ? []
    : ["--reporters", "clear-text", "--report-dir", join(base, "reports")];
  const r = spawnSync(BUN, [CLI, "run", "--workers", "2", ...reporting, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PATH: path, NO_COLOR: "1" },
    timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const SOURCE = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
const bunProject = (testBody: string) =>
  project({
    "package.json": JSON.stringify({ name: "t", type: "module" }),
    "bunfig.toml": "",
    "src/add.ts": SOURCE,
    "test/add.test.ts": `import { test, expect } from "bun:test";\nimport { add } from "../src/add.ts";\n${testBody}\n`,
  });

/** What a run left in `.gremlins/` besides the result cache (which is meant to stay). */
function sandboxesLeft(root: string): string[] {
  const dir = join(root, ".gremlins");
  return existsSync(dir) ? readdirSync(dir).filter((entry) => entry !== "cache") : [];
}

describe("exit codes", () => {
  test("red baseline → 2, with the output's tail and why", () => {
    const root = bunProject('test("adds", () => { expect(add(2, 2)).toBe(5); });');
    const before = hashTree(root);
    const r = gremlins(root, []);
    expect(r.code).toBe(2);
    expect(r.out).toContain("green suite");
    expect(r.out).toContain("(fail) adds");
    expect(hashTree(root)).toEqual(before);
    expect(sandboxesLeft(root)).toEqual([]);
  });

  test("green suite that ran no tests → 2", () => {
    const root = project({
      "package.json": JSON.stringify({ name: "t", type: "module", scripts: { test: "node --test test/" } }),
      "src/add.js": "export const add = (a, b) => a + b;\n",
      "test/.keep": "",
    });
    const r = gremlins(root, []);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/ran no tests|no tests to run/);
  });

  test("no files matching the globs → 2, naming them", () => {
    const root = bunProject('test("adds", () => { expect(add(2, 2)).toBe(4); });');
    const r = gremlins(root, ["--mutate", "lib/**/*.ts"]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('"lib/**/*.ts"');
  });

  test("Bun not installed → 2, saying what to install", () => {
    const root = bunProject('test("adds", () => { expect(add(2, 2)).toBe(4); });');
    const r = gremlins(root, [], "/usr/bin:/bin");
    expect(r.code).toBe(2);
    expect(r.out).toContain("install Bun");
  });

  test("score below thresholds.break → 1; the same run without it → 0", () => {
    // `add(0, 0)` lets `a - b` survive: score < 100.
    const root = bunProject('test("adds", () => { expect(add(0, 0)).toBe(0); });');
    const broken = gremlins(root, ["--threshold-break", "100"]);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("Survived");
    expect(gremlins(root, []).code).toBe(0);
  }, 60_000);
});

test("the JSON report goes to reports/gremlins/mutation.json under the project root by default", () => {
  const root = bunProject('test("adds", () => { expect(add(2, 2)).toBe(4); });');
  const r = gremlins(root, ["--reporters", "json"]);
  expect(r.code).toBe(0);
  const report = JSON.parse(readFileSync(join(root, "reports/gremlins/mutation.json"), "utf8"));
  const statuses = report.files["src/add.ts"].mutants.map((m: { status: string }) => m.status);
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s: string) => s === "Killed")).toBe(true);
}, 60_000);

test("Ctrl-C during the run: exit 130, sandboxes removed", async () => {
  const root = project({
    "package.json": JSON.stringify({ name: "t", type: "module", scripts: { test: "sleep 2 && node --test" } }),
    "src/add.js": "export const add = (a, b) => a + b;\n",
    "test/add.test.js":
      'import test from "node:test";\nimport { add } from "../src/add.js";\ntest("adds", () => { add(1, 2); });\n',
  });
  const before = hashTree(root);
  const child = spawn(BUN, [CLI, "run", "--workers", "2"], {
    cwd: root,
    env: { ...process.env, PATH: BIN_PATH, NO_COLOR: "1" },
  });
  let err = "";
  child.stderr.on("data", (d) => (err += String(d)));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // Wait until the baseline is running (the sandbox exists), then interrupt.
  for (
    let i = 0;
    i < 100 && !(existsSync(join(root, ".gremlins")) && readdirSync(join(root, ".gremlins")).length > 0);
    i++
  ) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 300));
  child.kill("SIGINT");
  expect(await exit).toBe(130);
  expect(sandboxesLeft(root)).toEqual([]);
  expect(hashTree(root)).toEqual(before);
}, 30_000);
