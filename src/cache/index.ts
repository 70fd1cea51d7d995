// The caches' public API: the result cache on disk (verdicts and coverage, read by src/incremental/),
// the per-file gremlin cache of the mutate stage, the hashes of a run's inputs, and `cache clear`.
export {
  CACHE_FILE,
  CACHE_FORMAT,
  CACHE_FORMAT_VERSION,
  CACHEABLE,
  cachePathOf,
  clearCache,
  DEFAULT_CACHE_DIR,
  emptyCache,
  loadCache,
  saveCache,
  validateCache,
  type CacheDocument,
  type CachedVerdict,
} from "./store.ts";
export { collectTestInputs, hashOfTests, isTestFile, type TestInputs } from "./inputs.ts";
export { hashContent, hashParts } from "./hash.ts";
export { generateWithCache, GENERATION_FILE } from "./generation.ts";
