// The runtime helper in this process: switch-based activation, hit counting and limit, the
// per-test coverage hook, env mode read once, and the coverage file.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { HIT_LIMIT_ERROR, RUNTIME_SOURCE, type GremlinsGlobals } from "../../../src/instrument/runtime.ts";
import { tempDir } from "./_helpers.ts";

const globals = globalThis as unknown as GremlinsGlobals;
const ENV_KEYS = ["GREMLINS_ACTIVE", "GREMLINS_DIR", "GREMLINS_HIT_LIMIT"] as const;

/** A fresh copy of the helper, as one instrumented file would declare it. */
function helper(): (index: number) => boolean {
  return new Function(`${RUNTIME_SOURCE}\nreturn __gremlins_g;`)() as (index: number) => boolean;
}

function errorName(fn: () => unknown): string {
  try {
    fn();
    return "no error";
  } catch (error) {
    return (error as Error).name;
  }
}

let saved: Record<string, string | undefined> = {};
beforeEach(() => {
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  delete globals.__gremlins;
  delete globals.__gremlins_switch;
  delete globals.__gremlins_onReach;
});
afterEach(() => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  delete globals.__gremlins;
  delete globals.__gremlins_switch;
  delete globals.__gremlins_onReach;
});

describe("switch mode", () => {
  test("the active gremlin follows slot 0 on every call, and all files share one singleton", () => {
    const sw = new Int32Array(new SharedArrayBuffer(16));
    globals.__gremlins_switch = sw;
    const [g, other] = [helper(), helper()];
    expect([g(1), g(2), other(1)]).toEqual([false, false, false]);
    Atomics.store(sw, 0, 2);
    expect([g(1), g(2), other(2)]).toEqual([false, true, true]);
    expect(globals.__gremlins?.mode).toBe("switch");
    expect(Object.keys(globalThis)).not.toContain("__gremlins");
  });

  test("hits of the active gremlin are counted in slot 1; past slot 2 every hit throws", () => {
    const sw = new Int32Array([3, 0, 2, -1]);
    globals.__gremlins_switch = sw;
    const g = helper();
    expect([g(1), g(3), g(3), sw[1]]).toEqual([false, true, true, 2]);
    expect(errorName(() => g(3))).toBe(HIT_LIMIT_ERROR);
    expect(errorName(() => g(3))).toBe(HIT_LIMIT_ERROR);
    expect(errorName(() => g(1))).toBe("no error");
    sw[1] = 0;
    sw[2] = 0;
    for (let i = 0; i < 100; i++) g(3);
    expect(sw[1]).toBe(100);
  });

  test("the reach hook gets each gremlin once per test slot, nothing while one is active", () => {
    const sw = new Int32Array([0, 0, 0, -1]);
    const calls: [number, number][] = [];
    globals.__gremlins_switch = sw;
    globals.__gremlins_onReach = (index, testIndex) => calls.push([index, testIndex]);
    const g = helper();
    g(5); // while modules load (test slot -1)
    sw[3] = 0;
    for (const id of [5, 5, 700, 700]) g(id);
    sw[3] = 1;
    g(700);
    sw[0] = 9;
    sw[3] = 2;
    g(5);
    sw[0] = 0;
    globals.__gremlins?.reset();
    sw[3] = 1;
    g(700);
    expect(calls).toEqual([
      [5, -1],
      [5, 0],
      [700, 0],
      [700, 1],
      [700, 1],
    ]);
  });

  test("idle calls are counted per index (hits()), active ones are not", () => {
    const sw = new Int32Array([0, 0, 0, -1]);
    globals.__gremlins_switch = sw;
    const g = helper();
    for (const id of [2, 2, 2, 300]) g(id);
    sw[3] = 4;
    g(2);
    sw[0] = 2;
    for (const id of [2, 300]) g(id);
    sw[0] = 0;
    const hits = globals.__gremlins?.hits?.();
    expect([hits?.[2], hits?.[300], hits?.[1]]).toEqual([4, 1, 0]);
  });

  test("with GREMLINS_DIR set, switch mode also writes the coverage file", () => {
    const tmp = tempDir("switch-cov");
    try {
      process.env.GREMLINS_DIR = tmp.dir;
      const sw = new Int32Array([0, 0, 0, -1]);
      globals.__gremlins_switch = sw;
      const g = helper();
      for (const id of [400_000, 2, 400_000, 2]) g(id);
      sw[3] = 7; // a new test slot: the hook hears of 2 again, the file does not
      g(2);
      expect(readFileSync(join(tmp.dir, `reached-${process.pid}-${threadId}.txt`), "utf8")).toBe("400000\n2\n");
    } finally {
      tmp.cleanup();
    }
  });
});

describe("env mode", () => {
  test("GREMLINS_ACTIVE is read once, when the singleton is created", () => {
    process.env.GREMLINS_ACTIVE = "3";
    const g = helper();
    expect([g(1), g(3)]).toEqual([false, true]);
    process.env.GREMLINS_ACTIVE = "1";
    expect([g(1), g(3), helper()(3)]).toEqual([false, true, true]);
    expect(globals.__gremlins).toMatchObject({ mode: "env", active: 3 });
  });

  test("hit limit: throws past GREMLINS_HIT_LIMIT and writes the marker", () => {
    const tmp = tempDir("hit");
    try {
      Object.assign(process.env, { GREMLINS_ACTIVE: "4", GREMLINS_HIT_LIMIT: "3", GREMLINS_DIR: tmp.dir });
      const g = helper();
      expect([g(4), g(4), g(4)]).toEqual([true, true, true]);
      expect(existsSync(join(tmp.dir, `hit-limit-${process.pid}`))).toBe(false);
      expect(errorName(() => g(4))).toBe(HIT_LIMIT_ERROR);
      expect(errorName(() => g(4))).toBe(HIT_LIMIT_ERROR);
      expect(readFileSync(join(tmp.dir, `hit-limit-${process.pid}`), "utf8")).toBe("4\n");
      // No coverage is recorded while a gremlin is active.
      expect(existsSync(join(tmp.dir, `reached-${process.pid}-${threadId}.txt`))).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });

  test("nothing active and no GREMLINS_DIR: always false, no files", () => {
    const g = helper();
    expect([g(1), g(2)]).toEqual([false, false]);
    expect(globals.__gremlins).toMatchObject({ mode: "env", active: 0 });
  });
});
