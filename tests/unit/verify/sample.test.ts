import { describe, expect, test } from "bun:test";
import { parseVerifySpec } from "../../../src/config/verify-spec.ts";
import { sampleSize, selectSample } from "../../../src/verify/sample.ts";
import type { Outcome, Status } from "../../../src/types.ts";

const outcome = (id: string, status: Status, extra: Partial<Outcome> = {}): Outcome => ({ id, status, ...extra });

describe("parseVerifySpec", () => {
  test.each([
    ["20", { kind: "count", count: 20 }],
    ["0", { kind: "count", count: 0 }],
    ["5%", { kind: "percent", percent: 5 }],
    ["100%", { kind: "percent", percent: 100 }],
    ["2.5%", { kind: "percent", percent: 2.5 }],
    ["default", { kind: "default" }],
    [" 7 ", { kind: "count", count: 7 }],
  ])("%p", (text, spec) => expect(parseVerifySpec(text)).toEqual(spec as never));
  test.each(["", "-1", "101%", "x", "5 %", "1e3"])("rejects %p", (text) => expect(parseVerifySpec(text)).toBeNull());
});

describe("sampleSize", () => {
  test.each([
    [{ kind: "default" }, 5, 5],
    [{ kind: "default" }, 100, 20],
    [{ kind: "default" }, 2000, 40],
    [{ kind: "count", count: 0 }, 100, 0],
    [{ kind: "count", count: 30 }, 10, 10],
    [{ kind: "percent", percent: 100 }, 37, 37],
    [{ kind: "percent", percent: 10 }, 37, 4],
    [{ kind: "default" }, 0, 0],
  ] as const)("%p of %d → %d", (spec, available, size) => expect(sampleSize(spec as never, available)).toBe(size));
});

describe("selectSample", () => {
  const many = (prefix: string, n: number, status: Status, extra: Partial<Outcome> = {}) =>
    Array.from({ length: n }, (_, i) => outcome(`${prefix}${i}`, status, extra));

  test("strata share the sample evenly, taken in turn: Survived first, then Killed, Timeout, static", () => {
    const all = [
      ...many("k", 50, "Killed"),
      ...many("s", 50, "Survived"),
      ...many("t", 50, "Timeout"),
      ...many("x", 50, "Killed", { static: true }),
    ];
    const ids = selectSample(all, { kind: "count", count: 8 });
    expect(ids.map((id) => id[0])).toEqual(["s", "k", "t", "x", "s", "k", "t", "x"]);
  });

  test("any first part of the sample (where a deadline may cut it) is spread evenly over the strata, Survived first", () => {
    const sizes = { s: 3, k: 9, t: 2, x: 5 };
    const all = [
      ...many("k", sizes.k, "Killed"),
      ...many("s", sizes.s, "Survived"),
      ...many("t", sizes.t, "Timeout"),
      ...many("x", sizes.x, "Killed", { static: true }),
    ];
    const ids = selectSample(all, { kind: "count", count: 15 });
    expect(ids[0]?.[0]).toBe("s");
    for (let n = 1; n <= ids.length; n++) {
      const count = { s: 0, k: 0, t: 0, x: 0 };
      for (const id of ids.slice(0, n)) count[id[0] as keyof typeof count]++;
      // A stratum is behind another by more than one only when it has nothing left.
      for (const a of Object.keys(count) as (keyof typeof count)[])
        for (const b of Object.keys(count) as (keyof typeof count)[])
          if (count[a] < count[b] - 1) expect(count[a]).toBe(sizes[a]);
    }
  });

  test("a small stratum passes its share on; the sample is still full", () => {
    const all = [...many("k", 50, "Killed"), ...many("s", 1, "Survived")];
    const ids = selectSample(all, { kind: "count", count: 10 });
    expect(ids).toHaveLength(10);
    expect(ids[0]).toBe("s0");
    expect(new Set(ids).size).toBe(10);
  });

  test("NoCoverage, Ignored, RuntimeError and cached verdicts are never re-checked", () => {
    const all = [
      outcome("n", "NoCoverage"),
      outcome("i", "Ignored"),
      outcome("r", "RuntimeError"),
      outcome("c", "Killed", { cached: true }),
      outcome("k", "Killed"),
    ];
    expect(selectSample(all, { kind: "percent", percent: 100 })).toEqual(["k"]);
  });

  test("deterministic: the same outcomes give the same sample whatever their order", () => {
    const all = [...many("k", 30, "Killed"), ...many("s", 30, "Survived")];
    const a = selectSample(all, { kind: "count", count: 6 });
    const b = selectSample([...all].reverse(), { kind: "count", count: 6 });
    expect(a).toEqual(b);
  });

  test("100% takes every checkable verdict exactly once", () => {
    const all = [...many("k", 7, "Killed"), ...many("s", 3, "Survived"), ...many("t", 2, "Timeout", { static: true })];
    const ids = selectSample(all, { kind: "percent", percent: 100 });
    expect(ids.sort()).toEqual(all.map((o) => o.id).sort());
  });
});
