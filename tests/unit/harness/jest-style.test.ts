// The jest family through the shims: bun:test, vitest, @jest/globals share semantics.

import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { cleanup, load, log, resetLog, statuses } from "./load.ts";

afterAll(cleanup);
beforeEach(resetLog);

const FLAVORS = [
  { spec: "bun:test", fn: "mock", extra: "mock" },
  { spec: "vitest", fn: "vi.fn", extra: "vi" },
  { spec: "@jest/globals", fn: "jest.fn", extra: "jest" },
];

const suiteSource = (spec: string, extra: string) => `
import { describe, test, it, expect, beforeAll, afterAll, beforeEach, afterEach, ${extra} } from "${spec}";
const log = (s) => globalThis.__log.push(s);
beforeAll(() => log("file:beforeAll"));
afterAll(() => log("file:afterAll"));
beforeEach(() => log("file:beforeEach"));
afterEach(() => log("file:afterEach"));
describe("math", () => {
  beforeAll(() => log("math:beforeAll"));
  afterAll(() => log("math:afterAll"));
  beforeEach(() => log("math:beforeEach"));
  afterEach(() => log("math:afterEach"));
  test("adds", () => { log("adds"); expect(1 + 1).toBe(2); });
  it("fails", () => { log("fails"); expect(1 + 1).toBe(3); });
  test("async", async () => { await new Promise((r) => setTimeout(r, 1)); log("async"); expect([1]).toEqual([1]); });
  test.skip("skipped", () => { log("never"); });
  test.todo("later");
});
test("top", () => { log("top"); });
`;

describe.each(FLAVORS)("$spec", ({ spec, extra }) => {
  test("records tests with stable ids and runs them with hooks in order", async () => {
    const loaded = await load({ "a.test.ts": suiteSource(spec, extra) });
    const tests = loaded.harness.tests();
    expect(tests.map((t) => t.id)).toEqual([
      "a.test.ts > math > adds",
      "a.test.ts > math > fails",
      "a.test.ts > math > async",
      "a.test.ts > math > skipped",
      "a.test.ts > math > later",
      "a.test.ts > top",
    ]);
    expect(tests.map((t) => t.skipped)).toEqual([false, false, false, true, true, false]);
    const results = await loaded.runAll();
    expect(statuses(loaded, results)).toEqual({
      "math > adds": "passed",
      "math > fails": "failed",
      "math > async": "passed",
      "math > skipped": "skipped",
      "math > later": "skipped",
      top: "passed",
    });
    expect(results[1]!.error).toContain("toBe");
    expect(log()).toEqual([
      "file:beforeAll",
      "math:beforeAll",
      "file:beforeEach",
      "math:beforeEach",
      "adds",
      expect.stringMatching(/afterEach/),
      expect.stringMatching(/afterEach/),
      "file:beforeEach",
      "math:beforeEach",
      "fails",
      expect.stringMatching(/afterEach/),
      expect.stringMatching(/afterEach/),
      "file:beforeEach",
      "math:beforeEach",
      "async",
      expect.stringMatching(/afterEach/),
      expect.stringMatching(/afterEach/),
      "math:afterAll",
      "file:beforeEach",
      "top",
      "file:afterEach",
      "file:afterAll",
    ]);
    // afterEach runs inner → outer
    expect(log().slice(5, 7)).toEqual(["math:afterEach", "file:afterEach"]);
  });

  test("runs a subset as a runner runs a selection: registration order, only the selected tests' hooks, each block entered once", async () => {
    const loaded = await load({ "a.test.ts": suiteSource(spec, extra) });
    const results = await loaded.run([5, 0]);
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, "passed"],
      [5, "passed"],
    ]);
    expect(log()).toEqual([
      "file:beforeAll",
      "math:beforeAll",
      "file:beforeEach",
      "math:beforeEach",
      "adds",
      "math:afterEach",
      "file:afterEach",
      "math:afterAll",
      "file:beforeEach",
      "top",
      "file:afterEach",
      "file:afterAll",
    ]);
    // Asked out of order (as fastest-first does), a block's beforeAll/afterAll still run once.
    resetLog();
    await loaded.run([0, 5, 2]);
    expect(log().filter((s) => s === "math:beforeAll" || s === "math:afterAll")).toEqual([
      "math:beforeAll",
      "math:afterAll",
    ]);
  });

  test("replays the same test 100 times with the same result", async () => {
    const loaded = await load({ "a.test.ts": suiteSource(spec, extra) });
    for (let i = 0; i < 100; i++) {
      const [ok] = await loaded.run([0]);
      const [bad] = await loaded.run([1]);
      expect([ok!.status, bad!.status]).toEqual(["passed", "failed"]);
    }
    expect(log().filter((s) => s === "adds")).toHaveLength(100);
  });

  test("bail stops at the first failure; onTestStart sees each test", async () => {
    const loaded = await load({ "a.test.ts": suiteSource(spec, extra) });
    const started: number[] = [];
    const results = await loaded.harness.run([0, 1, 2, 5], {
      bail: true,
      testTimeoutMs: 1000,
      onTestStart: (i) => started.push(i),
    });
    expect(results.map((r) => r.status)).toEqual(["passed", "failed"]);
    expect(started).toEqual([0, 1]);
    expect(log().at(-1)).toBe("file:afterAll");
  });

  test(".only focuses the file; each formats titles", async () => {
    const loaded = await load({
      "only.test.ts": `
import { describe, test, expect } from "${spec}";
test("plain", () => {});
test.only("focused", () => {});
describe.only("block", () => { test("inside", () => {}); });
test.each([[1, 2, 3], [2, 3, 5]])("add %i + %i = %i", (a, b, c) => { expect(a + b).toBe(c); });
test.each([{ a: 1, b: "x" }])("obj $a $b", ({ a }) => { expect(a).toBe(1); });
`,
      "other.test.ts": `import { test } from "${spec}"; test("elsewhere", () => {});`,
    });
    const tests = loaded.harness.tests();
    expect(tests.map((t) => [t.fullName, t.skipped])).toEqual([
      ["plain", true],
      ["focused", false],
      ["block > inside", false],
      ["add 1 + 2 = 3", true],
      ["add 2 + 3 = 5", true],
      ["obj 1 x", true],
      ["elsewhere", false],
    ]);
  });

  test("a test that never settles times out; a sync throw fails; a declared shorter timeout fails", async () => {
    const loaded = await load({
      "t.test.ts": `
import { test } from "${spec}";
test("hangs", () => new Promise(() => {}));
test("throws", () => { throw new Error("boom"); });
test("slow with declared timeout", () => new Promise((r) => setTimeout(r, 300)), 20);
test("rejects", async () => { throw new TypeError("nope"); });
`,
    });
    const t0 = performance.now();
    const results = await loaded.runAll({ testTimeoutMs: 50 });
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(results.map((r) => r.status)).toEqual(["timeout", "failed", "failed", "failed"]);
    expect(results[1]!.error).toContain("boom");
    expect(results[2]!.error).toContain("Timeout of 20ms");
    expect(results[3]!.error).toContain("TypeError: nope");
  });

  test("a failing beforeAll fails the tests of its block only", async () => {
    const loaded = await load({
      "b.test.ts": `
import { describe, test, beforeAll } from "${spec}";
describe("broken", () => {
  beforeAll(() => { throw new Error("setup failed"); });
  test("one", () => {});
  test("two", () => {});
});
test("fine", () => {});
`,
    });
    const results = await loaded.runAll();
    expect(results.map((r) => r.status)).toEqual(["failed", "failed", "passed"]);
    expect(results[0]!.error).toContain("beforeAll hook: ");
    expect(results[0]!.error).toContain("setup failed");
  });

  test("expect.assertions and expect.hasAssertions are checked per test, on every replay", async () => {
    const loaded = await load({
      "x.test.ts": `
import { test, expect } from "${spec}";
test("counts ok", () => { expect.assertions(2); expect(1).toBe(1); expect(2).toBe(2); });
test("counts short", () => { expect.assertions(2); expect(1).toBe(1); });
test("has none", () => { expect.hasAssertions(); });
test("plain", () => {});
`,
    });
    for (let i = 0; i < 3; i++) {
      const results = await loaded.runAll();
      expect(results.map((r) => r.status)).toEqual(["passed", "failed", "failed", "passed"]);
    }
  });

  test("mocks are fresh per run and spies are restored after each test", async () => {
    const loaded = await load({
      "m.test.ts": `
import { test, expect, ${spec === "bun:test" ? "mock, spyOn" : extra} } from "${spec}";
const make = ${spec === "bun:test" ? "mock" : spec === "vitest" ? "vi.fn" : "jest.fn"};
${spec === "bun:test" ? "" : `const spyOn = ${extra}.spyOn;`}
const shared = make(() => 1);
const target = { hello: () => "real" };
globalThis.__target = target;
test("shared mock called once", () => { shared(); expect(shared).toHaveBeenCalledTimes(1); });
test("spy counts one call", () => {
  const spy = spyOn(target, "hello").mockReturnValue("fake");
  expect(target.hello()).toBe("fake");
  expect(spy).toHaveBeenCalledTimes(1);
});
test("sees the real method", () => { expect(target.hello()).toBe("real"); });
`,
    });
    for (let i = 0; i < 5; i++) {
      const results = await loaded.runAll();
      expect(results.map((r) => r.status)).toEqual(["passed", "passed", "passed"]);
    }
  });

  test("a mock made while loading starts every run with the implementation it had when loading ended", async () => {
    // cross-env: a test sets isWindows.mockReturnValue(true) on a module mock; the next run's first tests
    // must see it return undefined again, as a fresh load under the runner does.
    const loaded = await load({
      "m.test.ts": `
import { test, expect, ${spec === "bun:test" ? "mock" : extra} } from "${spec}";
const make = ${spec === "bun:test" ? "mock" : spec === "vitest" ? "vi.fn" : "jest.fn"};
const plain = make();
const withImpl = make(() => "made");
withImpl.mockReturnValueOnce("once at load");
test("as loaded", () => {
  expect(plain()).toBeUndefined();
  expect(withImpl()).toBe("once at load");
  expect(withImpl()).toBe("made");
});
test("changes them", () => {
  plain.mockReturnValue(true);
  withImpl.mockImplementation(() => "changed");
  expect(plain()).toBe(true);
});
test("sees the change later in the run", () => { expect(withImpl()).toBe("changed"); });
`,
    });
    for (let i = 0; i < 3; i++) {
      const results = await loaded.runAll();
      expect(results.map((r) => r.status)).toEqual(["passed", "passed", "passed"]);
    }
  });
});

describe("unsupported features are reported", () => {
  test.each([
    [
      "vitest",
      `import { vi, test } from "vitest"; vi.mock("./dep.js"); test("t", () => {});`,
      "vi.mock() in u.test.ts",
    ],
    [
      "@jest/globals",
      `import { jest, test } from "@jest/globals"; jest.mock("./dep.js"); test("t", () => {});`,
      "jest.mock() in u.test.ts",
    ],
    [
      "bun:test",
      `import { mock, test } from "bun:test"; mock.module("./dep.js", () => ({})); test("t", () => {});`,
      `mock.module("./dep.js") where the thread executor did not prepare it (only calls at a test file's top level are) in u.test.ts`,
    ],
    [
      "bun:test",
      `import { test, expect } from "bun:test"; test("t", () => { expect(1).toMatchSnapshot(); });`,
      "snapshot matcher toMatchSnapshot() from bun:test in u.test.ts",
    ],
    [
      "@jest/globals",
      `import { test } from "@jest/globals"; test.concurrent("t", async () => {});`,
      "test.concurrent in u.test.ts",
    ],
    [
      "bun:test",
      `import { test, jest } from "bun:test"; jest.someFutureThing; test("t", () => {});`,
      "jest.someFutureThing in u.test.ts",
    ],
  ])("%s: %s", async (_spec, source, reason) => {
    const loaded = await load({ "u.test.ts": source });
    expect(loaded.harness.unsupported()).toContain(reason);
  });

  test("an unknown matcher used while running is reported", async () => {
    const loaded = await load({
      "u.test.ts": `import { test, expect } from "vitest"; test("t", () => { expect(1).toBeSomethingNew(); });`,
    });
    expect(loaded.harness.unsupported()).toEqual([]);
    const [r] = await loaded.runAll();
    expect(r!.status).toBe("failed");
    // On the test's result, which the executor reads (the load-time list is for what loading found).
    expect(r!.unsupported).toEqual(["unknown matcher expect().toBeSomethingNew"]);
    expect(loaded.harness.unsupported()).toEqual([]);
  });

  test("a clean file reports nothing", async () => {
    const loaded = await load({
      "ok.test.ts": `import { test, expect } from "vitest"; test("t", () => { expect(1).toBe(1); });`,
    });
    expect(loaded.harness.unsupported()).toEqual([]);
  });
});
