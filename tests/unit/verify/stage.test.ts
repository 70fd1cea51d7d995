// When the --verify stage runs at all: only after the thread executor, only when the setting asks for it.
import { describe, expect, test } from "bun:test";
import { verifyWanted } from "../../../src/verify/run.ts";
import { verifyStage } from "../../../src/run/verify-stage.ts";
import type { Executor } from "../../../src/execute/executor.ts";
import type { Gremlin, ResolvedConfig } from "../../../src/types.ts";

describe("verifyWanted", () => {
  test.each([
    [undefined, true],
    ["default", true],
    ["20", true],
    ["100%", true],
    ["0", false],
    ["0%", false],
    ["nonsense", false],
  ])("%p → %p", (setting, wanted) => expect(verifyWanted(setting)).toBe(wanted));
});

describe("verifyStage", () => {
  const gremlin = { id: "a", index: 1, file: "src/a.ts" } as Gremlin;
  const executor = (name: "spawn" | "thread"): Executor => ({
    name,
    baseline: () => Promise.reject(new Error("not called")),
    describe: () => [],
    execute: () => Promise.reject(new Error("not called")),
    tests: () => new Map(),
    close: () => {},
  });
  const input = (name: "spawn" | "thread", verify: string) => ({
    config: { verify, timeoutFactor: 1.5, timeoutMs: 5000 } as ResolvedConfig,
    executor: executor(name),
    ran: [gremlin],
    outcomes: new Map([["a", { id: "a", status: "Killed" as const }]]),
    spec: { command: "false", reason: "", path: "" },
    dir: "/nowhere",
    workers: 1,
    context: () => {
      throw new Error("no run expected");
    },
    addWorkers: () => {
      throw new Error("no sandbox expected");
    },
    threadMs: 1000,
    baselineMs: 100,
    hitLimit: 1000,
    log: { info: () => {}, warn: () => {}, error: () => {}, verbose: () => {} },
    onReplaced: () => {
      throw new Error("nothing to replace");
    },
  });
  test("the spawn executor's verdicts are not re-checked", async () => {
    expect(await verifyStage(input("spawn", "100%"))).toEqual({});
  });
  test("--verify 0 runs nothing after a thread run", async () => {
    expect(await verifyStage(input("thread", "0"))).toEqual({});
  });
});
