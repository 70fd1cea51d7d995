// The static shim export table (used by the coordinator, which never loads the harness) must name exactly
// what each live harness namespace exports, for exactly the specifiers the harness replaces.
import { describe, expect, test } from "bun:test";
import { createHarness } from "../../../src/harness/index.ts";
import { SHIM_EXPORTS, SHIM_SPECIFIERS } from "../../../src/harness/shim-exports.ts";

describe("SHIM_EXPORTS", () => {
  const harness = createHarness();
  test("lists the harness's specifiers, in order", () => {
    expect([...SHIM_SPECIFIERS]).toEqual([...harness.specifiers]);
  });
  test.each([...harness.specifiers])("%s: the live namespace's names", (specifier) => {
    expect([...(SHIM_EXPORTS[specifier] ?? [])]).toEqual(Object.keys(harness.moduleFor(specifier) ?? {}));
  });
});
