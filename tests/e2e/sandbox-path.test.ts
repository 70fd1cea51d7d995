// The sandbox copies sit on a path with no dot segment: code that refuses dotted paths (as express's `send`
// does) passes its tests in the sandbox, in the thread executor, with the spawn executor's verdicts.
import { expect, test } from "bun:test";
import { differences, runWith } from "./thread-runs.ts";

test("thread-dot-path: a mocha suite that refuses dotted paths runs in threads; verdicts equal spawn's", () => {
  const thread = runWith("thread-dot-path", "thread");
  if (thread.code !== 0) console.log(thread.stderr);
  expect(thread.code).toBe(0);
  expect(thread.stderr).toContain("Executor: thread");
  const spawn = runWith("thread-dot-path", "spawn");
  if (spawn.code !== 0) console.log(spawn.stderr);
  expect(spawn.code).toBe(0);
  expect(differences(thread, spawn)).toEqual([]);
  const counts: Record<string, number> = {};
  for (const status of thread.statuses.values()) counts[status] = (counts[status] ?? 0) + 1;
  // etag() is never called (NoCoverage); the survivors are the dotfile check's length bound (no test path has
  // a lone "." segment) and an equivalent fallback extension (see tests/fixtures/README.md).
  expect(counts).toEqual({ Killed: 31, Survived: 4, NoCoverage: 2 });
}, 300_000);
