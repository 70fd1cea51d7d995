// Aliases in Suite form: vite's resolve.alias and jest's moduleNameMapper converted, and applied to
// specifiers the way the runners do (first match wins; extensions and index files; jest's path lists).
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyAliases, jestAliases, mentionsAlias, viteAliases } from "../../../src/project/aliases.ts";

const DIR = mkdtempSync(join(tmpdir(), "gremlins-aliases-"));
for (const file of ["src/util.ts", "src/lib/index.js", "src/styles/mock.js", "src/data.json", "test/a.test.ts"]) {
  mkdirSync(join(DIR, file, ".."), { recursive: true });
  writeFileSync(join(DIR, file), "");
}
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const IMPORTER = join(DIR, "test/a.test.ts");

describe("viteAliases", () => {
  test.each([
    [
      "an object",
      { "@": "/abs/src", "~utils": "./u" },
      [
        { find: "^@(?=/|$)", replacement: "/abs/src" },
        { find: "^~utils(?=/|$)", replacement: "./u" },
      ],
    ],
    [
      "an array with a RegExp find",
      [{ find: { $regexp: ["^#(.*)$", ""] }, replacement: "/x/$1" }],
      [{ find: "^#(.*)$", replacement: "/x/$1" }],
    ],
    ["nothing", undefined, []],
  ])("%s", (_, value, expected) => {
    expect(viteAliases(value)).toEqual(expected);
  });
  test("a customResolver cannot be honoured", () => {
    expect(viteAliases([{ find: "a", replacement: "b", customResolver: { $function: "r" } }])).toEqual({
      reason: "an alias with a customResolver",
    });
  });
});

describe("applyAliases", () => {
  const vite = viteAliases({ "@": join(DIR, "src"), "@lib": join(DIR, "src/lib"), preact: "preact/compat" }) as {
    find: string;
    replacement: string;
  }[];
  const jest = jestAliases([
    ["^@/(.*)$", `${DIR}/src/$1`],
    ["\\.css$", [`${DIR}/missing.js`, `${DIR}/src/styles/mock.js`]],
  ]);
  test.each([
    ["vite: a prefix up to /, extension added", vite, "@/util", join(DIR, "src/util.ts")],
    ["vite: a folder's index file", vite, "@lib", join(DIR, "src/lib/index.js")],
    ["vite: @ does not match @lib", vite, "@lib/index.js", join(DIR, "src/lib/index.js")],
    ["vite: a bare replacement stays a specifier", vite, "preact/hooks", "preact/compat/hooks"],
    ["vite: no alias applies", vite, "./local", null],
    ["jest: $1 and the whole specifier replaced", jest, "@/data.json", join(DIR, "src/data.json")],
    [
      "jest: the next path of a list when the first does not exist",
      jest,
      "../styles/app.css",
      join(DIR, "src/styles/mock.js"),
    ],
    ["jest: a mapped path that exists nowhere is left alone", jest, "@/nothing", null],
  ])("%s", (_, aliases, specifier, expected) => {
    expect(applyAliases(specifier, IMPORTER, aliases, DIR)).toBe(expected);
  });
  test("vite: a root-relative path (/src/x)", () => {
    expect(applyAliases("#util", IMPORTER, [{ find: "^#(.*)$", replacement: "/src/$1" }], DIR)).toBe(
      join(DIR, "src/util.ts"),
    );
  });
  test("a $ in a jest path is literal", () => {
    expect(jestAliases([["^x$", "/a$b/$1"]])[0]?.replacement).toBe("/a$$b/$1");
  });
});

describe("mentionsAlias", () => {
  test("finds a string literal an alias matches", () => {
    const aliases = viteAliases({ "@": "/src" }) as { find: string; replacement: string }[];
    expect(mentionsAlias(`import x from "@/x";`, aliases)).toBe(true);
    expect(mentionsAlias(`import x from "./x"; const s = "@@";`, aliases)).toBe(false);
    expect(mentionsAlias(`import x from "@/x";`, [])).toBe(false);
  });
});
