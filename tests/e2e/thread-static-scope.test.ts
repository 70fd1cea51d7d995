// End-to-end: how many tests a gremlin runs in threads on a mocha suite shaped like express's. A static
// gremlin (reached while a test file loads) runs only the tests of the files that load its code, plus those
// that reach it while running, not the whole suite; a gremlin's tests run killer-first file by file, not
// in registration order. Workers must run in Node (the npm bundle) for load-time scopes. Verdicts equal spawn's.
import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { ensureBuilt, REPO } from "./install-paths.ts";
import { differences, runWith } from "./thread-runs.ts";

const NPM_BUNDLE = join(REPO, "dist/gremlins.mjs");

beforeAll(() => ensureBuilt(NPM_BUNDLE, "--npm"), 300_000);

/** The testsCompleted of the gremlin whose key starts with `prefix` (file:line:column operator). */
function testsOf(run: ReturnType<typeof runWith>, prefix: string): number | undefined {
  for (const [key, n] of run.testsRun) if (key.startsWith(prefix)) return n;
  return undefined;
}

describe("thread-static-scope", () => {
  test("static gremlins run their files' tests, killers first; verdicts equal spawn's", () => {
    const thread = runWith("thread-static-scope", "thread", ["--verbose"], {}, ["node", NPM_BUNDLE]);
    if (thread.code !== 0) console.log(thread.stderr);
    expect(thread.code).toBe(0);
    expect(thread.stderr).toContain("Executor: thread");
    expect(thread.stderr).toContain("test workers are threads of gremlins' own node process");
    const spawn = runWith("thread-static-scope", "spawn");
    expect(spawn.code).toBe(0);
    expect(differences(thread, spawn)).toEqual([]);
    // `options.limit >= 0`: made at load by a-load (1 test), reached while running by c-exact (1 test);
    // b-slow's 7 tests never get that far, d-plain's 5 never load lib/config.js.
    expect(testsOf(thread, "lib/config.js:8:18 equality → options.limit >= 0")).toBe(2);
    expect(testsOf(thread, "lib/config.js:8:34 boundary → 1")).toBe(2);
    // `strict: false`: every createApp call reaches it (a-load, b-slow's 7, c-exact), d-plain does not.
    expect(testsOf(thread, "lib/config.js:7:52 boolean-literal → false")).toBe(9);
    // describeApp's gremlins: c-exact's fast test kills them before b-slow's slow ones run.
    expect(testsOf(thread, 'lib/config.js:18:10 string-literal → ""')).toBe(1);
  }, 300_000);
});
