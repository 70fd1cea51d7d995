// Each invalid configuration value becomes one line naming the key, the value and what is allowed.
import { describe, expect, test } from "bun:test";
import { ConfigError } from "../../../src/errors.ts";
import { cliOrigin } from "../../../src/config/index.ts";
import { fileOrigin, validateUserConfig } from "../../../src/config/validate.ts";

const file = fileOrigin("gremlins.config.ts");

function messageOf(raw: unknown, origin = file): string {
  try {
    validateUserConfig(raw, origin);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("validateUserConfig rejects invalid values", () => {
  test.each([
    [
      { workers: "lots" },
      'gremlins.config.ts: workers must be a positive integer, "auto" or a percentage like "50%" (got "lots")',
    ],
    [
      { workers: 0 },
      'gremlins.config.ts: workers must be a positive integer, "auto" or a percentage like "50%" (got 0)',
    ],
    [
      { workers: 1.5 },
      'gremlins.config.ts: workers must be a positive integer, "auto" or a percentage like "50%" (got 1.5)',
    ],
    [
      { workers: "150%" },
      'gremlins.config.ts: workers must be a positive integer, "auto" or a percentage like "50%" (got "150%")',
    ],
    [
      { mutate: 42 },
      'gremlins.config.ts: mutate must be a list of glob patterns like "src/**/*.ts" (prefix "!" to exclude) (got 42)',
    ],
    [
      { mutate: ["src", ""] },
      'gremlins.config.ts: mutate must be a list of glob patterns like "src/**/*.ts" (prefix "!" to exclude) (got ["src",""])',
    ],
    [{ testCommand: "" }, 'gremlins.config.ts: testCommand must be a non-empty command string or null (got "")'],
    [{ timeoutMs: -5 }, "gremlins.config.ts: timeoutMs must be a positive number of milliseconds (got -5)"],
    [{ timeoutMs: "5s" }, 'gremlins.config.ts: timeoutMs must be a positive number of milliseconds (got "5s")'],
    [{ timeoutFactor: 0 }, "gremlins.config.ts: timeoutFactor must be a positive number (got 0)"],
    [{ thresholds: { high: 120 } }, "gremlins.config.ts: thresholds.high must be a number from 0 to 100 (got 120)"],
    [{ thresholds: { low: "x" } }, 'gremlins.config.ts: thresholds.low must be a number from 0 to 100 (got "x")'],
    [
      { thresholds: { break: -1 } },
      "gremlins.config.ts: thresholds.break must be a number from 0 to 100 or null (got -1)",
    ],
    [
      { thresholds: 80 },
      "gremlins.config.ts: thresholds must be an object like { high: 80, low: 60, break: null } (got 80)",
    ],
    [
      { reporters: ["jsno"] },
      'gremlins.config.ts: reporters must be one of progress, clear-text, json, html, markdown (got "jsno") (did you mean `json`?)',
    ],
    [
      { reporters: 3 },
      "gremlins.config.ts: reporters must be a list of reporter names (progress, clear-text, json, html, markdown) (got 3)",
    ],
    [{ reportDir: "" }, 'gremlins.config.ts: reportDir must be a non-empty directory path (got "")'],
    [
      { operators: { include: "x", exclude: [1] } },
      "gremlins.config.ts: operators.exclude must be a list of operator names (got [1])",
    ],
    [
      { executor: "threads" },
      'gremlins.config.ts: executor must be one of auto, thread, spawn (got "threads") (did you mean `thread`?)',
    ],
    [
      { verify: "lots" },
      'gremlins.config.ts: verify must be a count ("20"), a share ("5%", up to "100%"), "0" (off) or "default" (got "lots")',
    ],
    [
      { verify: "150%" },
      'gremlins.config.ts: verify must be a count ("20"), a share ("5%", up to "100%"), "0" (off) or "default" (got "150%")',
    ],
    ["nope", 'gremlins.config.ts: the configuration must be an object (got "nope")'],
  ])("%j", (raw, message) => {
    expect(messageOf(raw)).toBe(message);
  });

  test("unknown keys name the nearest valid key", () => {
    expect(messageOf({ wrokers: 2 })).toStartWith(
      'gremlins.config.ts: unknown key "wrokers" (did you mean `workers`?); valid keys: mutate,',
    );
    expect(messageOf({ thresholds: { hihg: 2 } })).toStartWith(
      'gremlins.config.ts: unknown key "thresholds.hihg" (did you mean `thresholds.high`?)',
    );
    expect(messageOf({ operators: { exlude: [] } })).toContain("(did you mean `operators.exclude`?)");
  });

  test("CLI values are named by their flag", () => {
    expect(messageOf({ workers: "lots" }, cliOrigin)).toBe(
      '--workers must be a positive integer, "auto" or a percentage like "50%" (got "lots")',
    );
    expect(messageOf({ thresholds: { break: 101 } }, cliOrigin)).toBe(
      "--threshold-break must be a number from 0 to 100 or null (got 101)",
    );
    expect(messageOf({ operators: { exclude: [""] } }, cliOrigin)).toBe(
      '--exclude-operators must be a list of operator names (got [""])',
    );
  });
});

describe("validateUserConfig accepts and normalises valid values", () => {
  test.each([
    [{ workers: 4 }, { workers: 4 }],
    [{ workers: "auto" }, { workers: "auto" }],
    [{ workers: "50%" }, { workers: "50%" }],
    [{ mutate: "src/**/*.ts" }, { mutate: ["src/**/*.ts"] }],
    [{ mutate: ["src/**", "!src/gen/**"] }, { mutate: ["src/**", "!src/gen/**"] }],
    [{ testCommand: null }, { testCommand: null }],
    [{ thresholds: { high: 90, break: null } }, { thresholds: { high: 90, break: null } }],
    [{ reporters: [] }, { reporters: [] }],
    [{ operators: { include: "arithmetic" } }, { operators: { include: ["arithmetic"] } }],
    [
      { executor: "spawn", timeoutMs: 100, timeoutFactor: 2 },
      { executor: "spawn", timeoutMs: 100, timeoutFactor: 2 },
    ],
    [{ workers: undefined }, {}],
  ])("%j", (raw, expected) => {
    expect(validateUserConfig(raw, file)).toEqual(expected as never);
  });
});

describe("validateUserConfig: verify", () => {
  test.each([
    [{ verify: "100%" }, "100%"],
    [{ verify: 0 }, "0"],
    [{ verify: " 25 " }, "25"],
    [{ verify: "default" }, "default"],
  ])("%p → %p", (raw, verify) => expect(validateUserConfig(raw, file).verify).toBe(verify));
  test("the flag is named as --verify", () => {
    expect(messageOf({ verify: "x" }, cliOrigin)).toStartWith("--verify must be");
  });
});
