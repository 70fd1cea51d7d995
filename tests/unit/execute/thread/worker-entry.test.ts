// Where the thread executor finds its worker entry: from source next to thread-worker.ts; in the built
// layouts through the URL build.ts records in __GREMLINS_WORKERS__ (relative to the main bundle).
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { buildDefines, workerUrl } from "../../../../build.ts";
import { builtWorkers, layout, WORKER_SOURCE, workerEntry } from "../../../../src/execute/thread/thread-worker.ts";

describe("workerEntry", () => {
  test("from source: the .ts file next to thread-worker.ts, which exists", () => {
    expect(builtWorkers()).toBeUndefined();
    expect(layout()).toBe("source");
    const entry = workerEntry();
    expect(typeof entry).toBe("string");
    expect(String(entry).endsWith("/src/execute/thread/gremlins.worker.ts")).toBe(true);
    expect(existsSync(String(entry))).toBe(true);
  });

  test.each([
    ["binary", "file:///$bunfs/root/gremlins-linux-x64", "file:///$bunfs/root/src/execute/thread/gremlins.worker.js"],
    [
      "npm",
      "file:///app/node_modules/gremlins/dist/gremlins.mjs",
      "file:///app/node_modules/gremlins/dist/execute/thread/gremlins.worker.mjs",
    ],
  ] as const)("%s layout: the URL build.ts maps the worker to, against the bundle", (kind, bundle, expected) => {
    const map = JSON.parse(buildDefines(kind).__GREMLINS_WORKERS__ as string) as Record<string, string>;
    expect(map[WORKER_SOURCE]).toBe(workerUrl(kind, WORKER_SOURCE));
    expect(String(workerEntry(bundle, map))).toBe(expected);
  });
});
