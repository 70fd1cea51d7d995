// End-to-end: the compiled binary (which is Bun) hands a Node project's run over to `node`, so the thread
// executor's workers see what the project's own runner sees: V8's error texts, process.execPath naming node,
// dependencies resolved from the sandbox through `exports` maps, and TypeScript suites on Node 20 (types
// stripped by gremlins' loader hooks). Verdicts must equal the spawn executor's (or the documented counts).
// Also: the npm bundle under node hands a Bun project to bun, and relaunches itself with the TypeScript hooks;
// signals sent to the binary reach the handed-over run.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { binaryPath, hostTarget } from "../../build.ts";
import { copyFixture, ensureBuilt, exec, REPO, tempDir, toolsPath } from "./install-paths.ts";

setDefaultTimeout(180_000);

const HOST = hostTarget();
const NPM_BUNDLE = join(REPO, "dist/gremlins.mjs");
let dir = "";
let exe = "";

beforeAll(() => {
  ensureBuilt(binaryPath(HOST), "--target", HOST);
  dir = tempDir("binary-host");
  exe = join(dir, "bin", "gremlins");
  mkdirSync(dirname(exe));
  copyFileSync(binaryPath(HOST), exe);
  mkdirSync(join(dir, "tmp"));
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Only `sh` and node on PATH; HOME and TMPDIR inside the test's dir (the host copy is unpacked there). */
const env = () => ({ PATH: toolsPath(dir, ["node"]), HOME: dir, TMPDIR: join(dir, "tmp"), NO_COLOR: "1" });

interface BinaryRun {
  code: number;
  stderr: string;
  /** `file:line:col operator → replacement` → status. */
  statuses: Map<string, string>;
  counts: Record<string, number>;
}

async function runBinary(project: string, executor: "thread" | "spawn" | "auto"): Promise<BinaryRun> {
  const reportDir = tempDir("host-report");
  try {
    const args = [
      "run",
      "--executor",
      executor,
      "--verbose",
      "--no-cache",
      "--workers",
      "2",
      "--reporters",
      "json",
      "--report-dir",
      reportDir,
    ];
    const out = await exec(exe, args, { cwd: project, env: env() });
    const statuses = new Map<string, string>();
    const counts: Record<string, number> = {};
    const file = join(reportDir, "mutation.json");
    if (existsSync(file)) {
      const report = JSON.parse(readFileSync(file, "utf8")) as {
        files: Record<
          string,
          {
            mutants: {
              status: string;
              mutatorName: string;
              replacement?: string;
              location: { start: { line: number; column: number } };
            }[];
          }
        >;
      };
      for (const [path, entry] of Object.entries(report.files)) {
        for (const m of entry.mutants) {
          statuses.set(
            `${path}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${m.replacement ?? ""}`,
            m.status,
          );
          counts[m.status] = (counts[m.status] ?? 0) + 1;
        }
      }
    }
    if (out.code !== 0) console.log(out.stdout, out.stderr.slice(-3000));
    return { code: out.code, stderr: out.stderr, statuses, counts };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

/** The vitest fixture, with the repository's node_modules (vite evaluates its vitest.config.ts). */
function vitestFixture(parent: string): string {
  const project = copyFixture("vitest", parent);
  symlinkSync(join(REPO, "node_modules"), join(project, "node_modules"));
  return project;
}

/** Thread and spawn runs of one project: the thread executor must run, hosted by node, with spawn's verdicts. */
async function expectThreadEqualsSpawn(project: string): Promise<BinaryRun> {
  const thread = await runBinary(project, "auto");
  expect(thread.stderr).toMatch(
    /^Host: gremlins runs on bun but the project's tests run on node .*: the run is handed over to \/.+\/node, \d+ ms after gremlins started /m,
  );
  expect(thread.stderr).toMatch(
    /^Host: test workers are threads of this node process \(v\d+\.\d+\.\d+\), to which gremlins on bun handed the run over/m,
  );
  expect(thread.stderr).toContain("Executor: thread (node-test tests in the built-in harness");
  expect(thread.code).toBe(0);
  const spawn = await runBinary(project, "spawn");
  expect(spawn.code).toBe(0);
  expect(spawn.stderr).toMatch(/^Host: executor: spawn runs the test command itself/m);
  expect(spawn.statuses.size).toBeGreaterThan(0);
  expect(Object.fromEntries(thread.statuses)).toEqual(Object.fromEntries(spawn.statuses));
  return thread;
}

describe("the project's runtime hosts the test workers, whatever gremlins runs on", () => {
  test("V8's own error text and process.execPath: thread executor, spawn's verdicts", async () => {
    const project = copyFixture("node-host", dir);
    const run = await expectThreadEqualsSpawn(project);
    expect(run.counts).toEqual({ Killed: 8, Survived: 3, Timeout: 1 });
  });

  test("a dependency with an exports map, resolved from the sandbox: thread executor, spawn's verdicts", async () => {
    const project = join(dir, "dep-app");
    const files: Record<string, string> = {
      "package.json": JSON.stringify({
        name: "dep-app",
        private: true,
        type: "module",
        scripts: { test: "node --test" },
      }),
      "node_modules/greeting-kit/package.json": JSON.stringify({
        name: "greeting-kit",
        version: "1.0.0",
        exports: { ".": { import: "./esm/index.mjs", require: "./cjs/index.cjs" }, "./package.json": "./package.json" },
      }),
      "node_modules/greeting-kit/esm/index.mjs": "export function salute(name) {\n  return `Hello, ${name}`;\n}\n",
      "node_modules/greeting-kit/cjs/index.cjs": "exports.salute = (name) => `Hi, ${name}`;\n",
      "src/greet.js":
        'import { salute } from "greeting-kit";\n\nexport function greet(name, loud) {\n  const text = salute(name);\n  return loud ? `${text.toUpperCase()}!` : text;\n}\n',
      "test/greet.test.js":
        'import { test } from "node:test";\nimport assert from "node:assert/strict";\nimport { greet } from "../src/greet.js";\n\n' +
        'test("greets through the ES module entry of the exports map", () => {\n  assert.equal(greet("Ada", false), "Hello, Ada");\n});\n\n' +
        'test("shouts", () => {\n  assert.equal(greet("Ada", true), "HELLO, ADA!");\n});\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(project, rel)), { recursive: true });
      writeFileSync(join(project, rel), text);
    }
    const run = await expectThreadEqualsSpawn(project);
    expect(run.counts.Killed).toBeGreaterThan(0);
  });

  test("a TypeScript vitest suite still runs in threads, the node host stripping types itself (types imported as values, JSON)", async () => {
    const node = join(toolsPath(dir, ["node"]), "node");
    const version = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
    const project = vitestFixture(dir);
    // As real suites do (unjs/ufo): a type imported without `type` (the stripper elides it, as vitest's esbuild
    // does) and JSON imported without `with { type: "json" }`. Neither reaches a gremlin: the counts stay.
    writeFileSync(
      join(project, "src/tax.ts"),
      `${readFileSync(join(project, "src/tax.ts"), "utf8")}\nexport type Net = number;\n`,
    );
    writeFileSync(join(project, "test/rates.json"), '{ "standard": 0.2 }\n');
    writeFileSync(
      join(project, "test/rates.test.ts"),
      'import { expect, test } from "vitest";\nimport { Net, withTax } from "../src/tax.ts";\nimport rates from "./rates.json";\n\n' +
        'test("reads the JSON rates", () => {\n  const net: Net = 100;\n  expect(typeof withTax).toBe("function");\n  expect(net * rates.standard).toBe(20);\n});\n' +
        // As unjs/ohash's serializer tests do: a function's source text, as vitest's esbuild prints it (types
        // removed, not blanked to spaces), and an arrow function's inferred name.
        'test("reads functions as vitest prints them", () => {\n  function sum(a: number, b: number): number {\n    return a + b;\n  }\n' +
        "  const twice = (n: number): number => n * 2;\n" +
        '  expect(String(sum).replace(/\\s*\\n\\s*/g, "")).toBe("function sum(a, b) {return a + b;}");\n' +
        '  expect(`${twice.name}:${String(twice)}`).toBe("twice:(n) => n * 2");\n});\n',
    );
    const run = await runBinary(project, "thread");
    expect(run.stderr).toContain(`Host: test workers are threads of this node process (${version})`);
    expect(run.stderr).toContain("Executor: thread (vitest tests in the built-in harness");
    expect(run.code).toBe(0);
    // The documented verdicts of the fixture (tests/fixtures/README.md).
    expect(run.counts).toEqual({ Killed: 22, Survived: 4, NoCoverage: 4 });
  });

  test("the npm bundle under a Node without type stripping relaunches itself with the hooks for a TypeScript suite", async () => {
    ensureBuilt(NPM_BUNDLE, "--npm");
    const node = join(toolsPath(dir, ["node"]), "node");
    const native =
      spawnSync(node, ["-p", "Boolean(process.features.typescript)"], { encoding: "utf8" }).stdout.trim() === "true";
    const project = vitestFixture(join(dir, "npm"));
    const out = await exec(
      node,
      [
        NPM_BUNDLE,
        "run",
        "--executor",
        "thread",
        "--verbose",
        "--no-cache",
        "--workers",
        "2",
        "--reporters",
        "clear-text",
      ],
      { cwd: project, env: env() },
    );
    if (out.code !== 0) console.log(out.stdout, out.stderr.slice(-3000));
    expect(out.code).toBe(0);
    if (!native)
      expect(out.stderr).toMatch(
        /^Host: this Node \(v.+\) cannot import the project's TypeScript in worker threads by itself: the run is handed over to /m,
      );
    expect(out.stderr).toContain("Executor: thread (vitest tests in the built-in harness");
    expect(out.stdout).toMatch(/All files +30 +22 +4 +4 +0 +0/);
  });

  test("npx gremlins (the npm bundle under node) hands a Bun project's run over to bun", async () => {
    ensureBuilt(NPM_BUNDLE, "--npm");
    const project = copyFixture("bun", join(dir, "npm-bun"));
    const tools = toolsPath(dir, ["node", "bun"]);
    const out = await exec(
      join(tools, "node"),
      [NPM_BUNDLE, "run", "--verbose", "--no-cache", "--workers", "2", "--reporters", "clear-text"],
      { cwd: project, env: { ...env(), PATH: tools } },
    );
    if (out.code !== 0) console.log(out.stdout, out.stderr.slice(-3000));
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(
      /^Host: gremlins runs on node but the project's tests run on bun \(.+\): the run is handed over to \/.+\/bun, /m,
    );
    expect(out.stderr).toMatch(
      /^Host: test workers are threads of this bun process \(bun [\d.]+\), to which gremlins on node handed the run over/m,
    );
    expect(out.stderr).toContain("Executor: thread (bun tests in the built-in harness");
    // The fixture's documented counts (tests/fixtures/README.md): Killed 29, Survived 2, Timeout 1, NoCoverage 10.
    expect(out.stdout).toMatch(/All files +42 +29 +2 +10 +1 +0/);
  });

  describe("signals reach the handed-over run", () => {
    /** A Node project whose two dozen gremlins each take >= 150 ms to test. */
    function slowProject(name: string): string {
      const project = join(dir, name);
      const fns = Array.from(
        { length: 3 },
        (_, i) => `export function f${i}(a, b) {\n  return a > b ? a + ${i} : b - ${i};\n}\n`,
      ).join("");
      const tests = Array.from(
        { length: 3 },
        (_, i) =>
          `test("f${i}", async () => { await sleep(150); assert.equal(f${i}(3, 1), ${3 + i}); assert.equal(f${i}(1, 3), ${3 - i}); });\n`,
      ).join("");
      mkdirSync(join(project, "src"), { recursive: true });
      mkdirSync(join(project, "test"), { recursive: true });
      writeFileSync(
        join(project, "package.json"),
        JSON.stringify({ type: "module", scripts: { test: "node --test" } }),
      );
      writeFileSync(join(project, "src/fns.js"), fns);
      const imports = Array.from({ length: 3 }, (_, i) => `f${i}`).join(", ");
      writeFileSync(
        join(project, "test/fns.test.js"),
        `import { test } from "node:test";\nimport assert from "node:assert/strict";\nimport { ${imports} } from "../src/fns.js";\nconst sleep = (ms) => new Promise((r) => setTimeout(r, ms));\n${tests}`,
      );
      return project;
    }

    const sandboxes = (project: string): string[] =>
      existsSync(join(project, ".gremlins"))
        ? readdirSync(join(project, ".gremlins")).filter((n) => n.startsWith("sandbox-"))
        : [];

    /** Starts the binary, resolves once a verdict line was printed. */
    async function startRun(
      project: string,
    ): Promise<{ child: ChildProcess; output: () => string; exit: Promise<number | null> }> {
      const child = spawn(exe, ["run", "--verbose", "--workers", "1", "--executor", "thread"], {
        cwd: project,
        env: env(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
      const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      for (let waited = 0; !/^\s+(Killed|Survived|Timeout)\s+#\d+/m.test(output) && waited < 60_000; waited += 100)
        await Bun.sleep(100);
      expect(output).toContain("the run is handed over to");
      return { child, output: () => output, exit };
    }

    test("SIGINT sent to the binary alone: the node child saves the verdicts, removes the sandbox, exit 130", async () => {
      const project = slowProject("slow-int");
      const run = await startRun(project);
      await Bun.sleep(1300); // the cache keeps verdicts older than a second at the interrupt
      run.child.kill("SIGINT");
      expect(await run.exit).toBe(130);
      expect(run.output()).toMatch(/Interrupted: \d+ of \d+ gremlins got a verdict/);
      expect(sandboxes(project)).toEqual([]);
      const cache = JSON.parse(readFileSync(join(project, ".gremlins/cache/results.json"), "utf8")) as {
        verdicts: Record<string, unknown>;
      };
      expect(Object.keys(cache.verdicts).length).toBeGreaterThan(0);
    });

    test("SIGKILL of the binary: the orphaned node child notices, tears down and ends", async () => {
      const project = slowProject("slow-kill");
      const run = await startRun(project);
      expect(sandboxes(project).length).toBe(1);
      run.child.kill("SIGKILL");
      await run.exit;
      for (let waited = 0; sandboxes(project).length > 0 && waited < 10_000; waited += 100) await Bun.sleep(100);
      expect(sandboxes(project)).toEqual([]);
    });
  });
});
