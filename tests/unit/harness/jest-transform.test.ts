// installJestTransform: a project's transformer (jest's interface) runs on require() of the files its pattern
// matches, with its options and jest's project config; outputs are shared through the cache dir by getCacheKey;
// a transformer that cannot serve require() is refused with the exact reason.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { harnessGlobals, installJestTransform } from "../../../src/harness/jest-transform.ts";

const dir = mkdtempSync(join(tmpdir(), "gremlins-jest-transform-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TRANSFORMER = `exports.createTransformer = (options) => ({
  process: (source, path, jest) => ({ code: source.replace("__WHO__", JSON.stringify(options.who + "@" + jest.config.rootDir)) }),
  getCacheKey: (source, path) => path + source.length,
});`;

describe("installJestTransform", () => {
  test("transforms matching files on require, shares outputs by getCacheKey, leaves ignored files alone", async () => {
    writeFileSync(join(dir, "transformer.cjs"), TRANSFORMER);
    writeFileSync(join(dir, "a.gtx"), "module.exports = __WHO__;");
    writeFileSync(join(dir, "ignored.gtx"), "module.exports = typeof __WHO__;");
    const cacheDir = join(dir, "cache");
    const problem = await installJestTransform({
      entries: [["\\.gtx$", join(dir, "transformer.cjs"), { who: "me" }]],
      ignore: ["ignored\\.gtx$"],
      config: { rootDir: "/root" },
      jestMajor: 30,
      extensions: [".gtx"],
      cacheDir,
    });
    expect(problem).toBeNull();
    const require = createRequire(join(dir, "x.js"));
    expect(require("./a.gtx")).toBe("me@/root");
    expect(require("./ignored.gtx")).toBe("undefined");
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  test("a transformer with processAsync only: the exact reason", async () => {
    writeFileSync(join(dir, "async.cjs"), "module.exports = { processAsync: async (s) => ({ code: s }) };");
    const problem = await installJestTransform({
      entries: [["\\.gty$", join(dir, "async.cjs"), {}]],
      ignore: [],
      config: {},
      jestMajor: 30,
      extensions: [".gty"],
    });
    expect(problem).toBe(
      `the jest transformer ${join(dir, "async.cjs")} cannot transform CommonJS files (it only has processAsync, which jest uses for ES modules)`,
    );
  });
});

describe("harnessGlobals", () => {
  test("a transform's own require of @jest/globals (hoisted jest.mock) reads the harness's namespace", () => {
    expect(harnessGlobals('function _getJestObj() { const { jest } = require("@jest/globals"); return jest; }')).toBe(
      'function _getJestObj() { const { jest } = globalThis.__gremlins_harness.moduleFor("@jest/globals"); return jest; }',
    );
    expect(harnessGlobals("require('@jest/globals-other'); x.require('@jest/globals')")).toBe(
      "require('@jest/globals-other'); x.require('@jest/globals')",
    );
  });
});
