// parse: language by extension, parse failures with 1-based positions, the errors-only check.
import { describe, expect, test } from "bun:test";
import { firstParseError, isParseFailure, languageOf, parseSource } from "../../src/parse/parse.ts";

describe("languageOf", () => {
  test.each([
    ["a.ts", "ts"], ["a.mts", "ts"], ["a.cts", "ts"], ["a.tsx", "tsx"], ["a.js", "js"], ["a.mjs", "js"],
    ["a.cjs", "js"], ["a.jsx", "jsx"], ["a.d.ts", null], ["a.d.mts", null], ["a.json", null], ["README", null],
  ])("%s → %s", (file, lang) => expect(languageOf(file)).toBe(lang as never));
});

describe("parseSource", () => {
  test("reports the first error with its line and column", () => {
    const result = parseSource("src/a.ts", "const a = 1;\nlet x = ;\n");
    expect(isParseFailure(result)).toBe(true);
    expect(result).toMatchObject({ file: "src/a.ts", line: 2, column: 9 });
  });
  test("parses TypeScript, JSX in .js files and CommonJS", () => {
    for (const [file, source] of [["a.ts", "let x: number = 1"], ["a.js", "const e = <div>{x}</div>"], ["a.cjs", "module.exports = 1; return;"]]) {
      expect(isParseFailure(parseSource(file!, source!))).toBe(false);
    }
  });
  test("firstParseError agrees with parseSource", () => {
    expect(firstParseError("a.ts", "let x: number = 1")).toBeNull();
    expect(firstParseError("a.ts", "const a = 1;\nlet x = ;\n")).toMatchObject({ line: 2, column: 9 });
  });
});
