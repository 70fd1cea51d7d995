// The executable's host copy imports oxc-parser by relative path: `deno run` resolves bare specifiers through
// the project's deno.json (its import map and workspace), where oxc-parser is no dependency.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localOxcImports } from "../../../build.ts";

const dir = mkdtempSync(join(tmpdir(), "gremlins-oxc-imports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("every oxc-parser specifier points into node_modules/oxc-parser, from the module's own folder", () => {
  mkdirSync(join(dir, "execute/thread"), { recursive: true });
  const source = [
    'import { parseSync } from "oxc-parser";',
    'import { parseSync as parseNative } from "oxc-parser/src-js/bindings";',
    'import { jsonParseAst } from "oxc-parser/src-js/wrap.js";',
    'const later = await import("oxc-parser");',
    'const text = "oxc-parser";',
  ].join("\n");
  writeFileSync(join(dir, "gremlins.mjs"), source);
  writeFileSync(join(dir, "execute/thread/gremlins.worker.mjs"), source);
  localOxcImports(join(dir, "gremlins.mjs"), join(dir, "node_modules/oxc-parser"));
  localOxcImports(join(dir, "execute/thread/gremlins.worker.mjs"), join(dir, "node_modules/oxc-parser"));
  expect(readFileSync(join(dir, "gremlins.mjs"), "utf8").split("\n")).toEqual([
    'import { parseSync } from "./node_modules/oxc-parser/src-js/index.js";',
    'import { parseSync as parseNative } from "./node_modules/oxc-parser/src-js/bindings.js";',
    'import { jsonParseAst } from "./node_modules/oxc-parser/src-js/wrap.js";',
    'const later = await import("./node_modules/oxc-parser/src-js/index.js");',
    'const text = "oxc-parser";',
  ]);
  expect(readFileSync(join(dir, "execute/thread/gremlins.worker.mjs"), "utf8").split("\n")[0]).toBe(
    'import { parseSync } from "../../node_modules/oxc-parser/src-js/index.js";',
  );
});
