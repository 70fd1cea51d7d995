// End-to-end: a test waiting on a request its in-thread server never answers (the gremlin removed the
// answer) can only end by its timeout. In Node-hosted workers (the npm bundle under node) the harness ends
// it as soon as nothing is left that could finish it, with the timeout's outcome: verdicts equal spawn's
// (where mocha waits out its 2 s timeout), and the thread statistics count the tests ended early.
import { beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBuilt, REPO } from "./install-paths.ts";
import { differences, runWith } from "./thread-runs.ts";

const NPM_BUNDLE = join(REPO, "dist/gremlins.mjs");

beforeAll(() => ensureBuilt(NPM_BUNDLE, "--npm"), 300_000);

describe("thread-stuck-mocha", () => {
  test("unanswered requests end before mocha's timeout; a pending timer of the app's is waited for; verdicts equal spawn's", () => {
    const dir = mkdtempSync(join(tmpdir(), "gremlins-stuck-"));
    const statsFile = join(dir, "stats.json");
    try {
      const thread = runWith("thread-stuck-mocha", "thread", [], { GREMLINS_THREAD_STATS: statsFile }, [
        "node",
        NPM_BUNDLE,
      ]);
      if (thread.code !== 0) console.log(thread.stderr);
      expect(thread.code).toBe(0);
      expect(thread.stderr).toContain("Executor: thread");
      const stats = JSON.parse(readFileSync(statsFile, "utf8")) as { endedEarly?: number };
      const spawn = runWith("thread-stuck-mocha", "spawn");
      expect(spawn.code).toBe(0);
      expect(differences(thread, spawn)).toEqual([]);
      // `res.end("pong")` removed, and the app's timer emptied (`res.end("done")` gone): both hang their test,
      // the second only once the timer has fired.
      const status = (prefix: string) => [...thread.statuses].find(([key]) => key.startsWith(prefix))?.[1];
      expect(status("src/app.js:6:5 call-statement")).toBe("Killed");
      expect(status("src/app.js:11:23 block")).toBe("Killed");
      expect(stats.endedEarly ?? 0).toBeGreaterThanOrEqual(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
