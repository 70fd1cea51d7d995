// main() in-process: command selection, help and version, one-line errors with exit codes, colour rules.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../src/cli/main.ts";
import { colorEnabled, type Io } from "../../../src/cli/output.ts";
import { formatListJson, formatListText, oneLine } from "../../../src/cli/list-format.ts";
import type { Gremlin } from "../../../src/types.ts";
import { VERSION } from "../../../src/version.ts";

const cwd = mkdtempSync(join(tmpdir(), "gremlins-main-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function cli(argv: string[], env: Record<string, string> = {}, tty = false) {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t), isTTY: tty },
    stderr: { write: (t: string) => (stderr += t), isTTY: tty },
    env,
    cwd,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe("main", () => {
  test("--version and -v print the package version", async () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ["--version", "-v"])
      expect(await cli([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  test.each([
    [["--help"], "USAGE gremlins [OPTIONS] run|list|init"],
    [["-h"], "EXIT CODES"],
    [["run", "--help"], "USAGE gremlins run [OPTIONS]"],
    [["--workers", "2", "--help"], "USAGE gremlins [OPTIONS]"],
    [["list", "--help"], "--json"],
    [["init", "-h"], "--force"],
    [["help", "list"], "USAGE gremlins list [OPTIONS]"],
  ])("%j prints help", async (argv, expected) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(0);
    expect(stdout).toContain(expected);
    expect(stdout).not.toContain("\u001B[");
    expect(stderr).toBe("");
  });

  test("colour only on a TTY without NO_COLOR", async () => {
    // Whether citty's help then really carries colour codes depends on the test process's own terminal
    // (consola decides at load time), so the decision is checked directly.
    expect(colorEnabled({ write: () => 0, isTTY: true }, {})).toBe(true);
    expect((await cli(["--help"], { NO_COLOR: "1" }, true)).stdout).not.toContain("\u001B[");
    expect(colorEnabled({ write: () => 0, isTTY: true }, { TERM: "dumb" })).toBe(false);
    expect(colorEnabled({ write: () => 0, isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
  });

  test.each([
    [["--wokers", "2"], "error: unknown option --wokers (did you mean `--workers`?)\n"],
    [
      ["lsit"],
      'error: unknown command "lsit" (did you mean `list`?); commands: run, list, init, explain, cache, merge\n',
    ],
    [["run", "--wokers=2"], "error: unknown option --wokers (did you mean `--workers`?)\n"],
    [["toString"], 'error: unknown command "toString"; commands: run, list, init, explain, cache, merge\n'],
    [
      ["--testCommand", "bun test", "lsit"],
      'error: unknown command "lsit" (did you mean `list`?); commands: run, list, init, explain, cache, merge\n',
    ],
    [["list", "extra"], 'error: unexpected argument "extra" (`gremlins list` takes only options; see --help)\n'],
    [
      ["--workers", "lots"],
      'error: --workers must be a positive integer, "auto" or a percentage like "50%" (got "lots")\n',
    ],
    [
      ["list", "--reporters", "jsno"],
      'error: --reporters must be one of progress, clear-text, json, html, markdown (got "jsno") (did you mean `json`?)\n',
    ],
  ])("%j → exit 2, one line", async (argv, message) => {
    expect(await cli(argv)).toEqual({ code: 2, stdout: "", stderr: message });
  });

  test("an unexpected error: exit 3, one line calling it a gremlins bug", async () => {
    const io: Io = {
      stdout: {
        write: () => {
          throw new TypeError("stdout is gone");
        },
      },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
      cwd,
    };
    let stderr = "";
    expect(await main(["--version"], io)).toBe(3);
    expect(stderr).toBe("error: stdout is gone — this is a gremlins bug; please report it with the command you ran\n");
  });

  test("no command means run: flags before nothing are run's flags", async () => {
    const { code, stderr } = await cli(["--workers", "2", "--mutate", "nowhere/*.ts"]);
    expect(code).toBe(2);
    expect(stderr).not.toContain("unknown");
    expect(stderr).toContain("nowhere/*.ts");
  });

  test("--verbose logs the resolved configuration and where each key came from", async () => {
    const { stderr } = await cli(["list", "--verbose", "--workers", "2", "--mutate", "nowhere/*.ts"]);
    expect(stderr).toContain("workers = 2  (cli)");
    expect(stderr).toContain("timeoutMs = 5000  (default)");
  });

  test("list with no matching files names the globs and their source", async () => {
    const { code, stderr } = await cli(["list", "--mutate", "nowhere/**/*.ts"]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: no files to mutate: the mutate globs from the command line (nowhere/**/*.ts) match no JS/TS source under ${cwd}\n`,
    );
  });
});

describe("list output", () => {
  const gremlin = (over: Partial<Gremlin>): Gremlin => ({
    id: "g1",
    index: 1,
    file: "src/a.ts",
    start: 0,
    end: 5,
    loc: { start: { line: 2, column: 3 }, end: { line: 2, column: 8 } },
    operator: "arithmetic",
    original: "a + b",
    replacement: "a - b",
    description: "",
    kind: "expression",
    ...over,
  });
  const data = {
    files: ["src/a.ts", "src/b.ts"],
    gremlins: [
      gremlin({}),
      gremlin({
        id: "g2",
        index: 2,
        operator: "block",
        original: "{\n  return 1;\n}",
        replacement: "",
        ignoredReason: "gremlins-disable-next-line",
      }),
      gremlin({ id: "g3", index: 3, file: "src/b.ts", operator: "arithmetic" }),
    ],
    failures: [{ file: "src/c.ts", line: 1, column: 9, message: "Unexpected token" }],
  };

  test("text: one line per gremlin and failure, then counts", () => {
    expect(formatListText(data)).toBe(
      [
        "src/a.ts:2:3  arithmetic  a + b → a - b",
        "src/a.ts:2:3  block  { return 1; } → (removed)  [ignored: gremlins-disable-next-line]",
        "src/b.ts:2:3  arithmetic  a + b → a - b",
        "src/c.ts:1:9  parse error: Unexpected token",
        "",
        "Gremlins per operator:",
        "  arithmetic      2",
        "  block           1",
        "",
        "Gremlins per file:",
        "  src/a.ts      2",
        "  src/b.ts      1",
        "",
        "3 gremlins in 2 files (1 ignored), 1 file not parsed",
        "",
      ].join("\n"),
    );
  });

  test("json: gremlins, failures and counts", () => {
    const json = JSON.parse(formatListJson(data));
    expect(json.gremlins[1]).toMatchObject({
      id: "g2",
      line: 2,
      column: 3,
      operator: "block",
      ignoredReason: "gremlins-disable-next-line",
    });
    expect(json.parseFailures).toEqual(data.failures);
    expect(json.counts).toEqual({
      total: 3,
      ignored: 1,
      byOperator: { arithmetic: 2, block: 1 },
      byFile: { "src/a.ts": 2, "src/b.ts": 1 },
    });
  });

  test("oneLine collapses whitespace and shortens", () => {
    expect(oneLine("a\n   b")).toBe("a b");
    expect(oneLine("x".repeat(70), 10)).toBe("xxxxxxxxx…");
  });
});
