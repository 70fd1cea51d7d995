// Harness fidelity (issue 17): suites using snapshots, once-per-file hooks, vitest fixtures and
// concurrency, polling and fake timers run in the thread executor (asserted) with the spawn executor's
// verdict on every gremlin; and no `.snap` file of the user's tree is written, changed or added.
import { afterAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { globSync } from "tinyglobby";
import { REPO } from "./run-harness.ts";
import { differences, runWith } from "./thread-runs.ts";

const FIXTURES = (process.env.GREMLINS_FIDELITY_FIXTURES ?? "thread-snapshot-jest,thread-snapshot-vitest,thread-hooks-once-jest,thread-hooks-once-vitest").split(",");
const timings: string[] = [];
afterAll(() => console.log(timings.join("\n")));

/** Path → sha256 of every `.snap` file under the fixture (node_modules and .gremlins aside). */
function snapHashes(dir: string): Record<string, string> {
  const files = globSync(["**/*.snap"], { cwd: dir, ignore: ["**/node_modules/**", "**/.gremlins/**"] }).sort();
  return Object.fromEntries(files.map((f) => [f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex")]));
}

describe("harness fidelity: thread executor ≡ spawn executor", () => {
  for (const fixture of FIXTURES) {
    test(
      fixture,
      () => {
        const dir = join(REPO, "tests/fixtures", fixture);
        const before = snapHashes(dir);
        const thread = runWith(fixture, "thread");
        if (thread.code !== 0) console.log(thread.stderr);
        expect(thread.code).toBe(0);
        expect(thread.stderr).toContain("Executor: thread");
        // Tests sharing a beforeAll block run in order, the block entered once: no leak, the worker is reused.
        if (fixture.startsWith("thread-hooks-once")) expect(thread.stderr).not.toContain("fresh worker per gremlin");
        expect(thread.statuses.size).toBeGreaterThan(0);
        const spawn = runWith(fixture, "spawn");
        expect(spawn.code).toBe(0);
        timings.push(`${fixture}: ${thread.statuses.size} gremlins, thread ${(thread.wallMs / 1000).toFixed(1)} s, spawn ${(spawn.wallMs / 1000).toFixed(1)} s`);
        expect(differences(thread, spawn)).toEqual([]);
        // Neither executor wrote, changed or added a snapshot file in the user's tree.
        expect(snapHashes(dir)).toEqual(before);
      },
      300_000,
    );
  }
});
