// Each runner's option table and config reader, on small trees written at test time.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { readBunTest } from "../../../src/project/bun-test.ts";
import { readFlatYaml, readJsonc } from "../../../src/project/mocha-config.ts";
import { readMocha } from "../../../src/project/mocha.ts";
import { readNodeTest } from "../../../src/project/node-test.ts";
import { readBnt } from "../../../src/project/bnt.ts";
import { readSimpleToml } from "../../../src/project/toml.ts";
import { readTape } from "../../../src/project/tape.ts";
import { readUvu } from "../../../src/project/uvu.ts";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project with these files (path → text). */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "gremlins-runner-"));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const read = (fn: typeof readMocha, root: string, command: string) => fn(root, command, command.split(" ").slice(1));

describe("mocha", () => {
  const tree = {
    "test/a.spec.js": "",
    "test/b.spec.js": "",
    "test/.hidden.js": "",
    "test/deep/c.spec.js": "",
    "test/deep/d.ts": "",
    "test/acceptance/e.js": "",
    "test/support/env.js": "",
    "test/setup.js": "",
  };
  const root = project(tree);

  test("default spec ./test, one level, js/cjs/mjs, no dot files", () => {
    expect(read(readMocha, root, "mocha")).toMatchObject({
      files: ["test/a.spec.js", "test/b.spec.js", "test/setup.js"],
    });
  });
  test("--recursive, --extension, --ignore, --file first", () => {
    const r = read(
      readMocha,
      root,
      "mocha --recursive --extension ts --ignore test/deep/c.spec.js --file test/setup.js",
    );
    expect(r).toMatchObject({ files: ["test/setup.js", "test/deep/d.ts"] });
  });
  test("the real command lines of the issue", () => {
    expect(read(readMocha, root, "mocha --reporter spec --check-leaks test/")).toMatchObject({
      files: ["test/a.spec.js", "test/b.spec.js", "test/setup.js"],
      leakCheck: { allowed: [] },
    });
    expect(
      read(readMocha, root, "mocha --require test/support/env --reporter spec --check-leaks test/ test/acceptance/"),
    ).toMatchObject({
      files: ["test/a.spec.js", "test/b.spec.js", "test/setup.js", "test/acceptance/e.js"],
      preload: ["./test/support/env"],
    });
  });
  test("globs, --ui tdd, --timeout forms, packages in --require, --globals", () => {
    expect(
      read(
        readMocha,
        root,
        "mocha test/**/*.spec.js --ui tdd -t 5s -r source-map-support/register --globals a,b --check-leaks",
      ),
    ).toMatchObject({
      files: ["test/a.spec.js", "test/b.spec.js", "test/deep/c.spec.js"],
      ui: "tdd",
      testTimeoutMs: 5000,
      preload: ["source-map-support/register"],
      leakCheck: { allowed: ["a", "b"] },
    });
    expect(read(readMocha, root, "mocha --no-timeout")).toMatchObject({ testTimeoutMs: 0 });
    expect(read(readMocha, root, "mocha --timeout=0")).toMatchObject({ testTimeoutMs: 0 });
  });
  test.each([
    ["mocha --grep foo", '"mocha --grep foo": mocha option --grep is not supported by the built-in harness'],
    ["mocha --parallel", '"mocha --parallel": mocha option --parallel is not supported by the built-in harness'],
    ["mocha --watch", '"mocha --watch": mocha option --watch is not supported by the built-in harness'],
    ["mocha --frobnicate", '"mocha --frobnicate": mocha option --frobnicate is not supported by the built-in harness'],
    [
      "mocha --ui qunit",
      '"mocha --ui qunit": mocha --ui qunit is not supported by the built-in harness (bdd and tdd are)',
    ],
    ["mocha nope/", 'mocha finds no test files for the spec "nope/"'],
  ])("%s → fallback reason", (command, reason) => {
    expect(read(readMocha, root, command)).toEqual({ reason });
  });
  test("harmless options are noted, not refused", () => {
    const r = read(readMocha, root, "mocha -R dot --exit --bail --colors --slow 10 --forbid-only --no-watch");
    expect(r).toMatchObject({ files: expect.any(Array) });
    expect("notes" in r && r.notes).toContain("ignored --reporter (output only: reporter)");
  });

  test.each([
    [".mocharc.json", `{ "spec": ["test/deep"], "ui": "tdd", "require": ["test/support/env"], "timeout": 3000 }`],
    [
      ".mocharc.jsonc",
      `{ // comment\n "spec": "test/deep", /* x */ "ui": "tdd", "require": "test/support/env", "timeout": "3s", }`,
    ],
    [".mocharc.yml", `spec: test/deep\nui: tdd\nrequire:\n  - test/support/env\ntimeout: 3000\n`],
    [".mocharc.yaml", `spec: [test/deep]\nui: 'tdd'\nrequire: [test/support/env]\ntimeout: 3000 # ms\n`],
    [
      ".mocharc.js",
      `module.exports = { spec: ["test/deep"], ui: "tdd", require: ["test/support/env"], timeout: 3000 };`,
    ],
    [".mocharc.cjs", `module.exports = { spec: "test/deep", ui: "tdd", require: "test/support/env", timeout: 3000 };`],
    [
      "package.json",
      JSON.stringify({ mocha: { spec: "test/deep", ui: "tdd", require: "test/support/env", timeout: 3000 } }),
    ],
  ])("%s is read", (name, text) => {
    const dir = project({ ...tree, [name]: text });
    expect(read(readMocha, dir, "mocha")).toMatchObject({
      files: ["test/deep/c.spec.js"],
      ui: "tdd",
      preload: ["./test/support/env"],
      testTimeoutMs: 3000,
    });
  });
  test("command line and config combine as in mocha: arrays concatenated, scalars from the command line first", () => {
    const dir = project({ ...tree, ".mocharc.json": `{ "require": "tsx/cjs", "timeout": 100, "spec": "test/deep" }` });
    expect(read(readMocha, dir, "mocha -r test/support/env -t 200 test/a.spec.js")).toMatchObject({
      files: ["test/a.spec.js", "test/deep/c.spec.js"],
      preload: ["./test/support/env", "tsx/cjs"],
      testTimeoutMs: 200,
    });
  });
  test("-r esm: the esm package becomes the test files' loader, not a preload", () => {
    const dir = project({
      ...tree,
      "node_modules/esm/package.json": `{ "name": "esm", "main": "esm.js" }`,
      "node_modules/esm/esm.js": "",
    });
    const r = read(readMocha, dir, "mocha -r esm");
    expect(r).toMatchObject({ esmLoader: expect.stringMatching(/node_modules\/esm\/esm\.js$/) });
    expect(r).not.toHaveProperty("preload");
  });
  test("an unsupported key in a config file names the file", () => {
    const dir = project({ ...tree, ".mocharc.yml": "parallel: true\n" });
    expect(read(readMocha, dir, "mocha")).toEqual({
      reason: ".mocharc.yml: mocha option --parallel is not supported by the built-in harness",
    });
  });
  test("--no-config and --config", () => {
    const dir = project({ ...tree, ".mocharc.yml": "parallel: true\n", "other.json": `{ "ui": "tdd" }` });
    expect(read(readMocha, dir, "mocha --no-config")).toMatchObject({ files: expect.any(Array) });
    expect(read(readMocha, dir, "mocha --config other.json")).toMatchObject({ ui: "tdd" });
  });
});

describe("mocha config formats", () => {
  test("flat YAML", () => {
    expect(readFlatYaml("a: 1\nb: [x, 'y']\nc:\n  - p\n  - q\nd: true\ne: \"s\"\n")).toEqual({
      a: 1,
      b: ["x", "y"],
      c: ["p", "q"],
      d: true,
      e: "s",
    });
    expect(readFlatYaml("a: {b: 1}\n")).toContain("YAML syntax");
  });
  test("JSONC keeps // inside strings", () => {
    expect(readJsonc(`{"a": "http://x", /* c */ "b": [1,],}`)).toEqual({ a: "http://x", b: [1] });
  });
});

describe("uvu", () => {
  const root = project({
    "test/a.js": "",
    "test/suites/helper.js": "",
    "test/b.test.mjs": "",
    "src/index.js": "",
    "src/x.test.js": "",
    "src/y.spec.ts": "",
    "benchmarking/compare/runner.js": "",
    "tests/c.js": "",
    "__tests__/d.js": "",
    "test.js": "",
    "node_modules/p/test/e.js": "",
    ".git/test/f.js": "",
  });
  test("bare uvu takes only test files (uvu's default pattern), never a benchmark script", () => {
    expect(read(readUvu, root, "uvu")).toMatchObject({
      files: [
        "__tests__/d.js",
        "src/x.test.js",
        "src/y.spec.ts",
        "test.js",
        "test/a.js",
        "test/b.test.mjs",
        "test/suites/helper.js",
        "tests/c.js",
      ],
    });
  });
  test("dir: every JS file below it; -i patterns skip files and folders; -r preloads", () => {
    expect(read(readUvu, root, "uvu -r esm -r dotenv/config test -i suites")).toMatchObject({
      files: ["test/a.js", "test/b.test.mjs"],
      preload: ["dotenv/config"],
      esmLoader: "esm",
    });
  });
  test("uvu's --color (on by default) sets FORCE_COLOR for the tests; --no-color does not", () => {
    expect(read(readUvu, root, "uvu test")).toMatchObject({ env: { FORCE_COLOR: "1" } });
    expect(read(readUvu, root, "uvu test --no-color")).not.toHaveProperty("env");
  });
  test("dir and pattern (case-insensitive, against the path below dir)", () => {
    expect(read(readUvu, root, "uvu src \\.TEST\\.js$")).toMatchObject({ files: ["src/x.test.js"] });
    expect(read(readUvu, root, "uvu test -b -c")).toMatchObject({
      files: ["test/a.js", "test/b.test.mjs", "test/suites/helper.js"],
    });
  });
  test("unknown options give the reason", () => {
    expect(read(readUvu, root, "uvu --watch")).toEqual({
      reason: '"uvu --watch": uvu option --watch is not supported by the built-in harness',
    });
  });
});

describe("tape", () => {
  const root = project({ "test/a.js": "", "test/b.js": "", "test/x/c.js": "", "setup.js": "" });
  test("globs, files without extension, -r modules", () => {
    expect(read(readTape, root, "tape test/**/*.js test/a -r ./setup.js -r esm")).toMatchObject({
      files: ["test/a.js", "test/b.js", "test/x/c.js"],
      preload: ["./setup.js", "esm"],
    });
  });
  test("ignore files fall back", () => {
    expect(read(readTape, root, "tape -i .gitignore test/*.js")).toEqual({
      reason: '"tape -i .gitignore test/*.js": tape option -i is not supported by the built-in harness',
    });
  });
});

describe("node --test", () => {
  const root = project({
    "test/a.test.js": "",
    "test/helpers/h.js": "",
    "src/b.test.mjs": "",
    "src/c.js": "",
    "test.js": "",
    "setup.cjs": "",
  });
  test("the issue's command: --conditions, a file argument", () => {
    expect(read(readNodeTest, root, "node --conditions development --test test.js")).toMatchObject({
      files: ["test.js"],
      conditions: ["development"],
    });
  });
  test("default patterns, -C, --import/--require order, --test-timeout, harmless flags", () => {
    expect(
      read(
        readNodeTest,
        root,
        "node -C dev --import tsx --require ./setup.cjs --test-timeout=3000 --experimental-vm-modules --enable-source-maps --test-concurrency 1 --test",
      ),
    ).toMatchObject({
      files: ["src/b.test.mjs", "test.js", "test/a.test.js", "test/helpers/h.js"],
      conditions: ["dev"],
      preload: ["./setup.cjs", "tsx"],
      testTimeoutMs: 3000,
    });
  });
  test("directories and globs", () => {
    expect(read(readNodeTest, root, "node --test src")).toMatchObject({ files: ["src/b.test.mjs"] });
    expect(read(readNodeTest, root, "node --test test/**/*.js")).toMatchObject({
      files: ["test/a.test.js", "test/helpers/h.js"],
    });
  });
  test.each(["--loader", "--experimental-loader", "--test-name-pattern", "--watch"])("%s falls back", (option) => {
    const command = `node ${option}${option === "--watch" ? "" : " x"} --test`;
    expect(read(readNodeTest, root, command)).toEqual({
      reason: `"${command}": node option ${option} is not supported by the built-in harness`,
    });
  });
});

describe("bnt (better-node-test)", () => {
  // bnt's own finder: *.test|spec.js|ts at any depth, never in node_modules or .git; not node's test/** pattern.
  const root = project({
    "test/a.test.js": "",
    "test/helpers/h.js": "",
    "test/demo/index.js": "",
    "src/b.spec.js": "",
    "src/c.test.mjs": "",
    "node_modules/x/y.test.js": "",
    ".git/z.test.js": "",
  });
  test("no argument: the files bnt finds, NODE_ENV=test", () => {
    expect(read(readBnt, root, "bnt")).toMatchObject({
      files: ["src/b.spec.js", "test/a.test.js"],
      env: { NODE_ENV: "test" },
    });
  });
  test("file arguments are node --test's; coverage paths and --debug are harmless", () => {
    expect(read(readBnt, root, "bnt --debug --coverage-exclude test/* test/a.test.js")).toMatchObject({
      files: ["test/a.test.js"],
    });
  });
  test.each([
    [
      "bnt --coverage 100",
      "--coverage",
      " (a line-coverage threshold that fails the run (Node >= 22.6; below it bnt exits 1))",
    ],
    ["bnt -t uses", "-t", " (test filtering (node --test-name-pattern))"],
    ["bnt --experimental-vm-modules", "--experimental-vm-modules", ""],
  ])("%s falls back with the reason", (command, option, why) => {
    expect(read(readBnt, root, command)).toEqual({
      reason: `"${command}": bnt option ${option} is not supported by the built-in harness${why}`,
    });
  });
  test("TypeScript test files (tsx or type stripping) fall back", () => {
    const ts = project({ "test/a.test.ts": "" });
    expect(read(readBnt, ts, "bnt")).toEqual({
      reason: expect.stringContaining("runs TypeScript test files (test/a.test.ts)"),
    });
  });
});

describe("bun test", () => {
  test("bunfig.toml [test] preload and root, --timeout, --preload, path filters", () => {
    const root = project({
      "bunfig.toml": `# bun\n[install]\nexact = true\n\n[test]\npreload = [\n  "./setup.ts", # first\n  "./more.ts",\n]\nroot = "src"\ncoverage = true\n`,
      "src/a.test.ts": "",
      "src/b.test.ts": "",
      "other/c.test.ts": "",
      "setup.ts": "",
      "more.ts": "",
    });
    expect(read(readBunTest, root, "bun --timeout 100 --preload ./extra.ts a.test")).toMatchObject({
      files: ["src/a.test.ts"],
      preload: ["./setup.ts", "./more.ts", "./extra.ts"],
      testTimeoutMs: 100,
    });
  });
  test("an unknown [test] key names bunfig.toml", () => {
    const root = project({ "bunfig.toml": `[test]\nrandomize = true\n`, "a.test.ts": "" });
    expect(read(readBunTest, root, "bun")).toEqual({
      reason: "bunfig.toml [test] randomize is not supported by the built-in harness",
    });
  });
  test("TOML subset", () => {
    expect(readSimpleToml(`a = 1\n[t]\nb = ['x', "y#z"] # c\nc = false`)).toEqual({
      "": { a: 1 },
      t: { b: ["x", "y#z"], c: false },
    });
  });
});
