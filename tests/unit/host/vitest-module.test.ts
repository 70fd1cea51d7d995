// vitest's module semantics for the Node host's workers: named imports a project module does not export become
// undefined, CommonJS names are defined where used, a package's namespace reads its CommonJS exports; lines kept.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSync } from "oxc-parser";
import { asVitestModule } from "../../../src/host/vitest-module.ts";

const root = mkdtempSync(join(tmpdir(), "gremlins-vitest-module-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, "src"));
mkdirSync(join(root, "test"));
writeFileSync(
  join(root, "src/index.ts"),
  "export interface Draft {}\nexport const produce = 1;\nexport default produce;\n",
);
const file = join(root, "test/a.test.js");

/** The rewritten source, checked to parse and to keep its line count. */
function rewrite(source: string): string {
  const out = asVitestModule(source, file);
  expect(out.split("\n").length).toBe(source.split("\n").length);
  expect(parseSync("x.mjs", out, { sourceType: "module" }).errors).toEqual([]);
  return out;
}

describe("asVitestModule", () => {
  test("a named import the module does not export (or exports only as a type) becomes an undefined var", () => {
    const out = rewrite(`import { produce, gone, Draft as D } from "../src/index"\nproduce(gone, D);\n`);
    expect(out.split("\n")[0]?.replace(/\s+/g, " ")).toBe(`import { produce, } from "../src/index"; var gone, D;`);
  });

  test("imports that all resolve, and modules it cannot read, are left as they are", () => {
    const source = `import produce, { produce as p } from "../src/index";\nimport { x } from "./missing.js";\n`;
    expect(asVitestModule(source, file)).toBe(source);
  });

  test("require, __filename and __dirname are defined on line 1 where used and not declared", () => {
    const out = rewrite(`const pkg = require("../package.json");\nconsole.log(__dirname);\n`);
    expect(out.split("\n")[0]).toStartWith(`import { createRequire as __gremlins_createRequire } from "node:module";`);
    expect(out).toContain(`const __dirname = ${JSON.stringify(join(root, "test"))};`);
    expect(out).not.toContain("const __filename");
    const declared = `import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\nrequire("x");\n`;
    expect(asVitestModule(declared, file)).toBe(declared);
  });

  test("a package's namespace import reads its CommonJS exports; a relative or built-in one is left alone", () => {
    const out = rewrite(
      `import * as lodash from "lodash";\nimport * as fs from "node:fs";\nimport * as src from "../src/index";\n`,
    );
    const [first, second, third] = out.split("\n");
    expect(first).toStartWith(`import * as __gremlins_ns_lodash`);
    expect(first?.replace(/\s+/g, " ")).toContain(`__gremlins_ns_lodash from "lodash"; const lodash = (`);
    expect(second).toBe(`import * as fs from "node:fs";`);
    expect(third).toBe(`import * as src from "../src/index";`);
  });

  test("the interop reads the namespace first, then module.exports; an ES module namespace is itself", async () => {
    const out = asVitestModule(`import * as lib from "lib";\nexport { lib };\n`, file);
    const interop = new Function(`return ${/const lib = (\(.*\))\(__gremlins_ns_lib\);/.exec(out)?.[1]};`)() as (
      ns: object,
    ) => Record<string, unknown>;
    const cjs = interop({ default: { set: "set", default: "inner" } });
    expect([cjs.set, "set" in cjs, cjs.default]).toEqual(["set", true, { set: "set", default: "inner" }]);
    const esm = { __esModule: true, default: { set: 1 } };
    expect(interop(esm)).toBe(esm);
  });
});
