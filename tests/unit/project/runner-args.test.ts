// The words after `vitest run` / `jest`: honoured, ignored (output, coverage, workers) or the reason to spawn.
import { describe, expect, test } from "bun:test";
import { readRunnerArgs, type RunnerArgs } from "../../../src/project/runner-args.ts";

describe("readRunnerArgs", () => {
  test.each([
    [
      "vitest",
      [
        "--config",
        "vitest.unit.ts",
        "--root=pkg",
        "--dir",
        "src",
        "--testTimeout=3000",
        "math",
        "--exclude",
        "a/**",
        "--exclude=b.test.ts",
      ],
      {
        config: "vitest.unit.ts",
        root: "pkg",
        dir: "src",
        testTimeoutMs: 3000,
        filters: ["math"],
        exclude: ["a/**", "b.test.ts"],
        notes: [],
      },
    ],
    [
      "vitest",
      ["--reporter", "dot", "--coverage.enabled", "true", "--bail=1"],
      {
        filters: [],
        notes: [
          "ignored --reporter (output, coverage, watch mode or worker spreading only)",
          "ignored --coverage.enabled (output, coverage, watch mode or worker spreading only)",
          "ignored --bail (output, coverage, watch mode or worker spreading only)",
        ],
      },
    ],
    [
      "jest",
      ["-c", "jest.unit.js", "--testPathPattern", "unit/", "--ci", "-i", "--env=node"],
      {
        config: "jest.unit.js",
        filters: ["unit/"],
        notes: [
          "ignored --ci (output, coverage, watch mode or worker spreading only)",
          "ignored -i (output, coverage, watch mode or worker spreading only)",
        ],
      },
    ],
    [
      "jest",
      ["--color=true"],
      {
        env: { FORCE_COLOR: "1" },
        filters: [],
        notes: ["honoured --color=true: the tests' matcher messages are coloured, as under jest"],
      },
    ],
    [
      "jest",
      ["--colors", "--no-color"],
      {
        env: { FORCE_COLOR: "0" },
        filters: [],
        notes: [
          "honoured --colors: the tests' matcher messages are coloured, as under jest",
          "honoured --no-color: the tests' matcher messages are not coloured, as under jest",
        ],
      },
    ],
  ] as ["vitest" | "jest", string[], RunnerArgs][])("%s %j", (runner, args, expected) => {
    expect(readRunnerArgs(runner, args)).toEqual(expected);
  });
  test.each([
    [
      "vitest",
      ["--environment", "jsdom"],
      "vitest option --environment jsdom (the built-in harness runs tests in node only)",
    ],
    ["vitest", ["--typecheck"], "vitest option --typecheck is not honoured by the built-in harness"],
    ["jest", ["--rootDir", "x"], "jest option --rootDir is not honoured by the built-in harness"],
    ["jest", ["--testTimeout", "soon"], "jest option --testTimeout=soon is not a number"],
    ["jest", ["--config"], "jest option --config has no value"],
  ] as ["vitest" | "jest", string[], string][])("%s %j → reason", (runner, args, reason) => {
    expect(readRunnerArgs(runner, args)).toEqual({ reason });
  });
});
