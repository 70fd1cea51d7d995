// The config-file transforms: TypeScript stripping (for Node 20) and the rewrite of `import … from "gremlins"`.
import { describe, expect, test } from "bun:test";
import { ConfigError } from "../../../src/errors.ts";
import { rewriteGremlinsImport } from "../../../src/config/rewrite-import.ts";
import { blankSpans, stripTypes } from "../../../src/config/strip-types.ts";

const squash = (text: string): string => text.replace(/\s+/g, " ").trim();

describe("stripTypes", () => {
  test.each([
    ["const a: number = 1;", "const a = 1;"],
    ["function f<T>(a?: T, b: string = 'x'): T { return a as T; }", "function f(a, b = 'x') { return a; }"],
    ["const x = { a: 1 } satisfies Record<string, number>;", "const x = { a: 1 };"],
    ["const y = <any>z;", "const y = z;"],
    ["const n = m!.k;", "const n = m.k;"],
    ["let v!: number;", "let v;"],
    ["interface A { a: number }\nexport type B = string;\nexport default 1;", "export default 1;"],
    ['import type { X } from "x";\nimport { type Y, z } from "y";\nz();', 'import { z } from "y";\nz();'],
    ['import { type Y } from "y";', ""],
    ['export { type Y, z } from "y";', 'export { z } from "y";'],
    ["declare const g: number;\nconst k = (a: string): string => a;", "const k = (a) => a;"],
    ["const r = f<string>('a');", "const r = f('a');"],
    ["const s = [1] as const;", "const s = [1];"],
    // Removed, not blanked: Function.prototype.toString reads as after esbuild/Bun (ohash's tests compare it).
    ["function sum(a: number, b: number) { return a + b; }", "function sum(a, b) { return a + b; }"],
    // A space stays where removing the span would merge two tokens.
    ["class A<T>extends B {}", "class A extends B {}"],
    ["const c = a-<number>-b;", "const c = a- -b;"],
  ])("%s", (input, expected) => {
    const output = stripTypes(input, "gremlins.config.ts");
    expect(squash(output)).toBe(squash(expected));
    if (!input.includes("\n")) expect(output.trim()).toBe(expected);
  });

  test("keeps every line where it was", () => {
    const input = "const a:\n  number = 1;\ninterface I {\n  x: 1\n}\nexport default a;\n";
    const output = stripTypes(input, "c.ts");
    expect(output.split("\n").length).toBe(input.split("\n").length);
    expect(output.split("\n")[5]).toBe("export default a;");
  });

  test.each([
    ["export = 1;", "`export =`"],
    ["namespace N { export const a = 1; }", "a namespace"],
    ['import fs = require("fs");', "`import x = require()`"],
  ])("refuses %s (needs a compiler)", (input, what) => {
    expect(() => stripTypes(input, "gremlins.config.ts")).toThrow(
      `gremlins.config.ts: uses ${what}, which needs a TypeScript compiler under Node`,
    );
  });

  test("declare enum is only a type and is removed", () => {
    expect(squash(stripTypes("declare enum E { A }\nexport default 1;", "c.ts"))).toBe("export default 1;");
  });

  test("a syntax error is a ConfigError naming the file", () => {
    expect(() => stripTypes("const = ;", "gremlins.config.ts")).toThrow(ConfigError);
    expect(() => stripTypes("const = ;", "gremlins.config.ts")).toThrow(/^gremlins\.config\.ts: cannot parse/);
  });

  test("blankSpans keeps newlines and skips nested spans", () => {
    expect(
      blankSpans("ab\ncdef", [
        { start: 1, end: 5 },
        { start: 2, end: 4 },
      ]),
    ).toBe("a \n  ef");
  });
});

describe("rewriteGremlinsImport", () => {
  test.each([
    [
      'import { defineConfig } from "gremlins";\nexport default defineConfig({});',
      "const defineConfig = (config) => config;\nexport default defineConfig({});",
    ],
    ['import { defineConfig as dc, type UserConfig } from "gremlins";', "const dc = (config) => config;"],
    ['import type { UserConfig } from "gremlins";\nexport default {};', "\nexport default {};"],
    ['import * as g from "gremlins";', "const g = { defineConfig: (config) => config };"],
    ['import g from "gremlins";', "const g = { defineConfig: (config) => config };"],
  ])("%s", (input, expected) => {
    const { code, changed } = rewriteGremlinsImport(input, "gremlins.config.ts");
    expect(changed).toBe(true);
    expect(code).toBe(expected);
  });

  test("leaves other imports alone and reports no change", () => {
    const input = 'import { x } from "./x.mjs";\nexport default { x };';
    expect(rewriteGremlinsImport(input, "gremlins.config.mjs")).toEqual({ code: input, changed: false });
  });

  test("keeps the line count of a multi-line import", () => {
    const { code } = rewriteGremlinsImport('import {\n  defineConfig,\n} from "gremlins";\nexport default 1;', "c.mjs");
    expect(code.split("\n")[3]).toBe("export default 1;");
  });

  test("refuses names gremlins does not offer", () => {
    expect(() => rewriteGremlinsImport('import { runGremlins } from "gremlins";', "gremlins.config.ts")).toThrow(
      'gremlins.config.ts: "gremlins" offers only defineConfig (and types) to config files (got "runGremlins")',
    );
  });
});
