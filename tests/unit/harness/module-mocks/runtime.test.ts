// The worker side of vitest's module mocks: a prelude registers, load() makes each mock (factory result,
// or an automock of the original: functions become mock functions, arrays empty, primitives kept) and
// writes the module the file's project copy imports instead of the original.
import { afterEach, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ModuleMocker } from "jest-mock";
import {
  bunStandInSource,
  createModuleMocks,
  MOCKS_GLOBAL,
  mockModuleSource,
} from "../../../../src/harness/module-mocks/runtime.ts";

let dir = "";
const realm = globalThis as Record<string, unknown>;
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  delete realm[MOCKS_GLOBAL];
  delete realm.__mockSeen;
});

test("mockModuleSource re-exports every key, whatever its name", () => {
  expect(mockModuleSource("/c/t.ts", 1, ["default", "spawn", "a-b"])).toBe(
    [
      'const m = globalThis.__gremlins_mocks.value("/c/t.ts", 1);',
      'const v0 = m["default"];',
      'export { v0 as "default" };',
      'const v1 = m["spawn"];',
      'export { v1 as "spawn" };',
      'const v2 = m["a-b"];',
      'export { v2 as "a-b" };',
      "",
    ].join("\n"),
  );
});

test("load: automock and factory with importOriginal, then the file sees the mocks through the written modules", async () => {
  dir = mkdtempSync(join(tmpdir(), "gremlins-module-mocks-"));
  mkdirSync(join(dir, ".mocks"));
  writeFileSync(
    join(dir, "dep.mjs"),
    "export function twice(x) { return 2 * x; }\nexport const list = [1, 2];\nexport const label = 'dep';\nexport default { nested: { f() { return 1; } } };\n",
  );
  writeFileSync(join(dir, "other.mjs"), "export const a = 1;\nexport const b = 2;\n");
  writeFileSync(
    join(dir, "t.gremlins-prelude.mjs"),
    [
      "const m = globalThis.__gremlins_mocks;",
      'm.register("./dep.mjs", undefined, () => import("./dep.mjs"));',
      'm.register("./other.mjs", async (orig) => ({ ...(await orig()), b: 20 }), () => import("./other.mjs"));',
    ].join("\n"),
  );
  const modules = [join(dir, ".mocks/0.mjs"), join(dir, ".mocks/1.mjs")];
  writeFileSync(
    join(dir, "t.mjs"),
    'import dep, { twice, list, label } from "./.mocks/0.mjs";\nimport { a, b } from "./.mocks/1.mjs";\nglobalThis.__mockSeen = { dep, twice, list, label, a, b };\n',
  );
  const mocker = new ModuleMocker(globalThis);
  const mocks = createModuleMocks(mocker, (file) => import(pathToFileURL(file).href));
  realm[MOCKS_GLOBAL] = mocks;
  await mocks.load({ copy: join(dir, "t.mjs"), prelude: join(dir, "t.gremlins-prelude.mjs"), modules });
  const seen = realm.__mockSeen as Record<string, unknown>;
  expect(mocker.isMockFunction(seen.twice)).toBe(true);
  expect((seen.twice as (x: number) => unknown)(2)).toBeUndefined();
  expect(seen.list).toEqual([]);
  expect(seen.label).toBe("dep");
  expect(mocker.isMockFunction((seen.dep as { nested: { f: unknown } }).nested.f)).toBe(true);
  expect([seen.a, seen.b]).toEqual([1, 20]);
  expect(readFileSync(modules[1]!, "utf8")).toContain('export { v1 as "b" };');
  // vi.importActual while a test runs: the one file that registered the path.
  expect(((await mocks.importActual("./dep.mjs")) as { twice(x: number): number }).twice(2)).toBe(4);
  await expect(mocks.importActual("./nothing.mjs")).rejects.toThrow(
    'vi.importActual("./nothing.mjs") outside a file that mocks modules',
  );
});

test("a factory that does not return an object fails the file, with vitest's message", async () => {
  dir = mkdtempSync(join(tmpdir(), "gremlins-module-mocks-"));
  writeFileSync(
    join(dir, "p.mjs"),
    'globalThis.__gremlins_mocks.register("./x.mjs", () => 1, () => import("./x.mjs"));\n',
  );
  writeFileSync(join(dir, "t.mjs"), "\n");
  const mocks = createModuleMocks(new ModuleMocker(globalThis), (file) => import(pathToFileURL(file).href));
  realm[MOCKS_GLOBAL] = mocks;
  await expect(
    mocks.load({ copy: join(dir, "t.mjs"), prelude: join(dir, "p.mjs"), modules: [join(dir, "m.mjs")] }),
  ).rejects.toThrow('vi.mock("./x.mjs", factory?) is not returning an object');
});

test("bun: loaded first, the call updates the stand-in's bindings in place (other names kept); lazy, the factory's result is the module", async () => {
  dir = mkdtempSync(join(tmpdir(), "gremlins-bun-mocks-"));
  mkdirSync(join(dir, ".mocks"));
  writeFileSync(join(dir, "dep.mjs"), "export const a = 'real a';\nexport const b = 'real b';\n");
  writeFileSync(join(dir, ".mocks/0.mjs"), bunStandInSource(join(dir, "t.mjs"), 0, ["a", "b"], false, "../dep.mjs"));
  writeFileSync(join(dir, ".mocks/1.mjs"), bunStandInSource(join(dir, "t.mjs"), 1, ["c"], true, "../nope.mjs"));
  writeFileSync(
    join(dir, "t.mjs"),
    [
      'import { a, b } from "./.mocks/0.mjs";',
      "globalThis.__mockSeen = [a];",
      'globalThis.__bunMock("./dep.mjs", () => ({ a: "mocked a" }));',
      "globalThis.__mockSeen.push(a, b);",
      'globalThis.__bunMock("./lazy.mjs", () => { globalThis.__mockSeen.push("factory"); return { c: 3 }; });',
      "globalThis.__mockSeen.push('called');",
      'const lazy = await import("./.mocks/1.mjs");',
      "globalThis.__mockSeen.push(lazy.c);",
    ].join("\n"),
  );
  const reasons: string[] = [];
  const mocks = createModuleMocks(
    new ModuleMocker(globalThis),
    (f) => import(pathToFileURL(f).href),
    (r) => {
      reasons.push(r);
    },
  );
  realm[MOCKS_GLOBAL] = mocks;
  realm.__bunMock = (path: string, factory: () => unknown) => mocks.bunMock(path, factory);
  try {
    const modules = [join(dir, ".mocks/0.mjs"), join(dir, ".mocks/1.mjs")];
    await mocks.load({
      copy: join(dir, "t.mjs"),
      prelude: "",
      modules,
      kind: "bun",
      paths: ["./dep.mjs", "./lazy.mjs"],
    });
    expect(realm.__mockSeen).toEqual(["real a", "mocked a", "real b", "called", "factory", 3]);
    expect(reasons).toEqual([]);
    // A call where no test file was prepared for it is a reason, not a silent no-op.
    mocks.bunMock("./dep.mjs", () => ({}));
    expect(reasons[0]).toContain('mock.module("./dep.mjs") where the thread executor did not prepare it');
  } finally {
    delete realm.__bunMock;
  }
});
