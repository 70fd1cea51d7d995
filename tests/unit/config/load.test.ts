// Precedence (defaults < config file or package.json "gremlins" < CLI) and config file evaluation under Bun.
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_MUTATE, loadConfig } from "../../../src/config/index.ts";
import { defaultReporters } from "../../../src/config/defaults.ts";

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "gremlins-config-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("precedence", () => {
  test("built-in defaults when there is no config", async () => {
    const config = await loadConfig(project({}), {});
    expect(config.mutate).toEqual([...DEFAULT_MUTATE]);
    expect(config.workers).toBe("auto");
    expect(config.timeoutMs).toBe(5000);
    expect(config.timeoutFactor).toBe(1.5);
    expect(config.thresholds).toEqual({ high: 80, low: 60, break: null });
    expect(config.reporters).toEqual(defaultReporters(Boolean(process.stderr.isTTY)));
    expect(config.reportDir).toBe("reports/gremlins");
    expect(config.executor).toBe("auto");
    expect(config.testCommand).toBeNull();
    expect(config.configFile).toBeNull();
    expect(config.sources.workers).toBe("default");
  });

  test("config file overrides defaults, CLI overrides the file, per key and per threshold", async () => {
    const root = project({
      "gremlins.config.json": JSON.stringify({ workers: 3, timeoutMs: 100, thresholds: { high: 90, break: 50 } }),
    });
    const config = await loadConfig(root, { workers: 1, thresholds: { break: 70 } });
    expect(config.workers).toBe(1);
    expect(config.timeoutMs).toBe(100);
    expect(config.thresholds).toEqual({ high: 90, low: 60, break: 70 });
    expect(config.sources.workers).toBe("cli");
    expect(config.sources.timeoutMs).toBe("config");
    expect(config.sources["thresholds.high"]).toBe("config");
    expect(config.sources["thresholds.low"]).toBe("default");
    expect(config.sources["thresholds.break"]).toBe("cli");
    expect(config.sources.executor).toBe("default");
    expect(config.configFile).toBe(join(root, "gremlins.config.json"));
  });

  test('package.json "gremlins" is a config layer between defaults and CLI', async () => {
    const root = project({
      "package.json": JSON.stringify({ name: "x", gremlins: { reporters: ["html"], executor: "spawn" } }),
    });
    const config = await loadConfig(root, { executor: "thread" });
    expect(config.reporters).toEqual(["html"]);
    expect(config.sources.reporters).toBe("package.json");
    expect(config.executor).toBe("thread");
  });

  test('a config file and package.json "gremlins" together are refused', async () => {
    const root = project({ "gremlins.config.json": "{}", "package.json": JSON.stringify({ gremlins: {} }) });
    expect(await errorOf(loadConfig(root, {}))).toBe(
      'configuration found in gremlins.config.json and package.json "gremlins"; keep only one',
    );
  });

  test("operators merge include from one layer with exclude from another", async () => {
    const root = project({ "gremlins.config.json": JSON.stringify({ operators: { include: ["a", "b"] } }) });
    const config = await loadConfig(root, { operators: { exclude: ["b"] } });
    expect(config.operators).toEqual({ include: ["a", "b"], exclude: ["b"] });
  });

  test("thresholds.low above thresholds.high names both sources", async () => {
    const root = project({ "gremlins.config.json": JSON.stringify({ thresholds: { low: 70 } }) });
    expect(await errorOf(loadConfig(root, { thresholds: { high: 50 } }))).toBe(
      "thresholds.low (70, from gremlins.config.json) must not be greater than thresholds.high (50, from the command line)",
    );
  });

  test("invalid file values are reported with the file name, CLI values with the flag", async () => {
    const root = project({ "gremlins.config.json": JSON.stringify({ workers: "lots" }) });
    expect(await errorOf(loadConfig(root, {}))).toBe(
      'gremlins.config.json: workers must be a positive integer, "auto" or a percentage like "50%" (got "lots")',
    );
    expect(await errorOf(loadConfig(project({}), { timeoutMs: "soon" as never }))).toBe(
      '--timeout-ms must be a positive number of milliseconds (got "soon")',
    );
  });
});

describe("config files", () => {
  const tsConfig = `import { defineConfig, type UserConfig } from "gremlins";
interface Local { n: number }
const workers: number = 2 as number;
export default defineConfig({
  workers,
  thresholds: { high: 90 } satisfies UserConfig["thresholds"],
  reporters: ["json"],
});
`;

  test.each(["gremlins.config.ts", "gremlins.config.mts"])(
    "%s importing defineConfig from gremlins (not installed)",
    async (name) => {
      const root = project({ [name]: tsConfig });
      const config = await loadConfig(root, {});
      expect(config.workers).toBe(2);
      expect(config.thresholds.high).toBe(90);
      expect(config.reporters).toEqual(["json"]);
      expect(config.sources.workers).toBe("config");
      expect(readdirSync(root)).toEqual([name]); // the temporary evaluated copy is gone
    },
  );

  test("gremlins.config.mjs with a relative import", async () => {
    const root = project({
      "shared.mjs": "export const dir = 'out/reports';\n",
      "gremlins.config.mjs":
        'import { defineConfig } from "gremlins";\nimport { dir } from "./shared.mjs";\nexport default defineConfig({ reportDir: dir });\n',
    });
    expect((await loadConfig(root, {})).reportDir).toBe("out/reports");
  });

  test("gremlins.config.js as ESM in a CommonJS package and as CommonJS", async () => {
    const esm = project({ "package.json": "{}", "gremlins.config.js": "export default { timeoutMs: 42 };\n" });
    expect((await loadConfig(esm, {})).timeoutMs).toBe(42);
    const cjs = project({ "package.json": "{}", "gremlins.config.js": "module.exports = { timeoutMs: 43 };\n" });
    expect((await loadConfig(cjs, {})).timeoutMs).toBe(43);
  });

  test("--config points at a file elsewhere", async () => {
    const other = project({ "custom.json": JSON.stringify({ executor: "spawn" }) });
    const config = await loadConfig(project({}), {}, { configFile: join(other, "custom.json") });
    expect(config.executor).toBe("spawn");
    expect(config.configFile).toBe(join(other, "custom.json"));
  });

  test("errors: no default export, missing --config file, invalid JSON, throwing config, two config files", async () => {
    expect(await errorOf(loadConfig(project({ "gremlins.config.mjs": "export const x = 1;\n" }), {}))).toStartWith(
      "gremlins.config.mjs: must `export default` the configuration",
    );
    expect(await errorOf(loadConfig(project({}), {}, { configFile: "/nonexistent/g.json" }))).toBe(
      "--config: /nonexistent/g.json does not exist",
    );
    expect(await errorOf(loadConfig(project({ "gremlins.config.json": "{ workers: 2 }" }), {}))).toStartWith(
      "gremlins.config.json: invalid JSON",
    );
    expect(await errorOf(loadConfig(project({ "gremlins.config.mjs": 'throw new Error("boom");\n' }), {}))).toBe(
      "gremlins.config.mjs: failed to load (boom)",
    );
    expect(
      await errorOf(
        loadConfig(project({ "gremlins.config.ts": "export default {};", "gremlins.config.json": "{}" }), {}),
      ),
    ).toBe("configuration found in gremlins.config.ts and gremlins.config.json; keep only one");
  });

  test("unknown key in a TS config suggests the nearest key", async () => {
    const root = project({
      "gremlins.config.ts":
        'import { defineConfig } from "gremlins";\nexport default defineConfig({ reporter: ["json"] } as never);\n',
    });
    expect(await errorOf(loadConfig(root, {}))).toStartWith(
      'gremlins.config.ts: unknown key "reporter" (did you mean `reporters`?)',
    );
  });
});
