// Load limits of the worker supply: a clean import (no gremlin) is never held to a gremlin's tight limit.
import { describe, expect, test } from "bun:test";
import { CLEAN_LOAD_MIN_MS, loadLimitFor } from "../../../../src/execute/thread/supply.ts";

describe("loadLimitFor", () => {
  test("a clean load (replacement, spare) gets at least the baseline's limit", () => {
    expect(loadLimitFor(0, 6_000)).toBe(CLEAN_LOAD_MIN_MS);
    expect(loadLimitFor(0, CLEAN_LOAD_MIN_MS + 1)).toBe(CLEAN_LOAD_MIN_MS + 1);
  });

  test("a load with a gremlin active (static gremlin) keeps the caller's limit: a loop there is a Timeout", () => {
    expect(loadLimitFor(7, 6_000)).toBe(6_000);
  });
});
