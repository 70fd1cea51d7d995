// Suite.aliases in the sandbox: every project file's static imports, re-exports, dynamic imports and
// require() calls that an alias matches point at the aliased file (relative path) or package; other
// specifiers and node_modules are left alone, and restore() puts the originals back.
import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { redirectImports } from "../../../../src/execute/thread/prepare.ts";
import { writeTree } from "./tree.ts";
import { jestAliases, viteAliases, type Alias } from "../../../../src/project/aliases.ts";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sandbox(files: Record<string, string>): string {
  return (dir = writeTree("gremlins-prepare-aliases-", files));
}

const FILES = {
  "src/math/add.ts": "export const add = (a: number, b: number) => a + b;\n",
  "src/index.ts": 'export { add } from "@/math/add";\nexport const lazy = () => import("@/math/add");\n',
  "src/cjs.cjs": 'const { add } = require("@/math/add");\nmodule.exports = add;\n',
  "test/index.test.ts":
    'import { test } from "vitest";\nimport { add } from "@/math/add";\nimport x from "./helper";\nimport y from "lodash";\n',
  "test/helper.ts": "export default 1;\n",
  "node_modules/pkg/index.js": 'require("@/math/add");\n',
};

function run(aliases: Alias[]) {
  return redirectImports({
    dir,
    specifiers: ["vitest"],
    shimSource: () => "export {};",
    testFiles: ["test/index.test.ts"],
    aliases,
  });
}

describe("redirectImports with aliases", () => {
  test("vite's resolve.alias: imports, re-exports, dynamic imports and require", () => {
    sandbox(FILES);
    const aliases = viteAliases({ "@": join(dir, "src") }) as Alias[];
    const redirection = run(aliases);
    expect(redirection.rewritten.sort()).toEqual(["src/cjs.cjs", "src/index.ts", "test/index.test.ts"]);
    expect(readFileSync(join(dir, "src/index.ts"), "utf8")).toBe(
      'export { add } from "./math/add.ts";\nexport const lazy = () => import("./math/add.ts");\n',
    );
    expect(readFileSync(join(dir, "src/cjs.cjs"), "utf8")).toBe(
      'const { add } = require("./math/add.ts");\nmodule.exports = add;\n',
    );
    expect(readFileSync(join(dir, "test/index.test.ts"), "utf8")).toBe(
      'import { test } from "../.gremlins-harness/vitest.mjs";\nimport { add } from "../src/math/add.ts";\nimport x from "./helper";\nimport y from "lodash";\n',
    );
    expect(readFileSync(join(dir, "node_modules/pkg/index.js"), "utf8")).toBe('require("@/math/add");\n');
    redirection.restore();
    for (const [path, text] of Object.entries(FILES)) expect(readFileSync(join(dir, path), "utf8")).toBe(text);
  });

  test("jest's moduleNameMapper with $1, and a mapping to a package", () => {
    sandbox({ ...FILES, "test/style.test.ts": 'import "./app.css";\nimport { add } from "@/math/add";\n' });
    run(
      jestAliases([
        ["^@/(.*)$", `${dir}/src/$1`],
        ["\\.css$", "identity-obj-proxy"],
      ]),
    );
    expect(readFileSync(join(dir, "test/style.test.ts"), "utf8")).toBe(
      'import "identity-obj-proxy";\nimport { add } from "../src/math/add.ts";\n',
    );
  });

  test("under a jest transform (ts-jest type-checks), an extensionless aliased import stays extensionless", () => {
    sandbox({
      ...FILES,
      "test/plain.test.ts": 'import { add } from "@/math/add";\nimport data from "@/data.json";\n',
      "src/data.json": "{}",
    });
    redirectImports({
      dir,
      specifiers: ["vitest"],
      shimSource: () => "export {};",
      testFiles: ["test/plain.test.ts"],
      aliases: jestAliases([["^@/(.*)$", `${dir}/src/$1`]]),
      requireOnly: true,
    });
    // "../src/math/add.ts" would be TS5097 under ts-jest (allowImportingTsExtensions is off).
    expect(readFileSync(join(dir, "test/plain.test.ts"), "utf8")).toBe(
      'import { add } from "../src/math/add";\nimport data from "../src/data.json";\n',
    );
  });
});
