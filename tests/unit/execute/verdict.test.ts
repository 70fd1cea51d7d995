// Verdict classification: exit codes, time and hit limits, start failures, and the failing test's
// name extracted from real output of each common runner (samples/ were captured from the runners).
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { classify, failingTestName } from "../../../src/execute/verdict.ts";
import type { SpawnResult } from "../../../src/execute/spawn.ts";

const sample = (name: string): string => readFileSync(join(import.meta.dir, "samples", `${name}.txt`), "utf8");

function result(over: Partial<SpawnResult>): SpawnResult {
  return { exitCode: 0, signal: null, output: "", timedOut: false, durationMs: 10, ...over };
}

describe("failingTestName on real runner output", () => {
  test.each([
    ["bun", "cart > adds totals"],
    ["node", "adds totals"],
    ["vitest", "cart > adds totals"],
    ["jest", "cart › adds totals"],
    ["mocha", "adds totals"],
    ["uvu", "adds totals"],
    ["tape", "adds totals: should be strictly equal"],
    ["deno", "adds totals"],
  ])("%s", (runner, name) => {
    expect(failingTestName(sample(runner))).toBe(name);
  });

  test.each([
    ["✖ sums prices (1.5ms)", "sums prices"],
    ["not ok 3 - rounds down # time=2ms", "rounds down"],
    ["  ✕ handles empty cart (3 ms)", "handles empty cart"],
    ["\u001b[31m(fail)\u001b[39m money > formats [0.10ms]", "money > formats"],
    ["  ✘ [fail]: names › shouting a greeting", "names › shouting a greeting"],
    ["  ✘ [fail]: rounds down (1.2s)", "rounds down"],
    ["  ✘ [fail]: initials with extra spaces Error thrown in test", "initials with extra spaces"],
  ])("line %j", (line, name) => {
    expect(failingTestName(`some preamble\n${line}\nmore`)).toBe(name);
  });

  test("no name in unrelated output", () => {
    expect(failingTestName("Error: something broke\n  at foo (x.js:1:1)\n")).toBeNull();
    expect(failingTestName("  ● Console\n\n    console.log\n")).toBeNull();
  });
});

describe("classify", () => {
  test.each([
    ["exit 0 survives", result({ exitCode: 0 }), false, "Survived", "all tests passed"],
    ["non-zero exit without a name", result({ exitCode: 3, output: "boom" }), false, "Killed", "exit code 3"],
    ["killed by a signal", result({ exitCode: null, signal: "SIGSEGV" }), false, "Killed", "killed by SIGSEGV"],
    ["named failing test", result({ exitCode: 1, output: "(fail) a > b [1.00ms]" }), false, "Killed", "a > b"],
    [
      "time limit",
      result({ exitCode: null, signal: "SIGKILL", timedOut: true }),
      false,
      "Timeout",
      "time limit of 1234 ms exceeded",
    ],
    [
      "a failing test reported before the time limit: the runner then hung, the test still failed",
      result({
        exitCode: null,
        signal: "SIGKILL",
        timedOut: true,
        output: "  parser\n    ✓ accepts\n    1) rejects empty\n",
      }),
      false,
      "Killed",
      "rejects empty (then the test command did not end within 1234 ms)",
    ],
    [
      "hit limit marker beats exit code",
      result({ exitCode: 1, output: "(fail) x [1ms]" }),
      true,
      "Timeout",
      "hit limit reached (likely an infinite loop)",
    ],
    [
      "could not start",
      result({ exitCode: null, startError: "spawn sh ENOENT" }),
      false,
      "RuntimeError",
      "the test command could not start: spawn sh ENOENT",
    ],
  ] as const)("%s", (_, res, hitLimit, status, reason) => {
    const verdict = classify({ result: res, hitLimit, timeoutMs: 1234 });
    expect(verdict.status).toBe(status);
    expect(verdict.statusReason).toBe(reason);
  });

  test("killedBy carries the test name only when one was found", () => {
    expect(
      classify({ result: result({ exitCode: 1, output: "not ok 1 - t1" }), hitLimit: false, timeoutMs: 1 }).killedBy,
    ).toBe("t1");
    expect(classify({ result: result({ exitCode: 1 }), hitLimit: false, timeoutMs: 1 }).killedBy).toBeUndefined();
  });
});

test("the failing test is named through the runner's colour codes", () => {
  const output = "\u001b[1m\u001b[31m(fail)\u001b[39m suite > t1\u001b[22m \u001b[2m[1.20ms]\u001b[22m";
  expect(classify({ result: result({ exitCode: 1, output }), hitLimit: false, timeoutMs: 1 }).killedBy).toBe(
    "suite > t1",
  );
});
