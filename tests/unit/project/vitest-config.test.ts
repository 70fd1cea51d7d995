// readVitestConfig on small temp projects: configs evaluated by the project's own vite (object, defineConfig of
// a function, async, mergeConfig with an imported TypeScript file, projects), and the exact reasons for what
// the harness cannot honour.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { readVitestConfig } from "../../../src/project/vitest-config.ts";
import { removeProject, tempProject } from "./_temp-project.ts";

const TESTS = { "test/a.test.ts": "", "spec/b.spec.ts": "", "src/c.ts": "", "node_modules_copy/skip.test.ts": "" };

interface Case {
  name: string;
  files: Record<string, string>;
  options?: { config?: string; root?: string; dir?: string; exclude?: string[] };
  /** Expected result; `$DIR` in strings stands for the project dir. */
  expected: Record<string, unknown>;
}

const CASES: Case[] = [
  {
    name: "a plain object",
    files: {
      "vitest.config.mjs": `export default { test: { include: ["spec/**/*.spec.ts"], testTimeout: 2000, reporters: ["dot"] } };`,
    },
    expected: {
      files: ["spec/b.spec.ts"],
      preload: [],
      aliases: [],
      testTimeoutMs: 2000,
      notes: ["vitest.config.mjs: ignored test.reporters (output only)"],
    },
  },
  {
    name: "defineConfig of a function of the environment (mode is test)",
    files: {
      "vitest.config.ts": `import { defineConfig } from "vitest/config";
export default defineConfig(({ mode }: { mode: string }) => ({ test: { include: [mode === "test" ? "test/**/*.test.ts" : "nothing"] } }));`,
    },
    expected: { files: ["test/a.test.ts"], preload: [], aliases: [], notes: [] },
  },
  {
    name: "async defineConfig, mergeConfig with a local TypeScript file, setupFiles and aliases",
    files: {
      "shared.ts": `import type { UserConfig } from "vite";
import { fileURLToPath } from "node:url";
export const shared: UserConfig = { resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } } };`,
      "vitest.config.ts": `import { defineConfig, mergeConfig } from "vitest/config";
import { shared } from "./shared.ts";
export default defineConfig(async () => mergeConfig(shared, { test: { setupFiles: ["./test/setup.ts"], alias: [{ find: /^~(.*)$/, replacement: "/x$1" }] } }));`,
      "test/setup.ts": "",
    },
    expected: {
      files: ["node_modules_copy/skip.test.ts", "spec/b.spec.ts", "test/a.test.ts"],
      preload: ["./test/setup.ts"],
      aliases: [
        { find: "^~(.*)$", replacement: "/x$1" },
        { find: "^@(?=/|$)", replacement: "$DIR/src" },
      ],
      notes: [],
    },
  },
  {
    name: "vite.config.mjs when there is no vitest.config",
    files: { "vite.config.mjs": `export default { test: { include: ["src/*.ts"] } };` },
    expected: { files: ["src/c.ts"], preload: [], aliases: [], notes: [] },
  },
  {
    name: "no config: vitest's own defaults (the linked node_modules excluded)",
    files: {},
    expected: {
      files: ["node_modules_copy/skip.test.ts", "spec/b.spec.ts", "test/a.test.ts"],
      preload: [],
      aliases: [],
      notes: [],
    },
  },
  {
    name: "--config names another file; test.dir narrows the scan",
    files: { "configs/unit.mjs": `export default { test: { dir: "spec" } };` },
    options: { config: "configs/unit.mjs" },
    expected: { files: ["spec/b.spec.ts"], preload: [], aliases: [], notes: [] },
  },
  {
    name: "--exclude globs add to the config's exclude",
    files: { "configs/unit.mjs": `export default { test: { include: ["**/*.{test,spec}.ts"] } };` },
    options: { config: "configs/unit.mjs", exclude: ["spec/**", "**/node_modules_copy/**"] },
    expected: { files: ["test/a.test.ts"], preload: [], aliases: [], notes: [] },
  },
  {
    name: "inline projects: files of every project",
    files: {
      "vitest.config.mjs": `export default { test: { projects: [{ test: { name: "a", include: ["test/**/*.test.ts"] } }, { test: { name: "b", include: ["spec/**/*.spec.ts"] } }] } };`,
    },
    expected: {
      files: ["spec/b.spec.ts", "test/a.test.ts"],
      preload: [],
      aliases: [],
      notes: ["vitest.config.mjs: 2 projects (a, b)"],
    },
  },
  {
    name: "a project config file with extends: true inherits the root's setupFiles (resolved in the project's root, as vitest does)",
    files: {
      "vitest.config.mjs": `export default { test: { setupFiles: ["./setup.mjs"], projects: ["packages/*"] } };`,
      "packages/one/setup.mjs": "",
      "packages/one/vitest.config.mjs": `export default { extends: true, test: { include: ["**/*.test.ts"] } };`,
      "packages/one/x.test.ts": "",
    },
    expected: { files: ["packages/one/x.test.ts"], preload: ["./packages/one/setup.mjs"], aliases: [], notes: [] },
  },
  {
    name: "test.env is set for the tests; type checking is harmless",
    files: {
      "vitest.config.mjs": `export default { test: { include: ["test/**"], env: { NO_COLOR: "1", N: 2 }, typecheck: { enabled: true } } };`,
    },
    expected: {
      files: ["test/a.test.ts"],
      preload: [],
      aliases: [],
      env: { NO_COLOR: "1", N: "2" },
      notes: [
        "vitest.config.mjs: ignored test.typecheck (type tests check the code's types, which no gremlin changes: gremlins are switched on at run time)",
      ],
    },
  },
  {
    name: "projects with different testTimeout values: the longest applies",
    files: {
      "vitest.config.mjs": `export default { test: { projects: [{ test: { name: "a", include: ["test/**"], testTimeout: 1000 } }, { test: { name: "b", include: ["spec/**"] } }, { test: { name: "c", include: ["spec/**"], testTimeout: 3000 } }] } };`,
    },
    expected: {
      files: ["spec/b.spec.ts", "test/a.test.ts"],
      preload: [],
      aliases: [],
      testTimeoutMs: 5000,
      notes: [
        "vitest.config.mjs: projects set different testTimeout values; the harness applies the longest, 5000 ms",
        "vitest.config.mjs: 3 projects (a, b, c)",
      ],
    },
  },
  {
    name: "projects with different setupFiles",
    files: {
      "vitest.config.mjs": `export default { test: { projects: [{ test: { name: "a", setupFiles: ["./s1.mjs"] } }, { test: { name: "b" } }] } };`,
    },
    expected: {
      reason:
        "vitest.config.mjs has projects with different setupFiles, which the built-in harness cannot load side by side",
    },
  },
  {
    name: "environment jsdom",
    files: { "vitest.config.mjs": `export default { test: { environment: "jsdom" } };` },
    expected: {
      reason: 'vitest.config.mjs sets test.environment "jsdom" (the built-in harness runs tests in node only)',
    },
  },
  {
    name: "an unknown test key",
    files: { "vitest.config.mjs": `export default { test: { fooBar: 1 } };` },
    expected: {
      reason: "vitest.config.mjs sets test.fooBar (unknown to gremlins), which the built-in harness does not honour",
    },
  },
  {
    name: "a vite plugin",
    files: { "vite.config.mjs": `export default { plugins: [{ name: "my-plugin" }] };` },
    expected: {
      reason:
        "vite.config.mjs sets plugins (vite plugins, which transform the code vitest runs), which the built-in harness does not honour",
    },
  },
  {
    name: "mocks cleared before each test",
    files: { "vitest.config.mjs": `export default { test: { clearMocks: true, restoreMocks: false } };` },
    expected: {
      reason:
        "vitest.config.mjs sets test.clearMocks (mocks cleared before each test), which the built-in harness does not honour",
    },
  },
  {
    name: "globalSetup",
    files: { "vitest.config.mjs": `export default { test: { globalSetup: "./global.mjs" } };` },
    expected: {
      reason:
        "vitest.config.mjs sets test.globalSetup (run once by vitest before all test files), which the built-in harness does not run yet",
    },
  },
  {
    name: "a config that throws",
    files: { "vitest.config.mjs": `throw new Error("no config for you");` },
    expected: { reason: "vitest.config.mjs could not be evaluated with the project's vite (no config for you)" },
  },
];

describe("readVitestConfig", () => {
  for (const c of CASES) {
    test(
      c.name,
      () => {
        const dir = tempProject({ ...TESTS, ...c.files });
        try {
          const expected = JSON.parse(JSON.stringify(c.expected).replaceAll("$DIR", dir));
          expect(readVitestConfig(dir, c.options)).toEqual(expected);
        } finally {
          removeProject(dir);
        }
      },
      30_000,
    );
  }

  test("the config is evaluated in the project dir (relative paths, process.cwd())", () => {
    const dir = tempProject({
      ...TESTS,
      "vitest.config.mjs": `export default { test: { include: [process.cwd().endsWith("${"/"}") ? "x" : "spec/**"] } };`,
    });
    try {
      expect(readVitestConfig(join(dir, "."))).toMatchObject({ files: ["spec/b.spec.ts"] });
    } finally {
      removeProject(dir);
    }
  }, 30_000);
});
