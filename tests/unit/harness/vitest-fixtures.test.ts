// vitest test.extend fixtures (set up on use, dependencies first, auto, teardown in reverse order) and
// test.concurrent / describe.concurrent run one at a time; what is not emulated is reported.
import { afterAll, describe, expect, test } from "bun:test";
import { cleanup, load, log, resetLog, statuses } from "./load.ts";

afterAll(cleanup);

describe("test.extend", () => {
  test("fixtures are set up when used, with their dependencies, and torn down in reverse order", async () => {
    resetLog();
    const loaded = await load({
      "u.test.ts": `
        import { expect, test } from "vitest";
        const log = (s) => globalThis.__log.push(s);
        const it = test.extend({
          base: 10,
          db: async ({ base }, use) => { log("db up"); await use({ n: base }); log("db down"); },
          cache: async ({ db }, use) => { log("cache up"); await use(db.n * 2); log("cache down"); },
          audit: [async ({}, use) => { log("audit up"); await use(true); log("audit down"); }, { auto: true }],
        });
        const more = it.extend({ extra: async ({ cache }, use) => use(cache + 1) });
        it("uses cache", ({ cache, expect }) => { log("body"); expect(cache).toBe(20); });
        it("uses nothing", () => { log("plain"); });
        more("chained", ({ extra }) => { expect(extra).toBe(21); });
        it("unknown names are undefined", ({ broken }) => { expect(broken).toBeUndefined(); });
      `,
    });
    expect(loaded.harness.unsupported()).toEqual([]);
    const s = statuses(loaded, await loaded.runAll());
    expect(s).toEqual({
      "uses cache": "passed",
      "uses nothing": "passed",
      chained: "passed",
      "unknown names are undefined": "passed",
    });
    // As vitest orders them: used fixtures in definition order, each after its dependencies; teardown reversed.
    expect(log().slice(0, 8)).toEqual([
      "db up",
      "cache up",
      "audit up",
      "body",
      "audit down",
      "cache down",
      "db down",
      "audit up",
    ]);
  });

  test("a fixture that never calls use fails the test", async () => {
    const loaded = await load({
      "u.test.ts": `import { test } from "vitest"; const it = test.extend({ bad: async ({}, use) => {} }); it("t", ({ bad }) => {});`,
    });
    const [r] = await loaded.runAll();
    expect(r!.error).toContain('Fixture "bad" returned without calling "use"');
  });

  test.each([
    [`test.extend({ f: [async ({}, use) => use(1), { scope: "file" }] })`, 'test.extend fixture "f" with scope "file"'],
    [`test.extend({ f: 1 }).extend({ f: 2 })`, 'test.extend overriding the fixture "f"'],
    [`test.extend({ f: 1 }); beforeEach(({ f }) => {})`, "fixtures used in a beforeEach hook (f)"],
    [
      `test.extend({ f: 1 })("t", ({ f }) => {}); afterEach(() => {})`,
      "vitest fixtures (test.extend) together with afterEach hooks",
    ],
  ])("refused: %s", async (code, reason) => {
    const loaded = await load({ "u.test.ts": `import { afterEach, beforeEach, test } from "vitest"; ${code};` });
    expect(loaded.harness.unsupported()).toEqual([`${reason} in u.test.ts`]);
  });
});

describe("concurrent", () => {
  test("vitest: test.concurrent and describe.concurrent run one at a time with their hooks", async () => {
    resetLog();
    const loaded = await load({
      "u.test.ts": `
        import { beforeEach, describe, expect, test } from "vitest";
        const log = (s) => globalThis.__log.push(s);
        describe.concurrent("block", () => {
          beforeEach(() => log("each"));
          test("a", async () => { await new Promise((r) => setTimeout(r, 5)); log("a"); });
          test("b", () => log("b"));
        });
        test.concurrent("c", ({ expect }) => expect(1).toBe(1));
      `,
    });
    expect(loaded.harness.unsupported()).toEqual([]);
    expect(Object.values(statuses(loaded, await loaded.runAll()))).toEqual(["passed", "passed", "passed"]);
    expect(log()).toEqual(["each", "a", "each", "b"]);
  });

  test("jest: test.concurrent is refused (jest starts the bodies before the hooks)", async () => {
    const loaded = await load({
      "u.test.ts": `import { test } from "@jest/globals"; test.concurrent("t", async () => {});`,
    });
    expect(loaded.harness.unsupported()).toEqual(["test.concurrent in u.test.ts"]);
  });
});
