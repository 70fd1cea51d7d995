// Reliability on bad input: unparsable and binary sources are skipped with a warning, CRLF + BOM keep
// report locations right, odd paths and symlinks work (and never leak writes into the user's tree),
// and every usage error (globs, config, test command, empty suite) exits 2 with a message that says why.
import { describe, expect, test } from "bun:test";
import { mkdirSync, symlinkSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { BUN, CLI } from "../e2e/run-harness.ts";
import { BIN_PATH, EXECUTORS, bunFiles, gremlinsCli, gremlinsRun, hashTree, sandboxes, tempBase } from "./helpers.ts";

const { project } = tempBase("input");
const T = 'import { test, expect } from "bun:test";\n';
const OK_SRC = "export const ok = (a: number) => a + 1;\n";
const OK_TEST = T + 'import { ok } from "../src/ok.ts";\ntest("ok", () => expect(ok(1)).toBe(2));\n';

describe("sources that cannot be mutated are skipped, the run goes on", () => {
  test("a file that does not parse: warned with file:line:column and message", () => {
    const root = project(
      bunFiles({
        "src/bad.ts": "export function f( {\n  return 1 +;\n}\n",
        "src/ok.ts": OK_SRC,
        "test/ok.test.ts": OK_TEST,
      }),
    );
    const r = gremlinsRun(root);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/src\/bad\.ts:\d+:\d+: .+\(file skipped\)/);
    expect(Object.keys(r.files)).toEqual(["src/ok.ts"]);
    expect(r.mutants.every((m) => m.status === "Killed")).toBe(true);
  }, 60_000);

  test("binary and non-UTF-8 files matched by a glob: the binary one is skipped with a warning", () => {
    const root = project(
      bunFiles({
        "src/blob.js": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe, 0x00, 0x12]),
        "src/latin.js": Buffer.from("export const s = 'caf\xe9';\n", "latin1"),
        "src/ok.ts": OK_SRC,
        "test/ok.test.ts": OK_TEST,
      }),
    );
    const r = gremlinsRun(root);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/src\/blob\.js.*binary.*\(file skipped\)/);
    expect(Object.keys(r.files)).not.toContain("src/blob.js");
    expect(r.files["src/ok.ts"]?.length).toBeGreaterThan(0);
  }, 60_000);

  test("a reader slower than the exit grace still gets the whole output (the CLI waits for stdout to drain)", () => {
    // CI at load 24 cut the 1 MB listing short: the process was ended 2 s after main() returned, with
    // megabytes still unwritten. A reader that takes a 64 KB chunk every 40 ms makes that certain.
    const body = Array.from(
      { length: 2500 },
      (_, i) => `export function f${i}(a: number, b: number): number {\n  return a > b ? a + ${i} : b - ${i};\n}\n`,
    ).join("");
    const root = project(
      bunFiles({ "src/many.ts": body, "test/many.test.ts": T + 'test("x", () => expect(1).toBe(1));\n' }),
    );
    const reader =
      "const parts = []; process.stdin.on('data', (c) => { parts.push(c); process.stdin.pause(); setTimeout(() => process.stdin.resume(), 40); });" +
      "process.stdin.on('end', () => process.stdout.write(Buffer.concat(parts)));";
    const r = spawnSync("sh", ["-c", '"$0" "$1" list --json | "$0" -e "$2"', BUN, CLI, reader], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, PATH: BIN_PATH, NO_COLOR: "1" },
      timeout: 120_000,
    });
    expect(r.stdout.length).toBeGreaterThan(4_000_000);
    const listed = JSON.parse(r.stdout) as unknown;
    const count = Array.isArray(listed) ? listed.length : ((listed as { gremlins?: unknown[] }).gremlins?.length ?? 0);
    expect(count).toBeGreaterThan(2500 * 5);
  }, 150_000);

  test("a 1 MB generated source file is handled by `gremlins list`", () => {
    const body = Array.from(
      { length: 11000 },
      (_, i) => `export function f${i}(a: number, b: number): number {\n  return a > b ? a + ${i} : b - ${i};\n}\n`,
    ).join("");
    expect(body.length).toBeGreaterThan(1_000_000);
    const root = project(
      bunFiles({ "src/big.ts": body, "test/big.test.ts": T + 'test("x", () => expect(1).toBe(1));\n' }),
    );
    const r = gremlinsCli(root, ["list", "--json"]);
    if (r.code !== 0) console.log(r.out.slice(-2000));
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout) as unknown;
    const count = Array.isArray(listed) ? listed.length : ((listed as { gremlins?: unknown[] }).gremlins?.length ?? 0);
    expect(count).toBeGreaterThan(11000 * 5);
  }, 90_000);
});

test("CRLF line endings and a BOM: locations in the JSON report are still right", () => {
  const src = "\ufeff// header\r\nexport function add(a: number, b: number): number {\r\n  return a + b;\r\n}\r\n";
  const root = project(
    bunFiles({
      "src/add.ts": src,
      "test/add.test.ts": T + 'import { add } from "../src/add.ts";\ntest("add", () => expect(add(2, 3)).toBe(5));\n',
    }),
  );
  const r = gremlinsRun(root);
  expect(r.code).toBe(0);
  const minus = r.files["src/add.ts"]?.find((m) => m.replacement === "a - b");
  // `a + b` sits on line 3, columns 10–15 (the BOM is not a column; CR is not a line).
  expect(minus?.location).toEqual({ start: { line: 3, column: 10 }, end: { line: 3, column: 15 } });
  const block = r.files["src/add.ts"]?.find((m) => m.mutatorName === "block");
  expect(block?.location.start.line).toBe(2);
  expect(block?.location.end).toEqual({ line: 4, column: 1 });
}, 60_000);

describe.each(EXECUTORS)("paths and links (%s executor)", (executor) => {
  test("paths with spaces and non-ASCII characters", () => {
    const root = project(
      bunFiles({
        "src/my dir/café ü.ts": "export const inc = (a: number) => a + 1;\n",
        "test/ä b.test.ts":
          T + 'import { inc } from "../src/my dir/café ü.ts";\ntest("inc ü", () => expect(inc(1)).toBe(2));\n',
      }),
    );
    const before = hashTree(root);
    const r = gremlinsRun(root, [], { executor });
    expect(r.code).toBe(0);
    expect(r.files["src/my dir/café ü.ts"]?.map((m) => m.status)).toEqual(["Killed", "Killed"]);
    expect(hashTree(root)).toEqual(before);
  }, 60_000);

  test("a symlinked source directory and a symlinked node_modules package: mutated, and the linked files stay untouched", () => {
    const root = project(
      bunFiles({
        "real/lib.ts": "export const dbl = (a: number) => a * 2;\n",
        "src/main.ts": 'export { dbl } from "./linked/lib.ts";\nexport const inc = (a: number) => a + 1;\n',
        "test/main.test.ts":
          T +
          'import { inc, dbl } from "../src/main.ts";\nimport { pad } from "fakepkg";\ntest("inc", () => { expect(inc(1)).toBe(2); expect(dbl(2)).toBe(4); expect(pad("a")).toBe(" a"); });\n',
        "vendor/fakepkg/package.json": JSON.stringify({ name: "fakepkg", type: "module", main: "index.js" }),
        "vendor/fakepkg/index.js": "export const pad = (s) => ' ' + s;\n",
      }),
    );
    // An absolute link inside the project: writing the instrumented copy through it once destroyed real/lib.ts.
    symlinkSync(join(root, "real"), join(root, "src/linked"));
    mkdirSync(join(root, "node_modules"));
    symlinkSync(join(root, "vendor/fakepkg"), join(root, "node_modules/fakepkg"));
    const before = hashTree(root);
    const r = gremlinsRun(root, [], { executor });
    expect(r.code).toBe(0);
    expect(r.files["src/linked/lib.ts"]?.map((m) => `${m.replacement} ${m.status}`).sort()).toEqual([
      "a / 2 Killed",
      "undefined Killed",
    ]);
    expect(Object.keys(r.files).some((f) => f.includes("node_modules") || f.includes("vendor"))).toBe(false);
    expect(hashTree(root)).toEqual(before);
    expect(sandboxes(root)).toEqual([]);
  }, 60_000);
});

describe("usage errors exit 2 and say why", () => {
  test("a glob that matches nothing, from the CLI: names the globs and --mutate", () => {
    const r = gremlinsRun(project(bunFiles({ "src/ok.ts": OK_SRC, "test/ok.test.ts": OK_TEST })), [
      "--mutate",
      "nothing/**/*.ts",
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('"nothing/**/*.ts" (from --mutate)');
  }, 30_000);

  test("a glob that matches nothing, from the config file: names the file", () => {
    const r = gremlinsRun(
      project(
        bunFiles({
          "src/ok.ts": OK_SRC,
          "test/ok.test.ts": OK_TEST,
          "gremlins.config.json": JSON.stringify({ mutate: ["lib/**/*.ts"] }),
        }),
      ),
    );
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/"lib\/\*\*\/\*\.ts" \(from [^)]*gremlins\.config\.json\)/);
  }, 30_000);

  test.each([
    [{ timeoutMs: "fast" }, "timeoutMs"],
    [{ workerz: 2 }, "workerz"],
    [{ baselineRuns: 0 }, "baselineRuns"],
    [{ thresholds: { high: "x" } }, "thresholds.high"],
  ])(
    "an invalid config %j names the key",
    (config, key) => {
      const r = gremlinsRun(
        project(
          bunFiles({ "src/ok.ts": OK_SRC, "test/ok.test.ts": OK_TEST, "gremlins.config.json": JSON.stringify(config) }),
        ),
      );
      expect(r.code).toBe(2);
      expect(r.out).toContain("gremlins.config.json");
      expect(r.out).toContain(key);
    },
    30_000,
  );

  test("a missing test command: exit 2 with the shell's output tail", () => {
    const r = gremlinsRun(project(bunFiles({ "src/ok.ts": OK_SRC, "test/ok.test.ts": OK_TEST })), [
      "--test-command",
      "no-such-runner-xyz --flag",
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/no-such-runner-xyz.*not found/);
    expect(r.out).toContain("exited with code 127");
  }, 30_000);

  test("a failing test command: exit 2 with its output tail", () => {
    const r = gremlinsRun(project(bunFiles({ "src/ok.ts": OK_SRC, "test/ok.test.ts": OK_TEST })), [
      "--test-command",
      "echo line-one; echo boom-tail >&2; exit 3",
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("│ boom-tail");
    expect(r.out).toContain("exited with code 3");
  }, 30_000);

  test.each(EXECUTORS)(
    "a green baseline with zero tests: exit 2, says so (%s executor)",
    (executor) => {
      const r = gremlinsRun(project(bunFiles({ "src/ok.ts": OK_SRC, "test/ok.test.ts": T + "\n" })), [], { executor });
      expect(r.code).toBe(2);
      expect(r.out).toContain("ran no tests");
    },
    30_000,
  );
});
