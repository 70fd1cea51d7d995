// vitest's hoisting, as planHoist emulates it: vi.mock / vi.hoisted leave the test file (its lines kept)
// for a prelude that runs first; what vitest would not hoist the same way is a reason, never a guess.
import { describe, expect, test } from "bun:test";
import { planHoist, type HoistPlan } from "../../../../src/harness/module-mocks/hoist.ts";
import { scanSource } from "../../../../src/execute/thread/redirect.ts";

const isFramework = (s: string) => s === "vitest";
const plan = (source: string) => planHoist("test/a.test.ts", source, isFramework, "./a.test.gremlins-prelude.ts");
const ok = (source: string): HoistPlan => {
  const p = plan(source);
  if (p === null || "reason" in p) throw new Error(`expected a plan, got ${JSON.stringify(p)}`);
  return p;
};

describe("planHoist", () => {
  test("a file without module mocks has no plan", () => {
    expect(plan('import { test, vi } from "vitest";\ntest("x", () => vi.fn());\n')).toBeNull();
  });

  test("vi.mock with a factory and vi.hoisted move to the prelude, in order; the test keeps its line numbers", () => {
    const source = [
      'import { expect, test, vi } from "vitest";',
      'import { greet } from "../src/greet.ts";',
      "const { fixed } = vi.hoisted(() => ({ fixed: 9 }));",
      'vi.mock("../src/clock.ts", () => ({ now: () => fixed }));',
      'vi.mock("node:fs");',
      'test("t", () => expect(greet()).toBe("hi"));',
      "",
    ].join("\n");
    const p = ok(source);
    expect(p.mocks).toEqual([
      { path: "../src/clock.ts", hasFactory: true },
      { path: "node:fs", hasFactory: false },
    ]);
    expect(p.test.split("\n").length).toBe(source.split("\n").length);
    expect(p.test.split("\n")[0]).toBe(
      'import { fixed } from "./a.test.gremlins-prelude.ts";import { expect, test, vi } from "vitest";',
    );
    expect(p.test).not.toContain("vi.mock");
    expect(p.test).not.toContain("vi.hoisted");
    expect(p.test.split("\n")[5]).toBe('test("t", () => expect(greet()).toBe("hi"));');
    expect(p.prelude).toBe(
      [
        'import { expect, test, vi } from "vitest";',
        "const __gremlinsMocks = globalThis.__gremlins_mocks;",
        "export const { fixed } = vi.hoisted(() => ({ fixed: 9 }));",
        '__gremlinsMocks.register("../src/clock.ts", () => ({ now: () => fixed }), () => import("../src/clock.ts"));',
        '__gremlinsMocks.register("node:fs", undefined, () => import("node:fs"));',
        "",
      ].join("\n"),
    );
  });

  test("vi.hoisted without any vi.mock still runs above the imports, as vitest hoists it", () => {
    const source = [
      'import { expect, test, vi } from "vitest";',
      'import { banner } from "../src/banner.ts";',
      'vi.hoisted(() => { process.env.MODE = "quiet"; });',
      'test("t", () => expect(banner("A")).toBe("a"));',
      "",
    ].join("\n");
    // The scan hands the file to planHoist (prepare.ts plans only files the scan finds module mocking in).
    expect(scanSource("test/a.test.ts", source, isFramework)?.moduleMocking).toEqual(["module mocking (vi.hoisted)"]);
    const p = ok(source);
    expect(p.mocks).toEqual([]);
    expect(p.test.split("\n")[0]).toBe(
      'import "./a.test.gremlins-prelude.ts";import { expect, test, vi } from "vitest";',
    );
    expect(p.test).not.toContain("vi.hoisted");
    expect(p.prelude).toContain('vi.hoisted(() => { process.env.MODE = "quiet"; });');
  });

  test("vi.mock(import(path)) and template paths; vi.importActual's literal paths get importers in the prelude", () => {
    const p = ok(
      'vi.mock(import("./a.ts"), async (orig) => ({ ...(await orig()) }));\nvi.mock(`./b.ts`);\ntest("x", async () => { await vi.importActual("./c.ts"); });\n',
    );
    expect(p.mocks.map((m) => m.path)).toEqual(["./a.ts", "./b.ts"]);
    expect(p.actualPaths).toEqual(["./c.ts"]);
    expect(p.prelude).toContain('__gremlinsMocks.actual("./c.ts", () => import("./c.ts"));');
  });

  // The reasons leave the file out: the thread executor prints "<reason> in <file>" (before: the file twice).
  test("what cannot be hoisted faithfully is refused with the reason", () => {
    const reason = (source: string) => (plan(source) as { reason: string }).reason;
    expect(reason("const p = './x';\nvi.mock(p);\n")).toBe("vi.mock with a path that is not a string literal");
    expect(reason('import { x } from "./x";\nvi.mock("./y", () => ({ y: x }));\n')).toBe(
      'the vi.mock("./y") factory uses "x" (vitest runs it above the imports and declarations of the file)',
    );
    expect(reason('const base = 1;\nvi.mock("./y", () => ({ y: base }));\n')).toContain('uses "base"');
    expect(reason('test("t", () => { vi.mock("./y"); });\n')).toBe("vi.mock not at the top level");
    expect(reason('vi.mock("./y");\ntest("t", async () => { vi.doMock("./z"); });\n')).toBe(
      "module mocking (vi.doMock)",
    );
    expect(reason('vi.mock("./y", { spy: true });\n')).toBe('vi.mock("./y", options) (spy or options object)');
    expect(reason('vi.mock("./y");\nawait vi.importActual(name);\n')).toBe(
      "vi.importActual with a path that is not a string literal",
    );
  });

  test("names a factory declares itself, reads of properties and object keys are not the file's bindings", () => {
    const p = ok(
      'import { x } from "./x";\nvi.mock("./y", () => { const x = 1; return { x, y: { x: 2 }.x, z(a) { return a; } }; });\n',
    );
    expect(p.mocks).toHaveLength(1);
  });
});
