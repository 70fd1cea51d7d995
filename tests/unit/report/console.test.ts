// The end-of-run console report on a hand-built RunResult: table rows, survivor lines, listings,
// quiet mode, and colour only when asked for.
import { describe, expect, test } from "bun:test";
import { formatConsoleReport, formatGremlinLine } from "../../../src/report/console.ts";
import { makeGremlin, makeResult, MATH_SOURCE } from "./fixture.ts";

const ANSI = /\x1b\[[0-9;]*m/;

function rowOf(text: string, name: string): string[] {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no row for ${name} in:\n${text}`);
  return line.trim().split(/\s{2,}/);
}

describe("formatConsoleReport", () => {
  const text = formatConsoleReport(makeResult(), { color: false });

  test("per-file rows and the total row: gremlins, killed, survived, no coverage, timeout, errors, score", () => {
    expect(text.split("\n")[0]).toMatch(
      /^File\s+Gremlins\s+Killed\s+Survived\s+No coverage\s+Timeout\s+Errors\s+Score$/,
    );
    expect(rowOf(text, "src/math.ts")).toEqual(["src/math.ts", "5", "2", "1", "0", "1", "0", "75.00%"]);
    expect(rowOf(text, "src/greet.js")).toEqual(["src/greet.js", "3", "0", "1", "1", "0", "1", "0.00%"]);
    expect(rowOf(text, "All files")).toEqual(["All files", "8", "2", "2", "1", "1", "1", "50.00%"]);
  });

  test("survivors as diff snippets grouped by file, each file with its score", () => {
    const section = text.slice(text.indexOf("Survived (2)"), text.indexOf("Timeout (1)"));
    expect(section).toContain(
      [
        "  src/math.ts  score 75.00%",
        "    src/math.ts:5:10  EqualityOperator  [id-2]",
        "      5 -   return age >= 18;",
        "      5 +   return age > 18;",
      ].join("\n"),
    );
    // Columns are UTF-16 based: "hé + n" starts after `export const greet = (n) => `.
    expect(section).toContain(
      [
        "  src/greet.js  score 0.00%",
        "    src/greet.js:2:29  ArithmeticOperator  [id-7]",
        "      2 - export const greet = (n) => hé + n;",
        "      2 + export const greet = (n) => hé - n;",
      ].join("\n"),
    );
    expect(section.indexOf("src/math.ts:")).toBeLessThan(section.indexOf("src/greet.js:"));
  });

  test("timeouts as diffs with their reason (multi-line originals); no coverage and errors as one line each", () => {
    expect(text).toContain(
      [
        "Timeout (1)",
        "  src/math.ts  score 75.00%",
        "    src/math.ts:1:43  BlockStatement  [id-4]  — hit limit 1000",
        "      1 - export function add(a: number, b: number) {",
        "      2 -   return a + b;",
        "      3 - }",
        "      1 + export function add(a: number, b: number) {}",
      ].join("\n"),
    );
    expect(text).toContain(
      "No coverage (1)\n  src/greet.js  score 0.00%\n    src/greet.js:1:12  StringLiteral  '😀' → \"\"",
    );
    expect(text).toContain(
      "src/greet.js:2:29  StringOperator  hé + n → n  — RuntimeError: worker crashed: out of memory",
    );
  });

  test("killed and ignored gremlins are not listed one by one", () => {
    expect(text).not.toContain("age < 18");
    expect(text).not.toContain("NumberLiteral");
    expect(text).toContain("Not scored: 1 ignored, 1 runtime error.");
  });

  test("scores and timings", () => {
    expect(text).toMatch(/Mutation score:\s+50\.00%/);
    expect(text).toMatch(/Score on covered code:\s+60\.00%/);
    expect(text).toContain("Timings: setup 420 ms · baseline 1.5 s · mutation 2.0 s");
    expect(text).toContain("total 3.9 s");
    expect(text.endsWith("\n")).toBe(true);
  });

  test("no ANSI codes when color is false", () => {
    expect(ANSI.test(text)).toBe(false);
    expect(ANSI.test(formatConsoleReport(makeResult({ partial: true }), { color: false, quiet: true }))).toBe(false);
  });

  test("quiet: only the summary lines", () => {
    const quiet = formatConsoleReport(makeResult(), { color: false, quiet: true });
    const lines = quiet.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Mutation score:\s+50\.00%/);
    expect(lines[1]).toMatch(/^Score on covered code:\s+60\.00%/);
    expect(lines.length).toBe(3);
    expect(quiet).not.toContain("Survived (");
    expect(quiet).not.toContain("Timings");
    expect(quiet).not.toContain("src/math.ts");
  });

  test("partial run is flagged", () => {
    const partial = formatConsoleReport(makeResult({ partial: true }), { color: false });
    expect(partial).toContain("Partial run: 1 gremlin without a verdict");
    expect(partial).not.toContain("Errors (");
  });

  test("no valid gremlins: score n/a", () => {
    const result = makeResult();
    for (const [id, outcome] of result.outcomes) result.outcomes.set(id, { ...outcome, status: "Ignored" });
    const out = formatConsoleReport(result, { color: false });
    expect(rowOf(out, "All files").at(-1)).toBe("n/a");
    expect(out).toMatch(/Mutation score:\s+n\/a/);
    expect(out).toMatch(/Score on covered code:\s+n\/a/);
  });

  test("with color the text is the same once ANSI codes are stripped", () => {
    const colored = formatConsoleReport(makeResult(), { color: true });
    expect(colored.replace(/\x1b\[[0-9;]*m/g, "")).toBe(text);
  });

  test("with color and a colour-capable environment, scores are coloured by threshold", async () => {
    // consola decides colour support at import, so check in a child process with FORCE_COLOR.
    const script = `
      import { formatConsoleReport } from ${JSON.stringify(new URL("../../../src/report/console.ts", import.meta.url).pathname)};
      import { makeResult } from ${JSON.stringify(new URL("./fixture.ts", import.meta.url).pathname)};
      process.stdout.write(formatConsoleReport(makeResult(), { color: true, quiet: true }));
      process.stdout.write("---");
      process.stdout.write(formatConsoleReport(makeResult(), { color: false, quiet: true }));`;
    const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: "1" };
    delete env.NO_COLOR;
    const proc = Bun.spawn([process.execPath, "-e", script], { env, stdout: "pipe", stderr: "pipe" });
    const out = await new Response(proc.stdout).text();
    expect(await proc.exited).toBe(0);
    const [withColor, without] = out.split("---");
    expect(withColor).toContain("\x1b[31m50.00%"); // below low (60): red
    expect(withColor).toContain("\x1b[33m60.00%"); // between low and high: yellow
    expect(ANSI.test(without!)).toBe(false);
  });
});

describe("formatGremlinLine", () => {
  test.each([
    ["a + b", "a - b", "src/math.ts:2:10  ArithmeticOperator  a + b → a - b"],
    ["{\n  return a + b;\n}", "{}", "src/math.ts:1:43  ArithmeticOperator  { return a + b; } → {}"],
    ["{\n  return a + b;\n}", "", "src/math.ts:1:43  ArithmeticOperator  { return a + b; } → (removed)"],
  ])("%p → %p", (find, replacement, expected) => {
    const g = makeGremlin(
      { file: "src/math.ts", source: MATH_SOURCE, find, operator: "ArithmeticOperator", replacement },
      1,
    );
    expect(formatGremlinLine(g)).toBe(expected);
  });

  test("long originals are cut with an ellipsis", () => {
    const long = `x${"y".repeat(100)}`;
    const g = makeGremlin({ file: "a.ts", source: long, find: long, operator: "Op", replacement: "z" }, 1);
    const line = formatGremlinLine(g);
    expect(line).toContain("…");
    expect(line.length).toBeLessThan(90);
  });
});
