// vi.stubGlobal / vi.stubEnv last until the end of their file's tests, as under vitest (one environment
// per file): never into another file, never into the next run; load-time stubs hold in every run of
// their file. cross-env's is-windows tests stub `process` with a plain object that has no `on`: the
// stub reached the next run's other files, whose code calls process.on.

import { afterAll, describe, expect, test } from "bun:test";
import { cleanup, load, statuses } from "./load.ts";

afterAll(cleanup);

const g = globalThis as Record<string, unknown>;

describe("vi.stubGlobal / vi.stubEnv per file", () => {
  test("a stub made in a test holds for the rest of its file, not in the next file nor the next run", async () => {
    const loaded = await load({
      "a.test.ts": `
import { test, expect, vi } from "vitest";
test("stubs", () => {
  vi.stubGlobal("__stubbed", 1);
  vi.stubEnv("GREMLINS_STUB_TEST", "a");
  vi.stubGlobal("process", { ...process, platform: "win32" });
});
test("sees its file's stubs", () => {
  expect(globalThis.__stubbed).toBe(1);
  expect(process.platform).toBe("win32");
  expect(typeof process.on).toBe("undefined");
});
`,
      "b.test.ts": `
import { test, expect } from "vitest";
test("sees none", () => {
  expect(globalThis.__stubbed).toBeUndefined();
  expect(typeof process.on).toBe("function");
  expect(process.env.GREMLINS_STUB_TEST).toBeUndefined();
});
`,
    });
    const expected = { stubs: "passed", "sees its file's stubs": "passed", "sees none": "passed" };
    expect(statuses(loaded, await loaded.runAll())).toEqual(expected);
    // Replayed: b first (a's stubs of the last run are gone), then the whole suite again.
    expect(statuses(loaded, await loaded.run([2]))).toEqual({ "sees none": "passed" });
    expect(statuses(loaded, await loaded.runAll())).toEqual(expected);
    expect(g.__stubbed).toBeUndefined();
    expect(typeof process.on).toBe("function");
    expect(process.env.GREMLINS_STUB_TEST).toBeUndefined();
  });

  test("a load-time stub holds in every run of its file only; unstubAllGlobals in a test undoes it for that run", async () => {
    const loaded = await load({
      "a.test.ts": `
import { test, expect, vi } from "vitest";
vi.stubGlobal("__atLoad", "a");
test("sees it", () => { expect(globalThis.__atLoad).toBe("a"); });
test("unstubs", () => { vi.unstubAllGlobals(); expect(globalThis.__atLoad).toBeUndefined(); });
test("after unstub", () => { expect(globalThis.__atLoad).toBeUndefined(); });
`,
      "b.test.ts": `
import { test, expect } from "vitest";
test("other file", () => { expect(globalThis.__atLoad).toBeUndefined(); });
`,
    });
    expect(g.__atLoad).toBeUndefined();
    const expected = { "sees it": "passed", unstubs: "passed", "after unstub": "passed", "other file": "passed" };
    expect(statuses(loaded, await loaded.runAll())).toEqual(expected);
    expect(statuses(loaded, await loaded.runAll())).toEqual(expected);
    expect(statuses(loaded, await loaded.run([0]))).toEqual({ "sees it": "passed" });
    expect(g.__atLoad).toBeUndefined();
  });
});
