// generateWithCache: the same files, gremlins and indices as generateGremlins, with unchanged files taken
// from the cache; a tampered or stale entry is regenerated, never used.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateWithCache, GENERATION_FILE } from "../../../src/cache/index.ts";
import { defaultConfig } from "../../../src/config/defaults.ts";
import { generateGremlins } from "../../../src/mutate/index.ts";
import type { ResolvedConfig } from "../../../src/types.ts";

const root = mkdtempSync(join(tmpdir(), "gremlins-gencache-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const config = { ...defaultConfig(), root, sources: {}, configFile: null } as ResolvedConfig;
const cacheFile = join(root, ".gremlins/cache", GENERATION_FILE);

const A = "export const a = (x: number) => x + 1 > 2;\n";
const B = "export function b(s: string) {\n  return s.replace(/a+/g, '-') || 'none';\n}\n";
const C = "export const c = [1, 2].map((n) => n * 2);\n";
const inputs = (b = B) => [
  { file: "src/a.ts", source: A },
  { file: "src/b.ts", source: b },
  { file: "src/c.ts", source: C },
];

describe("generateWithCache", () => {
  test("cold, warm and partly changed runs equal a plain generation", () => {
    const cold = generateWithCache(config, inputs(), true);
    expect(cold).toEqual(generateGremlins(inputs()));
    const warm = generateWithCache(config, inputs(), true);
    expect(warm).toEqual(generateGremlins(inputs()));
    const changed = inputs(B.replace("'none'", "'empty'"));
    expect(generateWithCache(config, changed, true)).toEqual(generateGremlins(changed));
  });

  test("unchanged files really come from the cache (a harmless marker survives)", () => {
    generateWithCache(config, inputs(), true);
    const doc = JSON.parse(readFileSync(cacheFile, "utf8"));
    doc.files["src/c.ts"].gremlins[0].description = "from the cache";
    writeFileSync(cacheFile, JSON.stringify(doc));
    const result = generateWithCache(config, inputs(), true);
    expect(result.files[2]!.gremlins[0]!.description).toBe("from the cache");
    expect(generateWithCache(config, inputs(), false).files[2]!.gremlins[0]!.description).not.toBe("from the cache");
  });

  test("a tampered entry (original text not in the source) is regenerated", () => {
    generateWithCache(config, inputs(), true);
    const doc = JSON.parse(readFileSync(cacheFile, "utf8"));
    doc.files["src/a.ts"].gremlins[0].original = "evil";
    doc.files["src/a.ts"].gremlins[0].replacement = "process.exit(9)";
    writeFileSync(cacheFile, JSON.stringify(doc));
    const result = generateWithCache(config, inputs(), true);
    expect(result).toEqual(generateGremlins(inputs()));
    expect(JSON.stringify(result)).not.toContain("process.exit(9)");
  });

  test("a corrupt file is ignored", () => {
    writeFileSync(cacheFile, "{ nope");
    expect(generateWithCache(config, inputs(), true)).toEqual(generateGremlins(inputs()));
  });

  test("another operator selection does not reuse the entries", () => {
    generateWithCache(config, inputs(), true);
    const only = { ...config, operators: { include: ["arithmetic"] } };
    expect(generateWithCache(only, inputs(), true)).toEqual(generateGremlins(inputs(), { operators: only.operators }));
  });
});
