// End-to-end: the standalone executable built by build.ts runs ALONE in an empty temp dir (no
// node_modules anywhere above it, oxc's addon embedded): --version, --help, list; plus build.ts's CLI.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { binaryPath, hostTarget, TARGETS, type TargetName } from "../../build.ts";
import pkg from "../../package.json" with { type: "json" };
import { ensureBuilt } from "./install-paths.ts";

// Each test spawns a runtime or the 110 MB executable; a shared 2-core machine can be slow.
setDefaultTimeout(30_000);

const ROOT = join(import.meta.dir, "../..");
const HOST = hostTarget();
const BINARY = binaryPath(HOST);

function runBuild(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = Bun.spawnSync([process.execPath, "build.ts", ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  return { code: result.exitCode, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

let dir = "";
let exe = "";
let env: Record<string, string> = {};

function gremlins(...args: string[]): { code: number; out: string; stderr: string } {
  const result = Bun.spawnSync([exe, ...args], { cwd: dir, env, stdout: "pipe", stderr: "pipe" });
  const stdout = result.stdout.toString();
  const stderr = result.stderr.toString();
  return { code: result.exitCode, out: stdout + stderr, stderr };
}

beforeAll(() => {
  ensureBuilt(BINARY, "--target", HOST);
  ensureBuilt(join(ROOT, "dist/gremlins.mjs"), "--npm");
  dir = mkdtempSync(join(tmpdir(), "gremlins-binary-"));
  exe = join(dir, basename(BINARY));
  copyFileSync(BINARY, exe);
  mkdirSync(join(dir, "src"));
  writeFileSync(
    join(dir, "src/math.ts"),
    [
      "export function add(a: number, b: number): number {",
      "  return a + b;",
      "}",
      "export function isSmall(x: number): boolean {",
      "  return x < 10;",
      "}",
      "",
    ].join("\n"),
  );
  // A regex literal with a lookahead makes `list` run weapon-regex (Scala.js output with non-ASCII
  // identifiers): regex-level1.ts answers common syntax itself and leaves lookarounds to it.
  writeFileSync(join(dir, "src/id.ts"), "export const isId = (s: string): boolean => /^(?!b)a+$/.test(s);\n");
  mkdirSync(join(dir, "tmp"));
  env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, TMPDIR: join(dir, "tmp"), NO_COLOR: "1" };
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`standalone executable (${basename(BINARY)})`, () => {
  test("sits alone: no node_modules in its directory or any directory above it", () => {
    expect(readdirSync(dir).sort()).toEqual([basename(exe), "src", "tmp"].sort());
    for (let d = dir; ; d = dirname(d)) {
      expect(existsSync(join(d, "node_modules"))).toBe(false);
      if (dirname(d) === d) break;
    }
  });

  test("--version prints the version from package.json", () => {
    const { code, out } = gremlins("--version");
    expect(code).toBe(0);
    expect(out.trim()).toBe(pkg.version);
  });

  test("--help shows usage and the list command", () => {
    const { code, out } = gremlins("--help");
    expect(code).toBe(0);
    expect(out).toMatch(/usage/i);
    expect(out).toContain("list");
  });

  test("list parses the project's TypeScript with the embedded oxc addon and shows its gremlins", () => {
    const { code, out } = gremlins("list");
    expect({ code, out }).toMatchObject({ code: 0 });
    expect(out).toContain("src/math.ts");
    expect(out).toMatch(/\+ → -|a - b/);
    expect(out).toMatch(/< → <=|x <= 10/);
    expect(out).toContain("src/id.ts");
    expect(out).toContain("/(?!b)a+$/");
    expect(out).toContain("/^(?=b)a+$/");
  });

  test("an unusable TMPDIR (where the addon is extracted) fails with a one-line reason naming TMPDIR", () => {
    const result = Bun.spawnSync([exe, "list"], {
      cwd: dir,
      env: { ...env, TMPDIR: join(dir, "no-such-dir") },
      stdout: "pipe",
      stderr: "pipe",
    });
    const stderr = result.stderr.toString().trim();
    expect(result.exitCode).toBe(2);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toContain("TMPDIR");
  });
});

describe("npm bundle (bin/gremlins.mjs → dist/gremlins.mjs) under each runtime", () => {
  const launcher = join(ROOT, "bin/gremlins.mjs");
  const runtimes: [string, string[]][] = [
    ["node", ["node", launcher]],
    ["bun", [process.execPath, launcher]],
    ["deno", [join(ROOT, "node_modules/.bin/deno"), "run", "-A", launcher]],
  ];
  test.each(runtimes)("%s: --version and list", (_name, command) => {
    const run = (arg: string) => {
      const result = Bun.spawnSync([...command, arg], { cwd: dir, env, stdout: "pipe", stderr: "pipe" });
      return { code: result.exitCode, out: result.stdout.toString() + result.stderr.toString() };
    };
    expect(run("--version")).toEqual({ code: 0, out: `${pkg.version}\n` });
    const list = run("list");
    expect(list.code).toBe(0);
    expect(list.out).toContain("src/math.ts");
    expect(list.out).toContain("/(?!b)a+$/");
    expect(list.out).toContain("/^(?=b)a+$/");
  });
});

describe("build.ts command line", () => {
  test("--all builds the host executable, writes SHA256SUMS for it, and says what each other target needs", () => {
    const { code, stdout, stderr } = runBuild("--all");
    expect(code).toBe(0);
    expect(stdout).toContain(`built dist/gremlins-${HOST}`);
    const sums = readFileSync(join(ROOT, "dist/SHA256SUMS"), "utf8").trim().split("\n");
    const host = sums.find((line) => line.endsWith(`  gremlins-${HOST}`));
    expect(host?.split("  ")[0]).toBe(createHash("sha256").update(readFileSync(BINARY)).digest("hex"));
    for (const name of Object.keys(TARGETS).filter((n) => n !== HOST)) {
      const built = sums.some((line) => line.endsWith(`  gremlins-${name}${TARGETS[name as TargetName].exe}`));
      if (!built) {
        expect(stderr).toContain(`skipped ${name}: `);
        expect(stderr).toContain(`@oxc-parser/binding-${TARGETS[name as TargetName].oxc}@`);
        expect(stderr).toContain(`Bun's runtime for ${TARGETS[name as TargetName].bun}`);
      }
    }
  }, 120_000);

  test("an unknown target exits 1 with a one-line reason listing the targets", () => {
    const { code, stderr } = runBuild("--target", "plan9-x64");
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain('unknown target "plan9-x64"');
    for (const name of Object.keys(TARGETS)) expect(stderr).toContain(name);
  });

  const other = (Object.keys(TARGETS) as TargetName[]).find(
    (name) => name !== HOST && !existsSync(join(ROOT, "node_modules/@oxc-parser", `binding-${TARGETS[name].oxc}`)),
  );
  test.skipIf(other === undefined)("a target whose oxc addon is not installed says which package it needs", () => {
    const { code, stderr } = runBuild("--target", other as string);
    const pkgName = `@oxc-parser/binding-${TARGETS[other as TargetName].oxc}`;
    expect(code).toBe(1);
    expect(stderr.split("\n")[0]).toBe(`build failed: oxc's native addon for ${other} is not installed (${pkgName})`);
    expect(stderr).toContain(`needs ${pkgName}@`);
    expect(existsSync(binaryPath(other as TargetName))).toBe(false);
  });
});
