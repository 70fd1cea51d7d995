// End-to-end: static kills on a reloaded CommonJS graph are confirmed several at a time, by one clean
// reload (no gremlin) that must pass all their killing tests, instead of one clean reload per kill. A
// gremlin whose load writes into a built-in module (kept across reloads) taints the worker: the clean
// reload catches it, reloading is given up, and the held kills are re-run on fresh workers. Verdicts equal spawn's.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ThreadStats } from "../../src/execute/thread/stats.ts";
import { differences, runWith } from "./thread-runs.ts";

describe("thread-static-batch", () => {
  test("held static kills are confirmed together; a tainting graph is caught; verdicts equal spawn's", () => {
    const statsFile = join(mkdtempSync(join(tmpdir(), "gremlins-static-batch-")), "stats.json");
    const thread = runWith("thread-static-batch", "thread", [], { GREMLINS_THREAD_STATS: statsFile });
    if (thread.code !== 0) console.log(thread.stderr);
    expect(thread.code).toBe(0);
    expect(thread.stderr).toContain("Executor: thread");
    // The oracle is a fresh process per gremlin, as in CI: a warm mocha process keeps node:os's property too.
    const spawn = runWith("thread-static-batch", "spawn", [], { GREMLINS_WARM_RUNS: "off" });
    expect(spawn.code).toBe(0);
    expect(differences(thread, spawn)).toEqual([]);
    const stats = JSON.parse(readFileSync(statsFile, "utf8")) as ThreadStats;
    // Fewer clean reloads than the kills they confirmed, and one that found the node:os write.
    const checks = stats.staticChecks;
    expect(checks).toBeDefined();
    expect(checks?.kills ?? 0).toBeGreaterThan(checks?.checks ?? 0);
    expect(checks?.failed ?? 0).toBeGreaterThan(0);
    expect(stats.staticReloads?.gaveUp).toBe('"limit > leaves node:os alone" failed');
    expect(thread.stderr).toContain("reloading the module graph in a kept worker was given up");
  }, 300_000);
});
