// The cache file: round trip, and every way a file can be corrupt or foreign (each discarded with a reason).
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CACHE_FORMAT, clearCache, emptyCache, loadCache, saveCache, validateCache } from "../../../src/cache/store.ts";

const dir = mkdtempSync(join(tmpdir(), "gremlins-cache-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sample() {
  const cache = emptyCache("1.2.3");
  cache.coverage = { key: "k", reached: ["g1"], baselineMs: 12 };
  cache.verdicts["g1"] = {
    file: "src/a.ts",
    key: "k1",
    tests: "*",
    testsHash: "t",
    outcome: { id: "g1", status: "Killed", statusReason: "x", killedBy: ["x"], durationMs: 3 },
  };
  cache.verdicts["g2"] = {
    file: "src/a.ts",
    key: "k1",
    tests: ["test/a.test.ts"],
    testsHash: "t2",
    outcome: { id: "g2", status: "Survived" },
  };
  return cache;
}

describe("cache store", () => {
  test("saves atomically and loads back the same document", () => {
    const path = join(dir, "rt", "results.json");
    saveCache(path, sample());
    expect(readdirSync(join(dir, "rt"))).toEqual(["results.json"]);
    expect(loadCache(path, "1.2.3")).toEqual({ cache: sample(), found: true });
  });

  test("a missing file is an empty cache without a warning", () => {
    expect(loadCache(join(dir, "none.json"), "1.2.3")).toEqual({ cache: emptyCache("1.2.3"), found: false });
  });

  const broken = (mutate: (doc: Record<string, any>) => void): unknown => {
    const doc = JSON.parse(JSON.stringify(sample())) as Record<string, any>; // any: free-form corruption
    mutate(doc);
    return doc;
  };
  test.each([
    ["not an object", () => [1, 2], "not a gremlins result cache"],
    ["another format", () => broken((d) => (d.format = "x")), "not a gremlins result cache"],
    ["another format version", () => broken((d) => (d.version = 99)), "format version 99"],
    ["another gremlins version", () => broken((d) => (d.gremlins = "0.0.1")), "written by gremlins 0.0.1"],
    [
      "a status that is never cached",
      () => broken((d) => (d.verdicts.g1.outcome.status = "RuntimeError")),
      "entry for gremlin g1",
    ],
    ["an unknown status", () => broken((d) => (d.verdicts.g1.outcome.status = "Exploded")), "entry for gremlin g1"],
    ["an outcome for another id", () => broken((d) => (d.verdicts.g1.outcome.id = "g2")), "entry for gremlin g1"],
    ["a non-string key", () => broken((d) => (d.verdicts.g2.key = 5)), "entry for gremlin g2"],
    [
      "tests that are neither * nor a list",
      () => broken((d) => (d.verdicts.g2.tests = "some")),
      "entry for gremlin g2",
    ],
    ["killedBy not a list", () => broken((d) => (d.verdicts.g1.outcome.killedBy = "x")), "entry for gremlin g1"],
    ["a bad coverage map", () => broken((d) => (d.coverage = { key: "k", reached: [1] })), "coverage map"],
    ["no verdict table", () => broken((d) => delete d.verdicts), "verdict table"],
  ])("rejects %s", (_name, make, reason) => {
    const checked = validateCache(make(), "1.2.3");
    expect(typeof checked).toBe("string");
    expect(checked as string).toContain(reason);
  });

  test("unknown fields are dropped, never carried along", () => {
    const doc = broken((d) => {
      d.verdicts.g1.outcome.extra = "code()";
      d.extra = 1;
    });
    const checked = validateCache(doc, "1.2.3");
    expect(typeof checked).toBe("object");
    expect(JSON.stringify(checked)).not.toContain("code()");
  });

  test("invalid JSON is discarded with a reason", () => {
    const path = join(dir, "bad.json");
    writeFileSync(path, '{"format": "' + CACHE_FORMAT + '", ');
    expect(loadCache(path, "1.2.3")).toEqual({
      cache: emptyCache("1.2.3"),
      found: false,
      discarded: "it is not valid JSON",
    });
  });

  test("clearCache removes the directory and says whether there was one", () => {
    const cacheDir = join(dir, "to-clear");
    saveCache(join(cacheDir, "results.json"), sample());
    expect(clearCache(cacheDir)).toBe(true);
    expect(existsSync(cacheDir)).toBe(false);
    expect(clearCache(cacheDir)).toBe(false);
  });
});
