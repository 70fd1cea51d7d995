// A tiny instrumented library plus entry scripts, written to a temp dir, for the runtime-helper
// tests that run real child processes (node, bun, deno, jest, vitest, worker threads).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { instrumentFile } from "../../../src/instrument/index.ts";
import { handGremlin, sourceFile } from "./_helpers.ts";

/** Gremlin indices of the fixture library. */
export const G = { add: 1, loop: 2, unused: 3, static: 4 } as const;

const BODY = `function add(a, b) { return a + b; }
function spin(n) { let t = 0; for (let i = 0; i < n; i++) { t = t + 1; } return t; }
function unused() { return 1 + 1; }
const base = 10 * 2;
`;

function library(file: string, exportsText: string): string {
  const source = BODY + exportsText;
  const gremlins = [
    handGremlin(file, source, G.add, "a + b", "a - b"),
    handGremlin(file, source, G.loop, "t + 1", "t - 1"),
    handGremlin(file, source, G.unused, "1 + 1", "1 - 1"),
    handGremlin(file, source, G.static, "10 * 2", "10 / 2"),
  ];
  return instrumentFile(sourceFile(file, source, gremlins));
}

/** What every entry script prints: one JSON line. `spin` runs twice to show the hit limit keeps throwing. */
const PROBE = `let out;
try { out = { add: add(2, 3), base, spin: spin(100) }; }
catch (e) { let again; try { spin(1); again = "no error"; } catch (e2) { again = Object(e2).name; } out = { error: Object(e).name, again }; }
console.log(JSON.stringify(out));
`;

/** Writes lib.mjs / lib.cjs / lib.ts and entry scripts main.mjs / main.cjs / main.ts / main_test.ts into `dir`. */
export function writeFixture(dir: string): void {
  const esm = "export { add, spin, unused, base };\n";
  writeFileSync(join(dir, "lib.mjs"), library("lib.mjs", esm));
  writeFileSync(join(dir, "lib.cjs"), library("lib.cjs", "module.exports = { add, spin, unused, base };\n"));
  writeFileSync(join(dir, "lib.ts"), library("lib.ts", "export const typed: number = add(1, 1);\n" + esm));
  writeFileSync(join(dir, "main.mjs"), `import { add, spin, base } from "./lib.mjs";\n${PROBE}`);
  // process.exit right away: coverage must already be on disk.
  writeFileSync(join(dir, "main.cjs"), `const { add, spin, base } = require("./lib.cjs");\n${PROBE}process.exit(0);\n`);
  writeFileSync(join(dir, "main.ts"), `import { add, spin, base } from "./lib.ts";\n${PROBE}`);
  writeFileSync(
    join(dir, "main_test.ts"),
    `import { add, spin, base } from "./lib.ts";\nDeno.test("probe", () => {\n${PROBE}});\n`,
  );
}
