// The thread executor's batched kill verification end to end: a gremlin leaves module state tainted in
// its worker, so kills after it there are false; the verification must catch them, re-run them
// carefully and end with the spawn executor's verdicts (which run every gremlin in a fresh process).
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { differences, runWith } from "./thread-runs.ts";

describe("batched verification of kills", () => {
  test("thread-taint: the false kills after a tainting gremlin are re-run, the verdicts are the spawn executor's", () => {
    // One worker: the tainting gremlin (its test is the slowest, so it goes first) shares the worker with its victims.
    const dir = mkdtempSync(join(tmpdir(), "gremlins-taint-"));
    const statsFile = join(dir, "stats.json");
    try {
      const thread = runWith("thread-taint", "thread", ["--workers", "1"], { GREMLINS_THREAD_STATS: statsFile });
      if (thread.code !== 0) console.log(thread.stderr);
      expect(thread.code).toBe(0);
      const stats = JSON.parse(readFileSync(statsFile, "utf8")) as {
        careful: string | null;
        verifications: { failed: number; rerun: number };
      };
      expect(stats.careful).toContain('"the store starts empty" failed with no gremlin active');
      expect(stats.verifications.failed).toBeGreaterThanOrEqual(1);
      expect(stats.verifications.rerun).toBeGreaterThanOrEqual(1);
      // size()'s gremlins on `n > 1000` and its message survive: the item left behind must not kill them.
      const sizeGremlins = [...thread.statuses].filter(([key]) => key.startsWith("src/store.ts:13:"));
      expect(sizeGremlins.length).toBeGreaterThanOrEqual(4);
      expect(sizeGremlins.filter(([, status]) => status !== "Survived")).toEqual([]);
      const spawn = runWith("thread-taint", "spawn", ["--workers", "1"]);
      expect(spawn.code).toBe(0);
      expect(differences(thread, spawn)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  test("thread-late-timer: a zero-delay timer left by a passing test throws → Killed, as under node --test", () => {
    const thread = runWith("thread-late-timer", "thread");
    expect(thread.code).toBe(0);
    const killed = [...thread.statuses].filter(
      ([key, status]) => key.startsWith("src/notify.js:5:") && status === "Killed",
    );
    expect(killed.length).toBeGreaterThanOrEqual(1);
    const spawn = runWith("thread-late-timer", "spawn");
    expect(spawn.code).toBe(0);
    expect(differences(thread, spawn)).toEqual([]);
  }, 300_000);
});
