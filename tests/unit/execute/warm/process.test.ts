// The warm test process: one driver per worker runs chosen test files again and again with the gremlin
// switched per run (also in code that runs at module load, which must load afresh), counts the tests,
// reports hit limits, ends a run that overruns its limit and starts afresh on the next one.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RUNTIME_SOURCE } from "../../../../src/instrument/runtime.ts";
import { nodeOn, WarmProcess, warmConfig } from "../../../../src/execute/warm/index.ts";
import { readRunnerCommand } from "../../../../src/execute/select/index.ts";

const REPO = join(import.meta.dir, "../../../..");
const dirs: string[] = [];
const procs: WarmProcess[] = [];
afterAll(() => {
  for (const p of procs) p.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// Gremlin 1 flips `+`, gremlin 2 changes a value computed at module load, gremlin 3 sits in a loop.
const SOURCE = `const BASE = __gremlins_g(2) ? 1 : 0;
function add(a, b) { return __gremlins_g(1) ? a - b : a + b + BASE; }
function spin(n) { let s = 0; for (let i = 0; i < n; i++) if (!__gremlins_g(3)) s++; return s; }
module.exports = { add, spin };
${RUNTIME_SOURCE}`;

const TESTS: Record<string, Record<string, string>> = {
  mocha: {
    "test/add.spec.js": `const assert = require("assert"); const { add } = require("../src/add.js");
describe("add", () => { it("adds two numbers", () => assert.strictEqual(add(2, 3), 5)); it("adds zero", () => assert.strictEqual(add(2, 0), 2)); });`,
    "test/spin.spec.js": `const assert = require("assert"); const { spin } = require("../src/add.js");
describe("spin", () => { it("counts a hundred", () => assert.strictEqual(spin(100), 100)); });`,
    "test/hang.spec.js": `describe("hang", () => { it("never ends", () => { for (;;) {} }); });`,
    "test/linger.spec.js": `describe("linger", () => { it("leaves a timer", () => { setInterval(() => {}, 1000); }); });`,
  },
  uvu: {
    "test/add.test.js": `const { test } = require("uvu"); const assert = require("uvu/assert"); const { add } = require("../src/add.js");
test("adds two numbers", () => assert.is(add(2, 3), 5)); test("adds zero", () => assert.is(add(2, 0), 2)); test.run();`,
    "test/spin.test.js": `const { test } = require("uvu"); const assert = require("uvu/assert"); const { spin } = require("../src/add.js");
test("counts a hundred", () => assert.is(spin(100), 100)); test.run();`,
    "test/hang.test.js": `const { test } = require("uvu"); test("never ends", () => { for (;;) {} }); test.run();`,
    "test/linger.test.js": `const { test } = require("uvu"); test("leaves a timer", () => { setInterval(() => {}, 1000); }); test.run();`,
  },
  tape: {
    "test/add.test.js": `const test = require("tape"); const { add } = require("../src/add.js");
test("adds two numbers", (t) => { t.equal(add(2, 3), 5); t.equal(add(2, 0), 2); t.end(); });`,
    "test/spin.test.js": `const test = require("tape"); const { spin } = require("../src/add.js");
test("counts a hundred", (t) => { t.equal(spin(100), 100); t.end(); });`,
    "test/hang.test.js": `const test = require("tape"); test("never ends", () => { for (;;) {} });`,
    "test/linger.test.js": `const test = require("tape"); test("leaves a timer", (t) => { setInterval(() => {}, 1000); t.end(); });`,
  },
  vitest: {
    "test/add.test.js": `import { expect, test } from "vitest"; import lib from "../src/add.js";
test("adds two numbers", () => expect(lib.add(2, 3)).toBe(5)); test("adds zero", () => expect(lib.add(2, 0)).toBe(2));`,
    "test/spin.test.js": `import { expect, test } from "vitest"; import lib from "../src/add.js";
test("counts a hundred", () => expect(lib.spin(100)).toBe(100));`,
    "test/hang.test.js": `import { test } from "vitest"; test("never ends", () => { for (;;) {} });`,
    "test/linger.test.js": `import { test } from "vitest"; test("leaves a timer", () => { setInterval(() => {}, 1000); });`,
  },
  jest: {
    "test/add.test.js": `const { add } = require("../src/add.js");
test("adds two numbers", () => expect(add(2, 3)).toBe(5)); test("adds zero", () => expect(add(2, 0)).toBe(2));`,
    "test/spin.test.js": `const { spin } = require("../src/add.js");
test("counts a hundred", () => expect(spin(100)).toBe(100));`,
    "test/hang.test.js": `test("never ends", () => { for (;;) {} });`,
    "test/linger.test.js": `test("leaves a timer", () => { setInterval(() => {}, 1000); });`,
  },
};

function project(runner: string): string {
  const root = mkdtempSync(join(tmpdir(), `gremlins-warm-${runner}-`));
  dirs.push(root);
  mkdirSync(join(root, "src"));
  mkdirSync(join(root, "test"));
  symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: `warm-${runner}`, type: "commonjs" }));
  writeFileSync(join(root, "src/add.js"), SOURCE);
  for (const [file, text] of Object.entries(TESTS[runner] ?? {})) writeFileSync(join(root, file), text);
  return root;
}

function start(runner: string, command: string, extraFiles: Record<string, string> = {}): WarmProcess {
  const root = project(runner);
  for (const [file, text] of Object.entries(extraFiles)) writeFileSync(join(root, file), text);
  const read = readRunnerCommand(root, command);
  if ("reason" in read) throw new Error(read.reason);
  const config = warmConfig(root, read, []);
  if ("reason" in config) throw new Error(config.reason);
  const path = `${join(REPO, "node_modules/.bin")}:${process.env.PATH}`;
  const proc = new WarmProcess(config, { ...process.env, PATH: path }, root, nodeOn(path));
  procs.push(proc);
  return proc;
}

const run = (proc: WarmProcess, files: string[], active = 0, extra: { hitLimit?: number; timeoutMs?: number } = {}) =>
  proc.run({ files, active, hitLimit: extra.hitLimit ?? 0, bail: true, timeoutMs: extra.timeoutMs ?? 20_000 });

describe.each([
  ["mocha", "mocha", "add.spec.js", "spin.spec.js", "hang.spec.js", "linger.spec.js"],
  ["uvu", "uvu test", "add.test.js", "spin.test.js", "hang.test.js", "linger.test.js"],
  ["tape", "tape test/*.test.js", "add.test.js", "spin.test.js", "hang.test.js", "linger.test.js"],
  ["vitest", "vitest run", "add.test.js", "spin.test.js", "hang.test.js", "linger.test.js"],
  ["jest", "jest", "add.test.js", "spin.test.js", "hang.test.js", "linger.test.js"],
])("warm %s", (runner, command, addFile, spinFile, hangFile, lingerFile) => {
  const proc = start(runner, command);
  const add = `test/${addFile}`;

  test("passes, counts the tests, and counts them again on the next run", async () => {
    const first = await run(proc, [add]);
    expect(first.result.exitCode).toBe(0);
    expect(first.tests).toBe(2);
    const again = await run(proc, [add]);
    expect(again.result.exitCode).toBe(0);
    expect(again.tests).toBe(2);
  }, 30_000);

  test("the active gremlin is switched per run, also in code run at module load", async () => {
    const flipped = await run(proc, [add], 1);
    expect(flipped.result.exitCode).toBe(1);
    expect(flipped.result.output).toContain("adds two numbers");
    expect((await run(proc, [add], 0)).result.exitCode).toBe(0);
    expect((await run(proc, [add], 2)).result.exitCode).toBe(1);
    expect((await run(proc, [add], 0)).result.exitCode).toBe(0);
  }, 30_000);

  test("the hit limit is reported", async () => {
    const limited = await run(proc, [`test/${spinFile}`], 3, { hitLimit: 10 });
    expect(limited.hitLimit).toBe(true);
    expect(limited.result.exitCode).not.toBe(0);
  }, 30_000);

  test("handles a run leaves open are counted (a fresh process would wait for them); none after a clean run", async () => {
    expect((await run(proc, [add])).lingering).toBe(0);
    const left = await run(proc, [`test/${lingerFile}`]);
    expect(left.result.exitCode).toBe(0);
    // vitest ends each file's worker itself, as `vitest run` does: nothing is left to wait for.
    if (runner === "vitest") expect(left.lingering).toBe(0);
    else expect(left.lingering).toBeGreaterThan(0);
  }, 30_000);

  test("a run counts only the chosen files' tests, whatever ran before", async () => {
    await run(proc, [`test/${spinFile}`]);
    const both = await run(proc, [add, `test/${spinFile}`]);
    expect(both.tests).toBe(3);
    expect((await run(proc, [add])).tests).toBe(2);
  }, 30_000);

  test("a run past its time limit is ended; the next run gets a new process", async () => {
    const hung = await run(proc, [`test/${hangFile}`], 0, { timeoutMs: 1500 });
    expect(hung.result.timedOut).toBe(true);
    const after = await run(proc, [add]);
    expect(after.result.exitCode).toBe(0);
    expect(after.tests).toBe(2);
  }, 30_000);
});

describe.each([
  ["jest", "jest"],
  ["vitest", "vitest run"],
])("warm %s: bail", (runner, command) => {
  test("with bail, no file runs after a failing one, as with the fresh run's --bail (a later file that hangs is not reached)", async () => {
    const proc = start(runner, command);
    expect((await run(proc, ["test/add.test.js"])).result.exitCode).toBe(0);
    const bailed = await run(proc, ["test/add.test.js", "test/hang.test.js"], 1, { timeoutMs: 10_000 });
    expect(bailed.result.timedOut).toBeFalsy();
    expect(bailed.result.exitCode).toBe(1);
    expect((await run(proc, ["test/add.test.js"])).tests).toBe(2);
  }, 30_000);
});

describe("warm vitest: bail within a file", () => {
  test("with bail, a file's tests stop at its first failure, as under the fresh run's --bail=1 (a later test that hangs is not reached)", async () => {
    const proc = start("vitest", "vitest run", {
      "test/fail-hang.test.js": `import { expect, test } from "vitest"; import lib from "../src/add.js";
test("adds two numbers", () => expect(lib.add(2, 3)).toBe(5)); test("never ends", () => { for (;;) {} });`,
    });
    expect((await run(proc, ["test/add.test.js"])).result.exitCode).toBe(0);
    const bailed = await run(proc, ["test/fail-hang.test.js"], 1, { timeoutMs: 10_000 });
    expect(bailed.result.timedOut).toBeFalsy();
    expect(bailed.result.exitCode).toBe(1);
  }, 30_000);
});

describe("warm jest: the command's own bail", () => {
  test("the command's own --bail holds when gremlins does not bail (--no-bail), and the process lives on (jest's --bail would exit it)", async () => {
    const own = start("jest", "jest --bail");
    const files = ["test/add.test.js", "test/hang.test.js"];
    const bailed = await own.run({ files, active: 1, hitLimit: 0, bail: false, timeoutMs: 10_000 });
    expect(bailed.result.timedOut).toBeFalsy();
    expect(bailed.result.exitCode).toBe(1);
    const next = await run(own, ["test/add.test.js"]);
    expect(next.result.exitCode).toBe(0);
    expect(next.tests).toBe(2);
  }, 30_000);
});

describe("warmConfig", () => {
  const root = project("plan");
  const config = (command: string, files = ["test/a.js"]) => {
    const read = readRunnerCommand(root, command);
    if ("reason" in read) throw new Error(read.reason);
    const made = warmConfig(root, read, files);
    return "reason" in made ? made.reason : made;
  };
  test("mocha's options as on its command line; uvu's and tape's preloads apart", () => {
    expect(config("mocha --reporter spec --check-leaks test/")).toMatchObject({
      runner: "mocha",
      args: ["--reporter", "spec", "--check-leaks"],
      requires: [],
    });
    expect(config("uvu -r esm test -i suites")).toMatchObject({
      runner: "uvu",
      args: ["-i", "suites"],
      requires: ["esm"],
    });
    expect(config("tape -r ./setup.js 'test/*.js'")).toMatchObject({ runner: "tape", requires: ["./setup.js"] });
  });
  test("vitest and jest: options go to their own parsers (vitest's -r is its root); any test file, any module type", () => {
    expect(config("vitest run --config vitest.unit.ts -r sub --project unit", ["test/a.test.ts"])).toMatchObject({
      runner: "vitest",
      args: ["--config", "vitest.unit.ts", "-r", "sub", "--project", "unit"],
      requires: [],
    });
    expect(config("vitest run --no-isolate")).toContain("--no-isolate");
    expect(config("jest --config jest.unit.js -i --ci", ["test/a.test.ts"])).toMatchObject({
      runner: "jest",
      args: ["--config", "jest.unit.js", "-i", "--ci"],
    });
    expect(config("vitest run --shard 1/2")).toContain("--shard");
    writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module" }));
    expect(config("vitest run", ["test/a.test.mts"])).toMatchObject({ runner: "vitest" });
    writeFileSync(join(root, "package.json"), JSON.stringify({ type: "commonjs" }));
  });
  test("what a warm process cannot do as the CLI does stays fresh, with the reason", () => {
    expect(config("mocha --require ts-node/register test/")).toContain("--require");
    expect(config("mocha --parallel test/")).toContain("--parallel");
    expect(config("node --test")).toContain("no warm mode");
    expect(config("jest --coverage")).toContain("--coverage");
    expect(config("jest --watch")).toContain("--watch");
    expect(config("mocha test/", ["test/a.mjs"])).toContain("CommonJS");
  });
  test('"type": "module" projects stay fresh', () => {
    writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module" }));
    expect(config("mocha test/")).toContain('"type": "module"');
    writeFileSync(join(root, "package.json"), JSON.stringify({ type: "commonjs" }));
  });
});

describe("warm mocha: per-test coverage and selection", () => {
  const proc = start("mocha", "mocha");
  test("a cover run names the tests reaching each gremlin, and code run at load as outside any test", async () => {
    const covered = await proc.run({
      files: ["test/add.spec.js"],
      active: 0,
      hitLimit: 0,
      bail: false,
      cover: true,
      timeoutMs: 20_000,
    });
    expect(covered.result.exitCode).toBe(0);
    expect(covered.reached?.["1"]?.sort()).toEqual(["add adds two numbers", "add adds zero"]);
    expect(covered.reached?.["2"]).toContain("");
  }, 30_000);
  test("grep runs only the named tests", async () => {
    const zero = await proc.run({
      files: ["test/add.spec.js"],
      active: 1,
      hitLimit: 0,
      bail: true,
      grep: ["add adds zero"],
      timeoutMs: 20_000,
    });
    expect(zero.result.exitCode).toBe(0);
    expect(zero.tests).toBe(1);
    expect(zero.result.output).not.toContain("adds two numbers");
    const two = await proc.run({
      files: ["test/add.spec.js"],
      active: 1,
      hitLimit: 0,
      bail: true,
      grep: ["add adds two numbers"],
      timeoutMs: 20_000,
    });
    expect(two.result.exitCode).toBe(1);
  }, 30_000);
});

describe("warm vitest", () => {
  test("a config that turns isolation off is refused: a reused worker would keep the last run's gremlin", async () => {
    const proc = start("vitest", "vitest run", {
      "vitest.config.mjs": "export default { test: { isolate: false } };\n",
    });
    await expect(proc.ensure()).rejects.toThrow("isolate: false");
  }, 30_000);
});

describe.each([
  ["vitest", "vitest run"],
  ["jest", "jest"],
])("warm %s: per-test selection", (runner, command) => {
  const proc = start(runner, command);
  test("a pattern runs only the matching tests (the others count as skipped); the next run without one runs all", async () => {
    const flipped = { files: ["test/add.test.js"], active: 1, hitLimit: 0, bail: true, timeoutMs: 20_000 };
    const zero = await proc.run({ ...flipped, pattern: "(?:^| )(?:adds zero)$" });
    expect(zero.result.exitCode).toBe(0);
    expect(zero.tests).toBe(2);
    expect(zero.result.output).toContain("1 skipped");
    expect(zero.result.output).not.toContain("✓ adds two numbers");
    expect((await proc.run({ ...flipped, pattern: "(?:^| )(?:adds two numbers)$" })).result.exitCode).toBe(1);
    expect((await proc.run(flipped)).result.exitCode).toBe(1);
  }, 30_000);
});
