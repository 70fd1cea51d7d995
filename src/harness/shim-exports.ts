// The names each framework shim exports, as a plain table: the coordinator writes the shims without
// loading the harness itself (expect, jest-mock), which only worker threads need.
// tests/unit/harness/shim-exports.test.ts checks it against the live harness namespaces.

export const SHIM_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  "bun:test": ["describe", "it", "test", "expect", "beforeAll", "afterAll", "beforeEach", "afterEach", "mock", "spyOn", "jest", "vi", "setSystemTime", "setDefaultTimeout", "expectTypeOf", "onTestFinished"],
  vitest: ["describe", "it", "test", "expect", "beforeAll", "afterAll", "beforeEach", "afterEach", "suite", "vi", "vitest", "onTestFinished", "onTestFailed", "expectTypeOf", "assertType", "bench", "assert", "chai", "should", "inject"],
  "@jest/globals": ["describe", "it", "test", "expect", "beforeAll", "afterAll", "beforeEach", "afterEach", "jest", "fit", "xit", "xtest", "fdescribe", "xdescribe"],
  "node:test": ["test", "it", "describe", "suite", "before", "after", "beforeEach", "afterEach", "mock", "run", "default"],
  test: ["test", "it", "describe", "suite", "before", "after", "beforeEach", "afterEach", "mock", "run", "default"],
  mocha: ["describe", "context", "it", "specify", "before", "after", "beforeEach", "afterEach", "xit", "xspecify", "xdescribe", "xcontext"],
  uvu: ["suite", "test", "exec"],
  "uvu/assert": ["Assertion", "ok", "is", "equal", "type", "instance", "match", "snapshot", "fixture", "throws", "unreachable", "not"],
  tape: ["default", "test"],
};

/** Framework specifiers the harness replaces (same list as the harness's `specifiers`). */
export const SHIM_SPECIFIERS: readonly string[] = Object.keys(SHIM_EXPORTS);
