// Taking test commands apart for per-file selection: runner, options (with their values) and file
// words; rebuilding them for chosen files with the runner's bail flag; commands left whole.
import { describe, expect, test } from "bun:test";
import { afterAll } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  commandFor,
  readRunnerCommand,
  shellQuote,
  type RunnerCommand,
} from "../../../../src/execute/select/runner-command.ts";

const root = mkdtempSync(join(tmpdir(), "gremlins-select-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const parseRunnerCommand = (command: string, dir = root): RunnerCommand | null => {
  const read = readRunnerCommand(dir, command);
  return "reason" in read ? null : read;
};

describe("readRunnerCommand", () => {
  test.each([
    [
      "mocha --reporter spec --check-leaks test/",
      "mocha",
      ["mocha"],
      ["--reporter", "spec", "--check-leaks"],
      ["test/"],
    ],
    [
      "mocha --require test/support/env.js test/ test/acceptance/",
      "mocha",
      ["mocha"],
      ["--require", "test/support/env.js"],
      ["test/", "test/acceptance/"],
    ],
    ["mocha --spec test/a.js --ui=tdd", "mocha", ["mocha"], ["--ui=tdd"], ["test/a.js"]],
    ["npx uvu -r esm test -i suites", "uvu", ["uvu"], ["-r", "esm", "-i", "suites"], ["test"]],
    ["tape 'test/**/*.js'", "tape", ["tape"], [], ["test/**/*.js"]],
    ["nyc --reporter=lcov mocha test/", "mocha", ["mocha"], [], ["test/"]],
    [
      "node --conditions dev --test --test-reporter spec tests/",
      "node-test",
      ["node", "--conditions", "dev", "--test"],
      ["--test-reporter", "spec"],
      ["tests/"],
    ],
    ["NODE_ENV=test jest -c jest.config.js src", "jest", ["NODE_ENV=test", "jest"], ["-c", "jest.config.js"], ["src"]],
    ["vitest", "vitest", ["vitest", "run"], [], []],
    ["pnpm vitest run test/x", "vitest", ["vitest", "run"], [], ["test/x"]],
    // The value of vitest's --test-timeout stays with it (it was read as a file filter before).
    ["vitest run --test-timeout 100 test/x", "vitest", ["vitest", "run"], ["--test-timeout", "100"], ["test/x"]],
    ["bun test --timeout 100 ./test", "bun", ["bun", "test"], ["--timeout", "100"], ["./test"]],
    ["deno test -A --allow-read=. tests/", "deno", ["deno", "test"], ["-A", "--allow-read=."], ["tests/"]],
    ["ava --verbose -m 'adds*' -c 2 test/*.js", "ava", ["ava"], ["--verbose", "-m", "adds*", "-c", "2"], ["test/*.js"]],
    ["xo && ava && tsd", "ava", ["ava"], [], []],
  ] as const)("%s", (command, runner, head, options, specs) => {
    expect(parseRunnerCommand(command)).toEqual({ runner, head: [...head], options: [...options], specs: [...specs] });
  });

  test.each([
    "mocha test | tee out",
    "node test/run.js",
    "make test",
    "mocha -- test",
    "FOO=$BAR mocha",
    "mocha test && node after.js",
    "ava --watch",
    "ava -u",
    "ava test.js:12",
  ])("left whole: %s", (command) => {
    expect(parseRunnerCommand(command)).toBeNull();
  });
});

describe("commandFor", () => {
  const parse = (command: string) => parseRunnerCommand(command)!;
  test("mocha: options kept, specs replaced, bail before the files", () => {
    expect(commandFor(parse("mocha --reporter spec test/"), ["test/b.js", "test/a.js"], true)).toBe(
      "mocha --reporter spec --bail test/b.js test/a.js",
    );
    expect(commandFor(parse("mocha --reporter spec test/"), ["test/a.js"], false)).toBe(
      "mocha --reporter spec test/a.js",
    );
  });
  test("jest runs exact paths", () => {
    expect(commandFor(parse("jest src"), ["src/a.test.js"], true)).toBe("jest --bail --runTestsByPath src/a.test.js");
  });
  test("vitest, bun, deno, node, tape", () => {
    expect(commandFor(parse("vitest run"), ["t/a.test.ts"], true)).toBe("vitest run --bail=1 t/a.test.ts");
    expect(commandFor(parse("bun test"), ["t/a.test.ts"], true)).toBe("bun test --bail ./t/a.test.ts");
    expect(commandFor(parse("deno test -A"), ["a_test.ts"], true)).toBe("deno test -A --fail-fast a_test.ts");
    expect(commandFor(parse("node --test"), ["t/a.test.js"], true)).toBe("node --test t/a.test.js");
    expect(commandFor(parse("tape 'test/*.js'"), ["test/a b.js"], true)).toBe("tape 'test/a b.js'");
    expect(commandFor(parse("ava --verbose"), ["test/a.js", "test/b.js"], true)).toBe(
      "ava --verbose --fail-fast test/a.js test/b.js",
    );
    expect(commandFor(parse("ava --fail-fast"), ["test/a.js"], false)).toBe("ava --fail-fast test/a.js");
  });
  test("uvu: the directory stays, the pattern names the files exactly, the bail flag goes last", () => {
    expect(commandFor(parse("uvu -r esm test -i suites"), ["test/full.js", "test/sub/x.js"], true)).toBe(
      "uvu -r esm -i suites test '^(?:full\\.js|sub/x\\.js)$' --bail",
    );
    expect(commandFor(parse("uvu"), ["test/a.js"], false)).toBe("uvu . '^(?:test/a\\.js)$'");
  });
  test("a bail flag already in the command is not doubled", () => {
    expect(commandFor(parse("mocha --bail test"), ["test/a.js"], true)).toBe("mocha --bail test/a.js");
  });
});

test("shellQuote quotes only what needs it", () => {
  expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  expect(shellQuote("test/a.js")).toBe("test/a.js");
});

test("package scripts and lint steps: the runner's step is what is taken apart", () => {
  const dir = mkdtempSync(join(root, "scripts-"));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ scripts: { test: "eslint . && npm run unit", unit: "uvu test" } }),
  );
  expect(parseRunnerCommand("npm test", dir)).toEqual({ runner: "uvu", head: ["uvu"], options: [], specs: ["test"] });
});
