// bun:test's mock.module: which calls are emulated (top level, literal path, a factory) and what the
// factory's object literal declares; the names an ES module exports, read from its source.
import { describe, expect, test } from "bun:test";
import { planBunMocks } from "../../../../src/harness/module-mocks/bun-plan.ts";
import { exportNames } from "../../../../src/config/value-exports.ts";

const HEAD = 'import { mock as m, test } from "bun:test";\n';

describe("planBunMocks", () => {
  test("top-level calls, in order, with the names the factory's literal declares", () => {
    const plan = planBunMocks(
      "a.test.ts",
      `${HEAD}m.module("./a", () => ({ x: 1, "y-z": m(), f() {} }));\nm.module("./b", () => { return { ...other }; });\nm.module("./c", async () => make());\n`,
    );
    expect(plan).toEqual({
      mocks: [
        { path: "./a", keys: ["x", "y-z", "f"] },
        { path: "./b", keys: null },
        { path: "./c", keys: null },
      ],
    });
  });

  test.each([
    [
      'test("t", () => { m.module("./a", () => ({})); });',
      "mock.module inside a function, test or hook (bun applies it from that call on, to every later test and file; not emulated)",
    ],
    ["m.module(name, () => ({}));", "mock.module with a path that is not a string literal"],
    ['m.module("./a", factory);', 'mock.module("./a", …) without a factory function'],
    ['m.module("./a", () => ({}));\nm.module("./a", () => ({}));', 'mock.module("./a") twice'],
  ])("%s is refused", (body, reason) => {
    expect(planBunMocks("a.test.ts", HEAD + body)).toEqual({ reason });
  });

  test("no mock.module on bun:test's mock: nothing to plan", () => {
    expect(planBunMocks("a.test.ts", 'import { test } from "bun:test";\nother.module("./a", () => ({}));')).toBeNull();
  });
});

describe("exportNames", () => {
  const files: Record<string, string> = {
    "/p/a.ts":
      'export const x = 1, { y, z: [w] } = o;\nexport function f() {}\nexport default 3;\nexport type T = 1;\nexport interface I {}\nexport declare const d: number;\nexport { q as "r", type T as U };\nexport * from "./b";\nexport * as ns from "pkg";\nexport enum E { A }\n',
    "/p/b.ts": "export class C {}\nexport default 1;\n",
    "/p/cjs.js": "module.exports = { a: 1 };\n",
    "/p/star.ts": 'export * from "pkg";\n',
  };
  const read = (f: string) => files[f]!;
  const resolve = (from: string, s: string) => (s.startsWith("./") ? `/p/${s.slice(2)}.ts` : null);

  test("run-time names only; a star re-export adds the other module's names but its default", () => {
    expect(exportNames("/p/a.ts", read, resolve)).toEqual(["C", "E", "default", "f", "ns", "r", "w", "x", "y"]);
  });

  test("CommonJS, or a star re-export of a package: null", () => {
    expect(exportNames("/p/cjs.js", read, resolve)).toBeNull();
    expect(exportNames("/p/star.ts", read, resolve)).toBeNull();
  });
});
