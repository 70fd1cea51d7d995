// parse: language by extension, parse failures with 1-based positions, the errors-only check, line starts.
import { describe, expect, test } from "bun:test";
import { firstParseError, isParseFailure, languageOf, parseSource } from "../../src/parse/parse.ts";
import { lineStarts, positionAt } from "../../src/parse/positions.ts";

describe("languageOf", () => {
  test.each([
    ["a.ts", "ts"],
    ["a.mts", "ts"],
    ["a.cts", "ts"],
    ["a.tsx", "tsx"],
    ["a.js", "js"],
    ["a.mjs", "js"],
    ["a.cjs", "js"],
    ["a.jsx", "jsx"],
    ["a.d.ts", null],
    ["a.d.mts", null],
    ["a.json", null],
    ["README", null],
  ])("%s → %s", (file, lang) => expect(languageOf(file)).toBe(lang as never));
});

describe("parseSource", () => {
  test("reports the first error with its line and column", () => {
    const result = parseSource("src/a.ts", "const a = 1;\nlet x = ;\n");
    expect(isParseFailure(result)).toBe(true);
    expect(result).toMatchObject({ file: "src/a.ts", line: 2, column: 9 });
  });
  test("parses TypeScript, JSX in .js files and CommonJS", () => {
    for (const [file, source] of [
      ["a.ts", "let x: number = 1"],
      ["a.js", "const e = <div>{x}</div>"],
      ["a.cjs", "module.exports = 1; return;"],
    ]) {
      expect(isParseFailure(parseSource(file!, source!))).toBe(false);
    }
  });
  test("firstParseError agrees with parseSource", () => {
    expect(firstParseError("a.ts", "let x: number = 1")).toBeNull();
    expect(firstParseError("a.ts", "const a = 1;\nlet x = ;\n")).toMatchObject({ line: 2, column: 9 });
  });
});

describe("firstParseError", () => {
  // It asks oxc for a slimmer AST (no TypeScript-only fields); the errors must not change with it.
  const broken: [string, string][] = [
    ["a.ts", "let x: = 1;"],
    ["a.ts", "function f(a?: number = 1) {}\nlet y = <T,>(a: T) => a;"],
    ["a.ts", "class A { private private x = 1 }"],
    ["a.ts", "enum E { A = }"],
    ["a.ts", "let v = a as;"],
    ["a.ts", "type T = { a: }"],
    ["a.tsx", "const e = <div>{x</div>;"],
    ["a.js", "({a}) += 1"],
    ["a.js", "x = `${"],
    ["a.js", "for (let of x) {}"],
    ["a.mjs", "export { a as };"],
    ["a.cts", "import x = ;"],
  ];
  test.each(broken)("%s %p: the same first error as a full parse", (file, source) => {
    const full = parseSource(file, source);
    expect(isParseFailure(full)).toBe(true);
    expect(firstParseError(file, source)).toEqual(full as never);
  });
  test("reports nothing for valid TypeScript with every kind of type-only syntax", () => {
    const source =
      "declare const d: number;\nabstract class A<T> implements I { private x?: T; abstract m(): void; constructor(public q = 1) { super(); } }\nenum E { A }\nnamespace N { export const k = 1 }\nlet v = a satisfies B as const;\n";
    expect(firstParseError("a.ts", source)).toBeNull();
  });
});

describe("parseSource comments", () => {
  test("are read on first use, and stay the same afterwards", () => {
    const parsed = parseSource("a.ts", "// one\nconst a = 1; /* two */\n");
    if (isParseFailure(parsed)) throw new Error(parsed.message);
    expect(parsed.comments.map((c) => [c.type, c.value])).toEqual([
      ["Line", " one"],
      ["Block", " two "],
    ]);
    expect(parsed.comments.map((c) => c.value)).toEqual([" one", " two "]);
  });
});

describe("lineStarts", () => {
  test.each([
    ["", [0]],
    ["a", [0]],
    ["a\nb", [0, 2]],
    ["a\n", [0, 2]],
    ["\n\n", [0, 1, 2]],
    ["a\r\nb", [0, 3]],
    ["a\rb\nc", [0, 2, 4]],
    ["\r\r\n\n", [0, 1, 3, 4]],
    ["é😀\nü", [0, 4]],
  ])("%p → %p", (source, starts) => expect(lineStarts(source)).toEqual(starts));
  test("positions are 1-based and count UTF-16 units", () => {
    expect(positionAt("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt("😀x\r\ny", 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt("a\r\nb", 3)).toEqual({ line: 2, column: 1 });
  });
});
