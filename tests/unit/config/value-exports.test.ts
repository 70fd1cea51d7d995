// Which names a project module exports as values, followed through relative re-exports (what tsc knows), and
// the stripper dropping `export { T } from "./x"` where T is only a type there (immer's src/immer.ts does this).
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveRelative, typeScriptCandidates, valueExportsOf } from "../../../src/config/value-exports.ts";
import { stripTypeScript } from "../../../src/config/strip-types.ts";

const dir = mkdtempSync(join(tmpdir(), "gremlins-value-exports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes files (path → text) under a fresh folder and returns it. */
function project(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("typeScriptCandidates", () => {
  test.each([
    ["./a.js", ["./a.ts", "./a.tsx"]],
    ["./a.mjs", ["./a.mts"]],
    ["./a.cjs", ["./a.cts"]],
    [
      "../lib/a",
      ["../lib/a.ts", "../lib/a.tsx", "../lib/a.mts", "../lib/a.cts", "../lib/a/index.ts", "../lib/a/index.tsx"],
    ],
    ["./data.json", []],
  ])("%s → %p", (specifier, expected) => expect(typeScriptCandidates(specifier)).toEqual(expected));
});

describe("resolveRelative", () => {
  const root = project("resolve", { "src/a.ts": "", "src/b/index.ts": "", "src/c.js": "", "src/d.mts": "" });
  test.each([
    ["./a", "src/a.ts"],
    ["./a.js", "src/a.ts"],
    ["./b", "src/b/index.ts"],
    ["./c", "src/c.js"],
    ["./d.mjs", "src/d.mts"],
    ["./missing", null],
    ["pkg", null],
  ])("%s → %p", (specifier, expected) =>
    expect(resolveRelative(join(root, "src/x.ts"), specifier)).toBe(expected === null ? null : join(root, expected)),
  );
});

describe("valueExportsOf", () => {
  const root = project("exports", {
    "types.ts": "export interface Draft { a: number }\nexport type Patch = string;\nexport const VERSION = 1;\n",
    "impl.ts": [
      "import { Draft } from './types';",
      "import type { Patch } from './types';",
      "import * as ns from './types';",
      "export function produce(d: Draft): Patch { return ''; }",
      "export class Immer {}",
      "export enum Kind { A }",
      "export const { x, y: [z] } = { x: 1, y: [2] };",
      "export declare const ghost: number;",
      "export { Draft, Patch, ns };",
      "export default produce;",
    ].join("\n"),
    "internal.ts": "export * from './types';\nexport * from './impl';\nexport * as all from './impl';\n",
    "open.ts": "export * from 'some-package';\nexport interface Only {}\n",
    "cycle-a.ts": "export * from './cycle-b';\nexport const a = 1;\n",
    "cycle-b.ts": "export * from './cycle-a';\nexport const b = 2;\n",
    "broken.ts": "export const = ;",
  });
  test("declarations, imports re-exported, namespaces and default; types and declare left out", () => {
    const impl = valueExportsOf(join(root, "impl.ts"));
    expect([...impl.values].sort()).toEqual(["Immer", "Kind", "default", "ns", "produce", "x", "z"]);
    expect(impl.open).toBe(false);
  });
  test("export * follows relative modules (their default aside); export * as is one value", () => {
    const internal = valueExportsOf(join(root, "internal.ts"));
    expect([...internal.values].sort()).toEqual(["Immer", "Kind", "VERSION", "all", "ns", "produce", "x", "z"]);
    expect(internal.open).toBe(false);
  });
  test("a package's export * or an unparsable file leaves the list open; a cycle ends", () => {
    expect(valueExportsOf(join(root, "open.ts")).open).toBe(true);
    expect(valueExportsOf(join(root, "broken.ts")).open).toBe(true);
    expect(valueExportsOf(join(root, "cycle-a.ts")).values).toContain("a");
  });
});

describe("stripTypeScript with followReExports", () => {
  const root = project("strip", {
    "internal.ts":
      "export interface Draft {}\nexport type Immutable<T> = T;\nexport const produce = 1;\nexport * from './more';\n",
    "more.ts": "export class Immer {}\n",
    "index.ts":
      "export { Draft, produce, Immutable as Frozen, Immer } from './internal';\nexport { Draft as D } from './internal';\nexport { x } from 'pkg';\n",
  });
  const file = join(root, "index.ts");
  const source = `${"export { Draft, produce, Immutable as Frozen, Immer } from './internal';"}\nexport { Draft as D } from './internal';\nexport { x } from 'pkg';\n`;
  test("names exported only as types are dropped from export-from lists, a list of types only goes whole", () => {
    const { code } = stripTypeScript(source, file, "x", { followReExports: true });
    expect(code.split("\n").map((l) => l.replace(/\s+/g, " ").trim())).toEqual([
      "export { produce, Immer } from './internal';",
      "",
      "export { x } from 'pkg';",
      "",
    ]);
  });
  test("without it (config files), the list is kept as a one-file compiler keeps it", () => {
    const { code } = stripTypeScript(source, file, "x", {});
    expect(code).toContain("export { Draft, produce, Immutable as Frozen, Immer } from './internal';");
  });
});
