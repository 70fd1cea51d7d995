// Strict flag parsing and the translation of flags into a configuration layer.
import { describe, expect, test } from "bun:test";
import { CONFIG_FLAGS, LIST_FLAGS, RUN_FLAGS } from "../../../src/cli/flags.ts";
import { CONFIG_KEYS } from "../../../src/config/defaults.ts";
import { flagOf, parseFlags, tokenize, UsageError, type ArgToken } from "../../../src/cli/parse-argv.ts";
import { splitList, userConfigFromFlags } from "../../../src/cli/to-user-config.ts";

const run = (argv: string[]) => parseFlags(argv, RUN_FLAGS);

function usageErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("parseFlags", () => {
  test("values by space or =, repeats kept, booleans, short aliases, --no-, camelCase and --", () => {
    const parsed = run([
      "--mutate",
      "src/a.ts",
      "--mutate=src/b.ts",
      "--workers",
      "2",
      "-q",
      "--no-verbose",
      "--testCommand",
      "npm t",
      "--",
      "x",
    ]);
    expect(parsed.strings).toEqual({ mutate: ["src/a.ts", "src/b.ts"], workers: ["2"], "test-command": ["npm t"] });
    expect(parsed.booleans).toEqual({ quiet: true, verbose: false });
    expect(parsed.positionals).toEqual(["x"]);
  });

  test("negative numbers and !globs are values", () => {
    expect(run(["--threshold-break", "-1", "--mutate", "!src/gen/**"]).strings).toEqual({
      "threshold-break": ["-1"],
      mutate: ["!src/gen/**"],
    });
  });

  test.each([
    [["--wokers", "2"], "unknown option --wokers (did you mean `--workers`?)"],
    [["--reporter=json"], "unknown option --reporter (did you mean `--reporters`?)"],
    [["--zzzzzzzzzzzz"], "unknown option --zzzzzzzzzzzz"],
    [["-x"], "unknown option -x"],
    [["--workers"], "option --workers needs a value <n|auto|50%>"],
    [["--workers", "--quiet"], "option --workers needs a value <n|auto|50%>"],
    [["--quiet=yes"], 'option --quiet takes no value (got "yes")'],
    [["--no-workers"], "unknown option --no-workers (did you mean `--workers`?)"],
  ])("%j → %s", (argv, message) => {
    expect(usageErrorOf(() => run(argv))).toBe(message);
  });

  test("list has --json, run does not", () => {
    expect(parseFlags(["--json"], LIST_FLAGS).booleans.json).toBe(true);
    expect(usageErrorOf(() => run(["--json"]))).toStartWith("unknown option --json");
  });

  test("flagOf accepts known long, short and negated flags, and names the nearest flag otherwise", () => {
    const option = (token: string) => tokenize([token], RUN_FLAGS)[0] as Extract<ArgToken, { kind: "option" }>;
    expect(flagOf(option("--workers=3"), RUN_FLAGS)).toEqual({ flag: "workers", negated: false });
    expect(flagOf(option("-q"), RUN_FLAGS)).toEqual({ flag: "quiet", negated: false });
    expect(flagOf(option("--no-quiet"), RUN_FLAGS)).toEqual({ flag: "quiet", negated: true });
    expect(usageErrorOf(() => flagOf(option("--wrokers=3"), RUN_FLAGS))).toBe(
      "unknown option --wrokers (did you mean `--workers`?)",
    );
  });

  test("a lone dash is no value; an inline empty value is one; short flags group", () => {
    expect(usageErrorOf(() => run(["--mutate", "-"]))).toBe("option --mutate needs a value <glob>");
    expect(run(["--mutate="]).strings).toEqual({ mutate: [""] });
    expect(run(["-qh"]).booleans).toEqual({ quiet: true, help: true });
    expect(usageErrorOf(() => run(["--no-quiet=true"]))).toBe('option --quiet takes no value (got "true")');
  });
});

describe("userConfigFromFlags", () => {
  test("every configuration key has a flag", () => {
    const flags = new Set(Object.keys(CONFIG_FLAGS));
    const flagOf = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const missing = CONFIG_KEYS.filter((key) => key !== "thresholds" && key !== "operators" && !flags.has(flagOf(key)));
    expect(missing).toEqual([]);
  });

  test("every configuration flag", () => {
    const flags = run([
      "--mutate",
      "src/**/*.{ts,tsx},lib/**",
      "--mutate",
      "!src/gen/**",
      "--test-command",
      "npx vitest run",
      "--workers",
      "50%",
      "--timeout-ms",
      "200",
      "--timeout-factor",
      "2.5",
      "--threshold-high",
      "90",
      "--threshold-low",
      "70",
      "--threshold-break",
      "none",
      "--reporters",
      "json, html",
      "--report-dir",
      "out",
      "--operators",
      "arithmetic,boundary",
      "--exclude-operators",
      "block",
      "--executor",
      "spawn",
      "--cache-dir",
      "tmp/cache",
    ]);
    expect(userConfigFromFlags(flags)).toEqual({
      mutate: ["src/**/*.{ts,tsx}", "lib/**", "!src/gen/**"],
      testCommand: "npx vitest run",
      workers: "50%",
      timeoutMs: 200,
      timeoutFactor: 2.5,
      thresholds: { high: 90, low: 70, break: null },
      reporters: ["json", "html"],
      reportDir: "out",
      operators: { include: ["arithmetic", "boundary"], exclude: ["block"] },
      executor: "spawn",
      cacheDir: "tmp/cache",
    });
  });

  test("numbers stay numbers, words stay words for the validator, the last value wins", () => {
    expect(userConfigFromFlags(run(["--workers", "4", "--timeout-ms", "soon", "--workers", "3"]))).toEqual({
      workers: 3,
      timeoutMs: "soon" as never,
    });
    expect(userConfigFromFlags(run([]))).toEqual({});
  });

  test.each([
    ["a,b", ["a", "b"]],
    ["src/**/*.{js,ts}", ["src/**/*.{js,ts}"]],
    [" a , ,b{c,{d,e}},f ", ["a", "b{c,{d,e}}", "f"]],
    ["", []],
  ])("splitList(%j)", (input, expected) => {
    expect(splitList(input)).toEqual(expected);
  });
});
