// File discovery: globs and negations, .gitignore (root and nested), node_modules (also behind symlinks),
// test and declaration files, odd names, symlink loops, and the shape of the result.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DEFAULT_MUTATE } from "../../../src/config/defaults.ts";
import { discoverFiles } from "../../../src/discover/index.ts";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tree(files: string[], links: Record<string, string> = {}, texts: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "gremlins-discover-"));
  roots.push(root);
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), texts[file] ?? "export const x = 1;\n");
  }
  for (const [link, target] of Object.entries(links)) {
    mkdirSync(dirname(join(root, link)), { recursive: true });
    symlinkSync(target, join(root, link));
  }
  return root;
}

describe("discoverFiles with the default globs", () => {
  test("every JS/TS flavour under src/ and lib/, minus tests, declarations and build output", async () => {
    const root = tree([
      "src/a.js",
      "src/b.jsx",
      "src/c.mjs",
      "src/d.cjs",
      "src/e.ts",
      "src/f.tsx",
      "src/g.mts",
      "src/h.cts",
      "lib/i.js",
      "index.js",
      "test/t.js",
      "src/a.test.ts",
      "src/a.spec.js",
      "src/__tests__/x.ts",
      "src/types.d.ts",
      "src/m.d.mts",
      "src/dist/o.js",
      "src/build/o.js",
      "src/coverage/o.js",
      "src/out/o.js",
      "src/data.json",
      "src/style.css",
      "src/node_modules/p/index.js",
    ]);
    expect(await discoverFiles(root, [...DEFAULT_MUTATE])).toEqual([
      "lib/i.js",
      "src/a.js",
      "src/b.jsx",
      "src/c.mjs",
      "src/d.cjs",
      "src/e.ts",
      "src/f.tsx",
      "src/g.mts",
      "src/h.cts",
    ]);
  });

  test("root and nested .gitignore files, including a nested negation", async () => {
    const root = tree(
      ["src/keep.ts", "src/gen/x.ts", "src/gen/keep-me.ts", "src/deep/y.ts", "src/deep/z.ts", "src/secret.ts"],
      {},
      {},
    );
    writeFileSync(join(root, ".gitignore"), "secret.ts\nsrc/gen/\n");
    writeFileSync(join(root, "src/deep/.gitignore"), "y.ts\n");
    expect(await discoverFiles(root, [...DEFAULT_MUTATE])).toEqual(["src/deep/z.ts", "src/keep.ts"]);
    writeFileSync(join(root, ".gitignore"), "src/*.ts\n");
    writeFileSync(join(root, "src/.gitignore"), "!keep.ts\n");
    expect(await discoverFiles(root, ["src/*.ts"])).toEqual(["src/keep.ts"]);
  });

  test("paths with spaces and non-ASCII names, sorted, forward slashes", async () => {
    const root = tree(["src/with space/a b.ts", "src/ünïcödé/ß.ts", "src/日本/x.js", "src/Z.ts"]);
    expect(await discoverFiles(root, [...DEFAULT_MUTATE])).toEqual([
      "src/Z.ts",
      "src/with space/a b.ts",
      "src/ünïcödé/ß.ts",
      "src/日本/x.js",
    ]);
  });
});

describe("discoverFiles with symlinks", () => {
  test("never enters node_modules, even through a symlink under another name", async () => {
    const root = tree(["node_modules/pkg/index.js", "src/a.ts"], {
      "src/vendor": "../node_modules/pkg",
      "src/node_modules": "../node_modules",
    });
    expect(await discoverFiles(root, ["src/**/*.js", "src/**/*.ts"])).toEqual(["src/a.ts"]);
    expect(await discoverFiles(root, ["**/*.js"])).toEqual([]);
  });

  test("a symlink loop does not repeat files", async () => {
    const root = tree(["src/a.ts", "src/sub/b.ts"], { "src/sub/loop": "..", "src/self": "." });
    expect(await discoverFiles(root, [...DEFAULT_MUTATE])).toEqual(["src/a.ts", "src/sub/b.ts"]);
  });

  test("a symlinked directory outside the globs' real location is found once under its link", async () => {
    const root = tree(["shared/util.ts"], { "src/shared": "../shared" });
    expect(await discoverFiles(root, [...DEFAULT_MUTATE])).toEqual(["src/shared/util.ts"]);
  });
});

describe("discoverFiles with user globs", () => {
  test("negated globs exclude, directories expand, the sandbox and .git are never searched", async () => {
    const root = tree(["app/a.ts", "app/gen/b.ts", "app/c.ts", ".gremlins/sandbox-1/app/a.ts", ".git/x.js"]);
    expect(await discoverFiles(root, ["app/**/*.ts", "!app/gen/**"])).toEqual(["app/a.ts", "app/c.ts"]);
    expect(await discoverFiles(root, ["app"])).toEqual(["app/a.ts", "app/c.ts", "app/gen/b.ts"]);
    expect(await discoverFiles(root, ["**/*.ts", "**/*.js"])).toEqual(["app/a.ts", "app/c.ts", "app/gen/b.ts"]);
  });

  test("only negations or nothing matching gives an empty list", async () => {
    const root = tree(["src/a.ts"]);
    expect(await discoverFiles(root, ["!src/**"])).toEqual([]);
    expect(await discoverFiles(root, ["nope/**/*.ts"])).toEqual([]);
  });
});
