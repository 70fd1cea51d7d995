// Test-time type checks in the sandbox copy: with ts-jest (or ts-node) in the project, every TypeScript file
// but declarations, node_modules and the instrumented copies opens with `// @ts-nocheck`, after a `#!` line.
import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { disableTypeChecks, typeCheckingLoader } from "../../../src/sandbox/type-checks.ts";
import { writeTree } from "../execute/thread/tree.ts";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("disableTypeChecks", () => {
  test("ts-jest in devDependencies: tests and sources get // @ts-nocheck; declarations, node_modules, mutated files do not", () => {
    dir = writeTree("gremlins-type-checks-", {
      "package.json": JSON.stringify({ devDependencies: { "ts-jest": "^29.0.0" } }),
      "src/a.ts": "export const a = 1;\n",
      "src/mutated.ts": "// @ts-nocheck\nexport const b = 2;\n",
      "src/cli.ts": "#!/usr/bin/env node\nconsole.log(1);\n",
      "types/index.d.ts": "export {};\n",
      "test/a.test.ts": "import { a } from '../src/a';\n",
      "src/plain.js": "module.exports = 1;\n",
      "node_modules/p/index.ts": "export {};\n",
    });
    expect(typeCheckingLoader(dir)).toBe("ts-jest");
    expect(disableTypeChecks(dir, new Set(["src/mutated.ts"]))).toBe(3);
    const read = (rel: string) => readFileSync(join(dir, rel), "utf8");
    expect(read("src/a.ts")).toBe("// @ts-nocheck\nexport const a = 1;\n");
    expect(read("test/a.test.ts")).toBe("// @ts-nocheck\nimport { a } from '../src/a';\n");
    expect(read("src/cli.ts")).toBe("#!/usr/bin/env node\n// @ts-nocheck\nconsole.log(1);\n");
    expect(read("src/mutated.ts")).toBe("// @ts-nocheck\nexport const b = 2;\n");
    expect(read("types/index.d.ts")).toBe("export {};\n");
    expect(read("src/plain.js")).toBe("module.exports = 1;\n");
    expect(read("node_modules/p/index.ts")).toBe("export {};\n");
  });

  test("no type-checking loader: nothing to do", () => {
    dir = writeTree("gremlins-type-checks-", { "package.json": JSON.stringify({ devDependencies: { vitest: "4" } }) });
    expect(typeCheckingLoader(dir)).toBeNull();
  });
});
