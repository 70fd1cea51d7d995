// The real CLI, spawned with Bun in temporary projects: version, help, errors and exit codes, init, list.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dir, "../..");
const bun = join(repo, "node_modules/.bin/bun");
const bin = join(repo, "src/cli/bin.ts");
const version = (JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { version: string }).version;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempProject(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "gremlins e2e ")); // a space in the path on purpose
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function gremlins(args: string[], cwd = tempProject()) {
  const result = Bun.spawnSync([bun, bin, ...args], { cwd, env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "" } });
  return { code: result.exitCode, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

describe("gremlins CLI", () => {
  test("a finished command exits even when something left a handle open (here: a timer in the config)", () => {
    const cwd = tempProject({
      "gremlins.config.mjs": 'setInterval(() => {}, 1000);\nexport default { mutate: ["src/**/*.js"] };\n',
      "src/a.js": "export const add = (a, b) => a + b;\n",
    });
    const started = performance.now();
    const result = Bun.spawnSync([bun, bin, "list"], { cwd, env: { ...process.env, NO_COLOR: "1" }, timeout: 20_000 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.toString()).toContain("src/a.js:1:");
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 30_000);

  test("--version", () => {
    expect(gremlins(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  test.each([
    [["--help"], ["USAGE gremlins", "run", "list", "init", "EXIT CODES"]],
    [
      ["run", "--help"],
      [
        "USAGE gremlins run",
        "--mutate",
        "--test-command",
        "--workers",
        "--timeout-ms",
        "--timeout-factor",
        "--threshold-high",
        "--threshold-low",
        "--threshold-break",
        "--reporters",
        "--report-dir",
        "--operators",
        "--exclude-operators",
        "--executor",
        "--config",
        "--verbose",
        "--quiet",
        "--root",
      ],
    ],
    [
      ["list", "--help"],
      ["USAGE gremlins list", "--json", "--mutate"],
    ],
    [
      ["init", "--help"],
      ["USAGE gremlins init", "--force"],
    ],
  ])("%j", (args, expected) => {
    const { code, stdout } = gremlins(args);
    expect(code).toBe(0);
    for (const text of expected) expect(stdout).toContain(text);
    expect(stdout).not.toContain("\u001B["); // piped: no colour codes
  });

  test("unknown flag: exit 2, one line with the nearest flag", () => {
    expect(gremlins(["--wokers", "2"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "error: unknown option --wokers (did you mean `--workers`?)\n",
    });
  });

  test("unknown command: exit 2, one line with the nearest command", () => {
    expect(gremlins(["int"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'error: unknown command "int" (did you mean `init`?); commands: run, list, init, explain, cache, merge\n',
    });
  });

  test("init writes a config and .gitignore, refuses to overwrite, --force overwrites", () => {
    const dir = tempProject({
      "package.json": JSON.stringify({ devDependencies: { vitest: "^4", typescript: "^5" } }),
      ".gitignore": "node_modules\n",
    });
    const first = gremlins(["init"], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Test runner:  vitest (from package.json dependencies)");
    expect(first.stdout).toContain("Wrote gremlins.config.ts");
    expect(readFileSync(join(dir, "gremlins.config.ts"), "utf8")).toContain('import { defineConfig } from "gremlins";');
    expect(readFileSync(join(dir, ".gitignore"), "utf8")).toBe(
      "node_modules\n\n# gremlins (mutation testing)\n.gremlins/\n.gremlins-*\nreports/gremlins/\n",
    );

    expect(gremlins(["init"], dir)).toEqual({
      code: 2,
      stdout: "",
      stderr: "error: gremlins.config.ts already exists; use --force to overwrite it\n",
    });
    writeFileSync(join(dir, "gremlins.config.ts"), "// mine\n");
    const forced = gremlins(["init", "--force"], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "gremlins.config.ts"), "utf8")).not.toContain("// mine");
    expect(readFileSync(join(dir, ".gitignore"), "utf8").match(/\.gremlins\//g)).toHaveLength(1);
  });

  test("init in a JS project writes gremlins.config.mjs", () => {
    const dir = tempProject({ "package.json": JSON.stringify({ scripts: { test: "node --test" } }) });
    expect(gremlins(["init"], dir).code).toBe(0);
    expect(existsSync(join(dir, "gremlins.config.mjs"))).toBe(true);
    expect(existsSync(join(dir, ".gitignore"))).toBe(true);
  });

  test("list prints the gremlins of a TS project, honouring its TS config", () => {
    const dir = tempProject({
      "package.json": "{}",
      "src/math.ts": "export function add(a: number, b: number): number {\n  return a + b;\n}\n",
      "src/math.test.ts": "import { add } from './math.ts';\n",
      "gremlins.config.ts":
        'import { defineConfig } from "gremlins";\nexport default defineConfig({ operators: { include: ["arithmetic"] } });\n',
    });
    const { code, stdout, stderr } = gremlins(["list"], dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toStartWith("src/math.ts:2:10  arithmetic  a + b → a - b\n");
    expect(stdout).toContain("1 gremlin in 1 file");
    expect(stdout).not.toContain("math.test.ts");

    const json = JSON.parse(gremlins(["list", "--json", "--root", dir, "--operators", "arithmetic"]).stdout);
    expect(json.files).toEqual(["src/math.ts"]);
    expect(json.gremlins[0]).toMatchObject({
      file: "src/math.ts",
      line: 2,
      column: 10,
      operator: "arithmetic",
      original: "a + b",
    });
  });

  test("list with nothing to mutate: exit 2 naming the globs and their source", () => {
    const { code, stderr } = gremlins(["list", "--mutate", "app/**/*.ts"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: no files to mutate: the mutate globs from the command line \(app\/\*\*\/\*\.ts\) match no JS\/TS source under .*\n$/,
    );
  });

  test("an invalid config value: exit 2, one line naming the file, key and value", () => {
    const dir = tempProject({ "gremlins.config.json": JSON.stringify({ workers: "lots" }) });
    expect(gremlins(["list"], dir)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'error: gremlins.config.json: workers must be a positive integer, "auto" or a percentage like "50%" (got "lots")\n',
    });
  });
});
