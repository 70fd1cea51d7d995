// vitest and jest projects whose config files the thread executor must read: vitest.config.ts (defineConfig
// of a function, setupFiles, resolve.alias, include) and jest.config.js (testMatch, moduleNameMapper,
// setupFiles). Threads must be chosen and every verdict must equal the spawn executor's; what cannot be
// honoured is refused with its exact reason.
import { describe, expect, test } from "bun:test";
import { differences, runWith } from "./thread-runs.ts";

const CASES = [
  {
    fixture: "thread-vitest-config",
    notes: ["vitest.config.ts: ignored test.cache (vitest's results cache)"],
    counts: { Killed: 28, Survived: 3 },
  },
  {
    fixture: "thread-jest-config",
    notes: ["jest.config.js: ignored verbose (output only)"],
    counts: { Killed: 21, Survived: 5 },
  },
  {
    fixture: "thread-jest-transform",
    notes: ["jest.config.js: transform \\.js$ → transform/units.js, run in the workers as jest runs it"],
    counts: { Killed: 9, Survived: 1 },
  },
];

function count(statuses: Map<string, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const status of statuses.values()) out[status] = (out[status] ?? 0) + 1;
  return out;
}

describe("configs read by the thread executor ≡ spawn", () => {
  for (const c of CASES) {
    test(
      c.fixture,
      () => {
        const thread = runWith(c.fixture, "thread", ["--verbose"]);
        if (thread.code !== 0) console.log(thread.stderr);
        expect(thread.code).toBe(0);
        expect(thread.stderr).toContain("Executor: thread");
        for (const note of c.notes) expect(thread.stderr).toContain(note);
        expect(count(thread.statuses)).toEqual(c.counts);
        const spawn = runWith(c.fixture, "spawn");
        expect(spawn.code).toBe(0);
        expect(differences(thread, spawn)).toEqual([]);
      },
      300_000,
    );
  }
});

describe("what a config or command asks that the harness cannot honour: the exact reason", () => {
  test.each([
    [
      "thread-vitest-config",
      "vitest run --environment jsdom",
      "vitest option --environment jsdom (the built-in harness runs tests in node only)",
    ],
    ["thread-jest-config", "jest --resetMocks", "jest option --resetMocks is not honoured by the built-in harness"],
  ])(
    "%s: %s",
    (fixture, command, reason) => {
      const run = runWith(fixture, "thread", ["--test-command", command]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(reason);
    },
    60_000,
  );
});
