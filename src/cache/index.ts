// The result cache's public API: the incremental plan of a run, the on-disk store, and `cache clear`.
import type { Gremlin, SourceFile } from "../types.ts";

export { cachePathOf, DEFAULT_CACHE_DIR, planIncremental, type IncrementalPlan, type PlanOptions } from "./plan.ts";
export { CACHE_FILE, CACHE_FORMAT, CACHE_FORMAT_VERSION, clearCache, loadCache, saveCache, validateCache, type CacheDocument } from "./store.ts";
export { collectTestInputs, hashOfTests, isTestFile, type TestInputs } from "./inputs.ts";
export { hashContent, hashParts } from "./hash.ts";
export { generateWithCache, GENERATION_FILE } from "./generation.ts";

/** The files of a run restricted to the gremlins in scope (files left without any are dropped). */
export function scopeFiles(files: readonly SourceFile[], inScope: readonly Gremlin[]): SourceFile[] {
  const ids = new Set(inScope.map((g) => g.id));
  const scoped: SourceFile[] = [];
  for (const file of files) {
    const gremlins = file.gremlins.filter((g) => ids.has(g.id));
    if (gremlins.length === file.gremlins.length) scoped.push(file);
    else if (gremlins.length > 0) scoped.push({ ...file, gremlins });
  }
  return scoped;
}
