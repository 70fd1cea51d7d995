// invocationCallOrder numbered per test file as jest numbers it (from 1, calls while loading included), and
// a replay of some tests starting each where it started in a run of its whole file.
import { afterAll, describe, expect, test } from "bun:test";
import { cleanup, load } from "./load.ts";

afterAll(cleanup);

describe("invocationCallOrder", () => {
  test("per file, from 1; a replay of a later test sees the numbers of a whole-file run", async () => {
    const loaded = await load(
      {
        "a.test.ts": `import { expect, jest, test } from "@jest/globals";
          const atLoad = jest.fn(); atLoad();
          test("two calls", () => { const m = jest.fn(); m(); m(); expect(m.mock.invocationCallOrder).toEqual([2, 3]); });
          test("then one", () => { const m = jest.fn(); m(); expect(m.mock.invocationCallOrder).toEqual([4]); });`,
        "b.test.ts": `import { expect, jest, test } from "@jest/globals";
          test("first of its file", () => { const m = jest.fn(); m(); expect(m.mock.invocationCallOrder).toEqual([1]); });`,
      },
      {},
    );
    expect((await loaded.runAll()).map((r) => r.status)).toEqual(["passed", "passed", "passed"]);
    expect((await loaded.run([1])).map((r) => r.status)).toEqual(["passed"]);
    expect((await loaded.run([2, 1])).map((r) => r.status)).toEqual(["passed", "passed"]);
    expect((await loaded.runAll()).map((r) => r.status)).toEqual(["passed", "passed", "passed"]);
  });
});
