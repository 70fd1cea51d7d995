// Import elision in the TypeScript stripper: bindings used only as types go, as TypeScript, esbuild and vitest
// drop them; `verbatimModuleSyntax` keeps them; the nearest tsconfig.json (with `extends`) decides which applies.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripTypeScript } from "../../../src/config/strip-types.ts";
import { keepsImportsVerbatim } from "../../../src/config/tsconfig-imports.ts";

const squash = (text: string): string => text.replace(/\s+/g, " ").trim();
const strip = (source: string, verbatimModuleSyntax = false): string =>
  stripTypeScript(source, "t.ts", undefined, { verbatimModuleSyntax }).code;

describe("import elision", () => {
  test.each([
    [
      "a name used only as a type goes",
      'import { QueryValue, parse } from "./q";\nconst a: QueryValue = parse(1);',
      'import { parse } from "./q";\nconst a = parse(1);',
    ],
    ["a declaration whose names all go goes", 'import { A, B } from "./t";\nlet x: A | B;', "let x;"],
    [
      "a default import used as a value stays",
      'import A, { b, C } from "./x";\nlet y: C = b(A);',
      'import A, { b } from "./x";\nlet y = b(A);',
    ],
    [
      "an unused default import goes, named ones stay",
      'import A, { b } from "./x";\nb();',
      'import { b } from "./x";\nb();',
    ],
    ["a namespace used only in types goes", 'import * as ns from "./x";\nlet y: ns.T = 1;', "let y = 1;"],
    [
      "a namespace read as a value stays",
      'import D, * as ns from "./x";\nns.f();',
      'import * as ns from "./x";\nns.f();',
    ],
    ["`typeof X` in a type is not a value use", 'import { E } from "./x";\nlet v: typeof E;', "let v;"],
    [
      "a property name or label is not a use",
      'import { t } from "./x";\nconst o = { t: 1 }; o.t; class K { t = 1 }; t: for (;;) break t;',
      "const o = { t: 1 }; o.t; class K { t = 1 }; t: for (;;) break t;",
    ],
    [
      "a shorthand property is a use",
      'import { t } from "./x";\nconst o = { t };',
      'import { t } from "./x";\nconst o = { t };',
    ],
    [
      "a computed key is a use",
      'import { k } from "./x";\nconst o = { [k]: 1 };',
      'import { k } from "./x";\nconst o = { [k]: 1 };',
    ],
    [
      "a decorator is a use",
      'import { D } from "./x";\nclass A { @D m() {} }',
      'import { D } from "./x";\nclass A { @D m() {} }',
    ],
    [
      "an `as` expression keeps its operand",
      'import { v, T } from "./x";\nconst w = v as T;',
      'import { v } from "./x";\nconst w = v;',
    ],
    [
      "an enum initializer is a use",
      'import { n } from "./x";\nenum E { A = n }',
      'import { n } from "./x"; var E; (function (E) { E[E["A"] = n] = "A"; })(E || (E = {}));',
    ],
    [
      "`export { X }` keeps the import (one file at a time)",
      'import { T } from "./x";\nexport { T };',
      'import { T } from "./x";\nexport { T };',
    ],
    [
      "`export default X` keeps the import",
      'import X from "./x";\nexport default X;',
      'import X from "./x";\nexport default X;',
    ],
    [
      "a side-effect import stays",
      'import "./side";\nimport {} from "./e";',
      'import "./side";\nimport {} from "./e";',
    ],
    [
      "`import type` and `type` names go",
      'import type { X } from "x";\nimport { type Y, z } from "y";\nz();',
      'import { z } from "y";\nz();',
    ],
    ["an import of only `type` names goes", 'import { type Y } from "y";', ""],
    [
      "`export { I }` of a local interface or type alias goes",
      "interface I {}\ntype K = 1;\nconst v = 1;\nexport { I, v, K as L };",
      "const v = 1;\nexport { v, };",
    ],
    ["an export list of local types only goes", "interface I {}\nexport { I };", ""],
    [
      "a class merged with an interface is a value",
      "interface C {}\nclass C {}\nexport { C };",
      "class C {}\nexport { C };",
    ],
  ])("%s", (_, input, expected) => {
    expect(squash(strip(input))).toBe(squash(expected));
  });

  test.each([
    [
      "an unused binding stays",
      'import { T, v } from "./x";\nlet a: T = v;',
      'import { T, v } from "./x";\nlet a = v;',
    ],
    ["`type` names go, the rest stays", 'import { type A, B } from "./x";', 'import { B } from "./x";'],
    [
      "an import of only `type` names still loads the module",
      'import { type A } from "./x";',
      'import { } from "./x";',
    ],
    ["`import type` goes", 'import type { A } from "./x";', ""],
  ])("verbatimModuleSyntax: %s", (_, input, expected) => {
    expect(squash(strip(input, true))).toBe(squash(expected));
  });

  test("keeps every line where it was", () => {
    const input = 'import {\n  T,\n  u,\n} from "./x";\nconst a: T = u;\nexport default a;\n';
    const output = strip(input);
    expect(output.split("\n").length).toBe(input.split("\n").length);
    expect(output.split("\n")[4]).toBe("const a = u;");
    expect(squash(output)).toBe('import { u } from "./x"; const a = u; export default a;');
  });
});

describe("keepsImportsVerbatim", () => {
  const dir = mkdtempSync(join(tmpdir(), "gremlins-tsconfig-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write("plain/tsconfig.json", '{ "compilerOptions": { "strict": true } }');
  write("plain/src/a.ts", "");
  write("own/tsconfig.json", '{\n  // comment\n  "compilerOptions": { "verbatimModuleSyntax": true, },\n}');
  write("base/tsconfig.base.json", '{ "compilerOptions": { "verbatimModuleSyntax": true } }');
  write("base/app/tsconfig.json", '{ "extends": "../tsconfig.base" }');
  write(
    "off/tsconfig.json",
    '{ "extends": ["../base/tsconfig.base.json"], "compilerOptions": { "verbatimModuleSyntax": false } }',
  );
  write("pkg/node_modules/@cfg/strict/tsconfig.json", '{ "compilerOptions": { "preserveValueImports": true } }');
  write("pkg/node_modules/@cfg/strict/package.json", '{ "name": "@cfg/strict" }');
  write("pkg/tsconfig.json", '{ "extends": "@cfg/strict/tsconfig.json" }');
  write("bad/tsconfig.json", "{ nope");

  test.each([
    ["plain/src/a.ts", false],
    ["own/a.ts", true],
    ["base/app/src/a.ts", true],
    ["off/a.ts", false],
    ["pkg/a.ts", true],
    ["bad/a.ts", false],
  ])("%s → %p", (file, expected) => expect(keepsImportsVerbatim(join(dir, file))).toBe(expected));
});
