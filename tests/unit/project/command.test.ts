// The command reader: shell words, prefixes, package.json scripts and && chains, table-driven.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readTestCommand } from "../../../src/project/command.ts";
import { shellSplit } from "../../../src/project/shell-words.ts";

const root = mkdtempSync(join(tmpdir(), "gremlins-command-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(
  join(root, "package.json"),
  JSON.stringify({
    scripts: {
      test: "npm run lint && npm run test:unit",
      lint: "eslint . && prettier --check .",
      "test:unit": "cross-env NODE_ENV=test mocha --reporter spec",
      build: "tsc -p tsconfig.build.json",
      pretest: "npm run build",
      loop: "npm run loop2",
      loop2: "npm run loop",
      "test:ci": "c8 --reporter=lcov npm run test:unit",
      typecheck: "node scripts/check-types.js",
      both: "mocha test/a && mocha test/b",
      "test:watch": "vitest",
      e2e: "node e2e.js",
      "check:type:ts": "tsd && tsc -p tsconfig.ts.json",
      check: "flow check --max-warnings 0",
      "test-api": "node --conditions development test.js",
      "test-coverage": "c8 --100 --check-coverage --reporter lcov -- npm run test-api",
      format: "remark --output -- . && prettier --write -- . && xo --fix",
    },
  }),
);
mkdirSync(join(root, "test"), { recursive: true });
for (const f of ["a.js", "b.js", ".hidden.js"]) writeFileSync(join(root, "test", f), "");
writeFileSync(join(root, "test.js"), 'import test from "node:test";\n');
writeFileSync(join(root, "script.js"), "console.log(1);\n");

describe("shellSplit", () => {
  test.each([
    [`mocha --grep "a b" 'c d' e\\ f`, ["mocha", "--grep", "a b", "c d", "e f"]],
    [`tape "test/**/*.js"`, ["tape", "test/**/*.js"]],
    [`a&&b`, ["a", "&&", "b"]],
    [`echo "x\\"y"`, ["echo", 'x"y']],
    [`mocha # a comment`, ["mocha"]],
  ])("%s", (command, words) => {
    const split = shellSplit(command);
    if ("problem" in split) throw new Error(split.problem);
    expect(split.tokens.map((t) => ("word" in t ? t.word.text : t.op))).toEqual(words);
  });
  test("expansions are refused", () => {
    expect(shellSplit("mocha $FILES")).toEqual({ problem: expect.stringContaining("expansion") });
    expect(shellSplit('mocha "$(ls)"')).toEqual({ problem: expect.stringContaining("expansion") });
    expect(shellSplit("mocha 'x")).toEqual({ problem: expect.stringContaining("unterminated") });
  });
  test("unquoted globs are marked", () => {
    const split = shellSplit(`tape test/*.js 'q/*.js'`);
    expect("tokens" in split && split.tokens.map((t) => "word" in t && t.word.glob)).toEqual([false, true, false]);
  });
});

type Row = [
  command: string,
  framework: string | null,
  args: string[],
  runner: string | null,
  setup: string[],
  skipped: string[],
];
const rows: Row[] = [
  [
    "mocha --reporter spec --check-leaks test/",
    "mocha",
    ["--reporter", "spec", "--check-leaks", "test/"],
    "mocha --reporter spec --check-leaks test/",
    [],
    [],
  ],
  ["uvu -r esm test -i suites", "uvu", ["-r", "esm", "test", "-i", "suites"], "uvu -r esm test -i suites", [], []],
  ["uvu", "uvu", [], "uvu", [], []],
  [
    "node --conditions development --test test.js",
    "node-test",
    ["--conditions", "development", "--test", "test.js"],
    "node --conditions development --test test.js",
    [],
    [],
  ],
  ["node test.js", "node-test", ["test.js"], "node test.js", [], []],
  [
    "pnpm lint && vitest run --typecheck",
    "vitest",
    [],
    "vitest run",
    [],
    ["eslint .", "prettier --check .", "vitest --typecheck"],
  ],
  ["npm run test:unit", "mocha", ["--reporter", "spec"], "NODE_ENV=test mocha --reporter spec", [], []],
  ["cross-env NODE_ENV=test mocha", "mocha", [], "NODE_ENV=test mocha", [], []],
  ["nyc tape 'test/**/*.js'", "tape", ["test/**/*.js"], "tape 'test/**/*.js'", [], []],
  ["nyc --reporter lcov --reporter=text tape test/*.js", "tape", ["test/a.js", "test/b.js"], "tape test/*.js", [], []],
  // sh has no globstar: test/**/*.js is test/*/*.js, which matches nothing here, so tape gets the pattern.
  ["tape test/**/*.js", "tape", ["test/**/*.js"], "tape test/**/*.js", [], []],
  ["c8 uvu", "uvu", [], "uvu", [], []],
  ["xo && c8 ava --verbose && tsd", "ava", ["--verbose"], "ava --verbose", [], ["xo", "tsd"]],
  ["npx mocha", "mocha", [], "mocha", [], []],
  ["npx --no-install jest --ci", "jest", ["--ci"], "jest --ci", [], []],
  ["pnpm exec vitest run", "vitest", [], "vitest run", [], []],
  ["pnpm vitest run", "vitest", [], "vitest run", [], []],
  ["yarn jest", "jest", [], "jest", [], []],
  ["bunx vitest", "vitest", [], "vitest", [], []],
  ["bun test --timeout 10000", "bun", ["--timeout", "10000"], "bun test --timeout 10000", [], []],
  ["bun run test:unit", "mocha", ["--reporter", "spec"], "NODE_ENV=test mocha --reporter spec", [], []],
  [
    "npm test",
    "mocha",
    ["--reporter", "spec"],
    "NODE_ENV=test mocha --reporter spec",
    ["tsc -p tsconfig.build.json"],
    ["eslint .", "prettier --check ."],
  ],
  [
    "npm run test:unit -- --grep x",
    "mocha",
    ["--reporter", "spec", "--grep", "x"],
    "NODE_ENV=test mocha --reporter spec --grep x",
    [],
    [],
  ],
  [
    "pnpm run test:unit --bail",
    "mocha",
    ["--reporter", "spec", "--bail"],
    "NODE_ENV=test mocha --reporter spec --bail",
    [],
    [],
  ],
  ["npm run test:ci", "mocha", ["--reporter", "spec"], "NODE_ENV=test mocha --reporter spec", [], []],
  ["tsc --noEmit && jest", "jest", [], "jest", [], ["tsc --noEmit"]],
  [
    "rimraf dist && tsc -b && mocha dist/test",
    "mocha",
    ["dist/test"],
    "mocha dist/test",
    ["rimraf dist", "tsc -b"],
    [],
  ],
  ["npm run build && mocha", "mocha", [], "mocha", ["tsc -p tsconfig.build.json"], []],
  ["npm run typecheck && mocha", "mocha", [], "mocha", [], ["node scripts/check-types.js"]],
  ["mocha && eslint .", "mocha", [], "mocha", [], ["eslint ."]],
  ["vitest run && c8 report", "vitest", [], "vitest run", [], ["c8 report"]],
  [
    "biome check . && oxlint && xo && standard && bun test",
    "bun",
    [],
    "bun test",
    [],
    ["biome check .", "oxlint", "xo", "standard"],
  ],
  ["NODE_OPTIONS='--max-old-space-size=4096' jest", "jest", [], "NODE_OPTIONS=--max-old-space-size=4096 jest", [], []],
  ["env FOO='a b' node --test", "node-test", ["--test"], "FOO='a b' node --test", [], []],
  ["./node_modules/.bin/mocha test/a.js", "mocha", ["test/a.js"], "./node_modules/.bin/mocha test/a.js", [], []],
  ["deno test -A", "deno", ["-A"], "deno test -A", [], []],
  ["npm run test:watch", "vitest", [], "vitest", [], []],
  // Real commands of the training set (commander.js, markdown-table, dataloader).
  [
    "node --test && npm run check:type:ts",
    "node-test",
    ["--test"],
    "node --test",
    [],
    ["tsd", "tsc -p tsconfig.ts.json"],
  ],
  [
    "npm run format && npm run test-coverage",
    "node-test",
    ["--conditions", "development", "test.js"],
    "node --conditions development test.js",
    [],
    ["remark --output -- .", "prettier --write -- .", "xo --fix"],
  ],
  ["npm run check && mocha", "mocha", [], "mocha", [], ["flow check --max-warnings 0"]],
  // nanoid's CI command: better-node-test, node --test behind a wrapper.
  ["bnt", "node-test", [], "bnt", [], []],
  [
    "bnt --coverage 100 --coverage-exclude 'test/*'",
    "node-test",
    ["--coverage", "100", "--coverage-exclude", "test/*"],
    "bnt --coverage 100 --coverage-exclude 'test/*'",
    [],
    [],
  ],
];

describe("readTestCommand", () => {
  test.each(rows)("%s", (command, framework, args, runner, setup, skipped) => {
    const reading = readTestCommand(root, command);
    expect<string | null>(reading.runner?.framework ?? null).toBe(framework);
    if (framework) {
      expect(reading.problem).toBeUndefined();
      expect(reading.runner?.args).toEqual(args);
      expect(reading.runner?.command ?? null).toBe(runner);
    }
    expect(reading.setup.map((s) => s.command)).toEqual(setup);
    expect(reading.skipped.map((s) => s.command)).toEqual(skipped);
  });

  test.each([
    ["npm run loop", "calls itself (loop → loop2 → loop)"],
    ["npm run both", "runs two test steps"],
    ["mocha && node e2e.js", 'runs "node e2e.js" after the tests'],
    ["mocha | tee out.txt", 'uses "|"'],
    ["jest || true", 'uses "||"'],
    ["npm run nope", 'no "nope" script'],
    ["make test", "not a runner the built-in harness knows"],
    ["pnpm -r test", "not a runner"],
    ["npx -p mocha mocha", "installs packages"],
    ["pnpm run /^test:/", "every script matching a pattern"],
    ["node script.js", "not a runner"],
    ["nyc -i esm mocha", "nyc -i"],
  ])("%s → %s", (command, problem) => {
    const reading = readTestCommand(root, command);
    expect(reading.runner).toBeNull();
    expect(reading.problem).toContain(problem);
  });

  test("env from prefixes reaches the runner step", () => {
    expect(readTestCommand(root, "A=1 cross-env B=2 npx mocha").runner?.env).toEqual({ A: "1", B: "2" });
  });

  test("build and setup kinds", () => {
    expect(readTestCommand(root, "rimraf dist && tsc -b && mocha").setup.map((s) => s.kind)).toEqual([
      "setup",
      "build",
    ]);
  });
});
