import { describe, expect, test } from "bun:test";
import { mutateFile } from "../../../src/mutate/generate.ts";
import type { Gremlin } from "../../../src/types.ts";
import { STUBS } from "./_stubs.ts";

/** Gremlins of `source` (a .ts file) as "line:operator → ignoredReason|-" rows, plus the warnings. */
function run(source: string) {
  const result = mutateFile("src/x.ts", source, STUBS);
  if ("failure" in result) throw new Error(result.failure.message);
  const rows = result.file.gremlins.map(
    (g: Gremlin) => `${g.loc.start.line}:${g.operator}${g.ignoredReason ? ` ✗ ${g.ignoredReason}` : ""}`,
  );
  const warnings = result.warnings.map((w) => `${w.file}:${w.line}:${w.column} ${w.message}`);
  return { rows, warnings };
}

describe("disable comments", () => {
  test("next-line disables all operators on the next line only", () => {
    const { rows, warnings } = run(
      ["a + b;", "// gremlins-disable-next-line: counted elsewhere", "c + d; e = true;", "f + g;"].join("\n"),
    );
    expect(warnings).toEqual([]);
    expect(rows).toEqual([
      "1:arithmetic",
      "3:arithmetic ✗ disabled by comment at line 2: counted elsewhere",
      "3:boolean-literal ✗ disabled by comment at line 2: counted elsewhere",
      "4:arithmetic",
    ]);
  });

  test("next-line with an operator list (bracketed or not) disables only those", () => {
    for (const list of ["arithmetic", "[arithmetic]", "[ arithmetic , string-literal ]"]) {
      const { rows } = run(`/* gremlins-disable-next-line ${list}: why */\nx = a + b || true;`);
      expect(rows).toEqual(["2:arithmetic ✗ disabled by comment at line 1: why", "2:boolean-literal"]);
    }
  });

  test("a multi-line block comment targets the line after its end; trailing comments work", () => {
    const { rows } = run(
      [
        "/**",
        " * gremlins-disable-next-line: legacy",
        " */",
        "a + b;",
        "c + d; // gremlins-disable-next-line: x",
        "e + f;",
      ].join("\n"),
    );
    expect(rows).toEqual([
      "4:arithmetic ✗ disabled by comment at line 1: legacy",
      "5:arithmetic",
      "6:arithmetic ✗ disabled by comment at line 5: x",
    ]);
  });

  test("regions: disable … enable, nested per-operator enable inside a disable-all", () => {
    const src = [
      "a + b;", // 1
      "// gremlins-disable: generated table", // 2
      "c + d; x = true;", // 3
      "// gremlins-enable boolean-literal", // 4
      "e + f; y = false;", // 5
      "// gremlins-enable", // 6
      "g + h; z = true;", // 7
    ].join("\n");
    const { rows, warnings } = run(src);
    expect(warnings).toEqual([]);
    const why = "disabled by comment at line 2: generated table";
    expect(rows).toEqual([
      "1:arithmetic",
      `3:arithmetic ✗ ${why}`,
      `3:boolean-literal ✗ ${why}`,
      `5:arithmetic ✗ ${why}`,
      "5:boolean-literal",
      "7:arithmetic",
      "7:boolean-literal",
    ]);
  });

  test("an operator-specific region and an unclosed region running to the end of file", () => {
    const src = [
      "/* gremlins-disable arithmetic: perf */ a + b; t = true;",
      "// gremlins-enable arithmetic",
      "c + d;",
      "// gremlins-disable: rest",
      "e + f;",
    ].join("\n");
    expect(run(src).rows).toEqual([
      "1:arithmetic ✗ disabled by comment at line 1: perf",
      "1:boolean-literal",
      "3:arithmetic",
      "5:arithmetic ✗ disabled by comment at line 4: rest",
    ]);
  });

  test("disable-file applies to the whole file wherever it is", () => {
    const { rows } = run(["a + b; x = true;", "// gremlins-disable-file boolean-literal: flags are config"].join("\n"));
    expect(rows).toEqual(["1:arithmetic", "1:boolean-literal ✗ disabled by comment at line 2: flags are config"]);
  });

  test("the reason may contain colons and is whitespace-normalised", () => {
    const { rows } = run("/* gremlins-disable-next-line:  see   RFC: 7230\n   section 3 */\nx = a + b;");
    expect(rows).toEqual(["3:arithmetic ✗ disabled by comment at line 1: see RFC: 7230 section 3"]);
  });

  test("a directive without a reason is reported and disables nothing", () => {
    const { rows, warnings } = run(
      ["// gremlins-disable-next-line", "a + b;", "  /* gremlins-disable-file arithmetic:   */", "c + d;"].join("\n"),
    );
    expect(rows).toEqual(["2:arithmetic", "4:arithmetic"]);
    expect(warnings).toEqual([
      "src/x.ts:1:1 `gremlins-disable-next-line` needs a reason, as in `// gremlins-disable-next-line [operator, …]: why this is fine`; it is ignored",
      "src/x.ts:3:3 `gremlins-disable-file` needs a reason, as in `// gremlins-disable-file [operator, …]: why this is fine`; it is ignored",
    ]);
  });

  test("unknown operators are reported with a suggestion; known ones in the list still apply", () => {
    const { rows, warnings } = run(
      "// gremlins-disable-next-line aritmetic, boolean-literal: noise\nx = a + b || true;",
    );
    expect(warnings).toEqual([
      "src/x.ts:1:1 `gremlins-disable-next-line`: unknown operator `aritmetic` (did you mean `arithmetic`?)",
    ]);
    expect(rows).toEqual(["2:arithmetic", "2:boolean-literal ✗ disabled by comment at line 1: noise"]);
  });

  test("a list of only unknown operators disables nothing (not everything)", () => {
    const { rows, warnings } = run("// gremlins-disable-next-line zzzzzzzz: noise\nx = a + b;");
    expect(warnings).toEqual(["src/x.ts:1:1 `gremlins-disable-next-line`: unknown operator `zzzzzzzz`"]);
    expect(rows).toEqual(["2:arithmetic"]);
  });

  test("a misspelled directive is reported with the nearest directive", () => {
    const { rows, warnings } = run("// gremlins-disable-nextline: typo\na + b;");
    expect(warnings).toEqual([
      "src/x.ts:1:1 unknown directive `gremlins-disable-nextline` (did you mean `gremlins-disable-next-line`?); it is ignored",
    ]);
    expect(rows).toEqual(["2:arithmetic"]);
  });

  test("ordinary comments mentioning gremlins are not directives", () => {
    const { rows, warnings } = run("// see the gremlins-disable docs\na + b;");
    expect(warnings).toEqual([]);
    expect(rows).toEqual(["2:arithmetic"]);
  });
});
