// The Node host's TypeScript loader: which files it strips, which format they load as; and the stripper's
// handling of syntax with runtime meaning.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatOf, isProjectTypeScript, jsonWithoutAttribute, resolve } from "../../../src/host/ts-hooks.ts";
import { stripTypeScript } from "../../../src/config/strip-types.ts";
import { stripCached } from "../../../src/host/strip-cache.ts";

const dir = mkdtempSync(join(tmpdir(), "gremlins-ts-hooks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("isProjectTypeScript", () => {
  test.each([
    ["file:///p/src/a.ts", true],
    ["file:///p/src/a.mts", true],
    ["file:///p/src/a.cts", true],
    ["file:///p/src/a.tsx", true],
    ["file:///p/src/a.js", false],
    ["file:///p/node_modules/x/a.ts", false],
    ["node:fs", false],
  ])("%s → %p", (url, expected) => expect(isProjectTypeScript(url)).toBe(expected));
});

describe("formatOf", () => {
  test("by extension, then module syntax, then the nearest package.json type", () => {
    mkdirSync(join(dir, "esm/src"), { recursive: true });
    writeFileSync(join(dir, "esm/package.json"), JSON.stringify({ type: "module" }));
    mkdirSync(join(dir, "cjs/src"), { recursive: true });
    writeFileSync(join(dir, "cjs/package.json"), JSON.stringify({}));
    expect(formatOf(join(dir, "cjs/src/a.mts"), false)).toBe("module");
    expect(formatOf(join(dir, "esm/src/a.cts"), true)).toBe("commonjs");
    expect(formatOf(join(dir, "cjs/src/a.ts"), true)).toBe("module");
    expect(formatOf(join(dir, "cjs/src/a.ts"), false)).toBe("commonjs");
    expect(formatOf(join(dir, "esm/src/a.ts"), false)).toBe("module");
  });
});

describe("jsonWithoutAttribute", () => {
  const json = { url: "file:///p/test/fixture/a.json" };
  test.each([
    ["a project TypeScript file gets the json attribute", "file:///p/test/a.test.ts", {}, { type: "json" }],
    ["an attribute written in the source is kept", "file:///p/test/a.test.ts", { type: "json" }, undefined],
    ["a JavaScript importer is left to Node", "file:///p/test/a.test.mjs", {}, undefined],
    ["a dependency is left to Node", "file:///p/node_modules/x/a.ts", {}, undefined],
  ])("%s", (_, parentURL, importAttributes, expected) => {
    expect(jsonWithoutAttribute(json, { parentURL, importAttributes }).importAttributes).toEqual(expected);
  });

  test("a module that is not JSON is left alone", () => {
    expect(jsonWithoutAttribute({ url: "file:///p/src/a.ts" }, { parentURL: "file:///p/test/a.test.ts" })).toEqual({
      url: "file:///p/src/a.ts",
    });
  });
});

describe("resolve", () => {
  test("a project module imported from a module of a reloaded graph joins that graph, also when found as TypeScript", async () => {
    mkdirSync(join(dir, "graph/src"), { recursive: true });
    writeFileSync(join(dir, "graph/src/b.ts"), "export const b = 1;\n");
    const parentURL = `file://${join(dir, "graph/src/a.js")}?gremlins-epoch=7`;
    const plain = async (specifier: string, context: { parentURL?: string }) => ({
      url: new URL(specifier, context.parentURL).href.replace(/\?.*$/, ""),
    });
    expect((await resolve("./c.js", { parentURL }, plain)).url).toBe(
      `file://${join(dir, "graph/src/c.js")}?gremlins-epoch=7`,
    );
    const missing = async (): Promise<never> => {
      throw new Error("not found");
    };
    expect((await resolve("./b.js", { parentURL }, missing)).url).toBe(
      `file://${join(dir, "graph/src/b.ts")}?gremlins-epoch=7`,
    );
    const dependency = async () => ({ url: `file://${join(dir, "graph/node_modules/d/index.js")}` });
    expect((await resolve("d", { parentURL }, dependency)).url).toBe(
      `file://${join(dir, "graph/node_modules/d/index.js")}`,
    );
  });
});

describe("stripTypeScript beyond annotations", () => {
  const strip = (source: string): string => stripTypeScript(source, "a.ts").code.replace(/\s+/g, " ").trim();

  test("class modifiers, implements, abstract members, index signatures and overloads disappear", () => {
    const source =
      "export abstract class A extends B implements I { private readonly x?: number = 1; protected abstract y: string; [k: string]: unknown; f(a: string): void; f(a: unknown) {} public static override z = 2; w!: number; }";
    expect(strip(source)).toBe("export class A extends B { x = 1; f(a) {} static z = 2; w; }");
  });

  test("parameter properties become assignments, after super() when there is one", () => {
    expect(strip("class A { constructor(private a: number, readonly b = 2) { go(); } }")).toBe(
      "class A { constructor( a, b = 2) { this.a = a; this.b = b; go(); } }",
    );
    expect(strip("class A extends B { constructor(public a: string) { super(a); go(); } }")).toBe(
      "class A extends B { constructor( a) { super(a); this.a = a; go(); } }",
    );
  });

  test("a `this` parameter disappears with its comma", () => {
    expect(strip("function f(this: Window, a: number) {}\nconst g = function (this: unknown) {};")).toBe(
      "function f(a) {} const g = function () {};",
    );
  });

  test("plain enums are emitted as TypeScript does, every line kept", () => {
    const source = 'export enum E {\n  A,\n  B = 5,\n  C,\n  D = "d",\n}\nconst after = 1;';
    const code = stripTypeScript(source, "a.ts").code;
    expect(code.split("\n").length).toBe(source.split("\n").length);
    expect(code.split("\n")[6]).toBe("const after = 1;");
    const E = new Function(`${code.replace("export ", "")}; return E;`)() as Record<string, unknown>;
    expect(E).toEqual({ A: 0, 0: "A", B: 5, 5: "B", C: 6, 6: "C", D: "d" });
  });

  test.each([
    ["enum E { A = 1, B = A << 1 }", "an enum member computed from other members"],
    ["enum E { A = 'a', B }", "an enum member without a value after a computed or string one"],
    ["namespace N { export const a = 1; }", "a namespace"],
    ["const el = <div>hi</div>;", "JSX"],
  ])("refuses %s with the construct and the way out", (source, what) => {
    const file = source.includes("<div>") ? "a.tsx" : "a.ts";
    expect(() => stripTypeScript(source, file, "use the spawn executor")).toThrow(
      `${file}: uses ${what}, which needs a TypeScript compiler under Node; use the spawn executor`,
    );
  });

  test("says whether the file has module syntax (for the format of a .ts in a CommonJS package)", () => {
    expect(stripTypeScript("export const a: number = 1;", "a.ts").hasModuleSyntax).toBe(true);
    expect(stripTypeScript("const a: number = 1; module.exports = a;", "a.ts").hasModuleSyntax).toBe(false);
  });
});

describe("stripCached", () => {
  test("the first worker strips and writes; the others read the same result", () => {
    const cache = join(dir, "cache");
    const source = "export const a: number = 1;\n";
    const first = stripCached("/p/a.ts", source, cache);
    expect(readdirSync(cache)).toHaveLength(1);
    const file = join(cache, readdirSync(cache)[0] as string);
    writeFileSync(file, readFileSync(file, "utf8").replace("= 1", "= 2")); // proves the second call reads it
    expect(stripCached("/p/b.ts", source, cache)).toEqual({
      code: first.code.replace("= 1", "= 2"),
      hasModuleSyntax: true,
    });
  });

  test("without a cache directory it just strips; errors are not cached", () => {
    expect(stripCached("/p/a.ts", "const a: string = 'x';", null).code).toBe("const a = 'x';");
    const cache = join(dir, "cache-errors");
    expect(() => stripCached("/p/n.ts", "namespace N {}", cache)).toThrow("/p/n.ts: uses a namespace");
    expect(() => readdirSync(cache)).toThrow();
  });
});
