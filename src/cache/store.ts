// The result cache on disk (`<cacheDir>/results.json`): a versioned JSON document that is only ever
// parsed and validated, never executed. Anything corrupt or foreign is discarded with a reason.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "pathe";
import type { Outcome, ResolvedConfig, Status } from "../types.ts";
import { STATE_DIR } from "../util/own-paths.ts";

export const CACHE_FORMAT = "gremlins-result-cache";
export const CACHE_FORMAT_VERSION = 1;
export const CACHE_FILE = "results.json";

/** Where the cache lives when config.cacheDir is not set. */
export const DEFAULT_CACHE_DIR = `${STATE_DIR}/cache`;

/** The result cache file of a project. */
export function cachePathOf(config: ResolvedConfig): string {
  return join(resolve(config.root, config.cacheDir ?? DEFAULT_CACHE_DIR), CACHE_FILE);
}

/** Verdicts worth keeping: the tool's own failures (RuntimeError) and Ignored (free to recompute) are not. */
export const CACHEABLE: ReadonlySet<Status> = new Set<Status>(["Killed", "Survived", "Timeout", "NoCoverage"]);

/** One cached verdict and the inputs it was computed from. */
export interface CachedVerdict {
  file: string;
  /** Hash of config key, the file's content hash and the support files' hash. */
  key: string;
  /** "*": depends on every test file; else the test files that covered it (per-test coverage). */
  tests: "*" | string[];
  testsHash: string;
  outcome: Outcome;
}

/** The baseline's coverage map, valid while none of its inputs changed. */
export interface CachedCoverage {
  key: string;
  /** Ids of the gremlins some test reached. */
  reached: string[];
  baselineMs: number;
}

export interface CacheDocument {
  format: typeof CACHE_FORMAT;
  version: number;
  /** gremlins version that wrote it: another version's verdicts are not trusted. */
  gremlins: string;
  coverage: CachedCoverage | null;
  verdicts: Record<string, CachedVerdict>;
}

export function emptyCache(gremlinsVersion: string): CacheDocument {
  return {
    format: CACHE_FORMAT,
    version: CACHE_FORMAT_VERSION,
    gremlins: gremlinsVersion,
    coverage: null,
    verdicts: {},
  };
}

export interface LoadedCache {
  cache: CacheDocument;
  /** Why an existing file was discarded (to show as a warning). */
  discarded?: string;
  /** True when a cache file existed and was accepted. */
  found: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const optional = (value: unknown, check: (v: unknown) => boolean): boolean => value === undefined || check(value);
const isCount = (value: unknown): boolean => typeof value === "number" && Number.isFinite(value) && value >= 0;

/** A cached outcome, rebuilt field by field from what was read (unknown fields are dropped). */
function readOutcome(id: string, raw: unknown): Outcome | null {
  if (!isObject(raw) || raw.id !== id || !isString(raw.status) || !CACHEABLE.has(raw.status as Status)) return null;
  if (
    !optional(raw.statusReason, isString) ||
    !optional(raw.killedBy, isStringList) ||
    !optional(raw.coveredBy, isStringList)
  )
    return null;
  if (
    !optional(raw.testsCompleted, isCount) ||
    !optional(raw.durationMs, isCount) ||
    !optional(raw.static, (v) => typeof v === "boolean")
  )
    return null;
  const outcome: Outcome = { id, status: raw.status as Status };
  if (raw.statusReason !== undefined) outcome.statusReason = raw.statusReason as string;
  if (raw.killedBy !== undefined) outcome.killedBy = [...(raw.killedBy as string[])];
  if (raw.coveredBy !== undefined) outcome.coveredBy = [...(raw.coveredBy as string[])];
  if (raw.testsCompleted !== undefined) outcome.testsCompleted = raw.testsCompleted as number;
  if (raw.durationMs !== undefined) outcome.durationMs = raw.durationMs as number;
  if (raw.static !== undefined) outcome.static = raw.static as boolean;
  return outcome;
}

function readVerdict(id: string, raw: unknown): CachedVerdict | null {
  if (!isObject(raw) || !isString(raw.file) || !isString(raw.key) || !isString(raw.testsHash)) return null;
  if (raw.tests !== "*" && !isStringList(raw.tests)) return null;
  const outcome = readOutcome(id, raw.outcome);
  if (!outcome) return null;
  return {
    file: raw.file,
    key: raw.key,
    tests: raw.tests === "*" ? "*" : [...raw.tests],
    testsHash: raw.testsHash,
    outcome,
  };
}

function readCoverage(raw: unknown): CachedCoverage | null | undefined {
  if (raw === null) return null;
  if (!isObject(raw) || !isString(raw.key) || !isStringList(raw.reached) || !isCount(raw.baselineMs)) return undefined;
  return { key: raw.key, reached: [...raw.reached], baselineMs: raw.baselineMs as number };
}

/** Validates a parsed document; returns the cache or the reason it is rejected. */
export function validateCache(raw: unknown, gremlinsVersion: string): CacheDocument | string {
  if (!isObject(raw) || raw.format !== CACHE_FORMAT) return "it is not a gremlins result cache";
  if (raw.version !== CACHE_FORMAT_VERSION)
    return `it has format version ${String(raw.version)}, this gremlins reads version ${CACHE_FORMAT_VERSION}`;
  if (raw.gremlins !== gremlinsVersion)
    return `it was written by gremlins ${String(raw.gremlins)}, this is ${gremlinsVersion}`;
  const coverage = readCoverage(raw.coverage);
  if (coverage === undefined) return "its coverage map is malformed";
  if (!isObject(raw.verdicts)) return "its verdict table is malformed";
  const verdicts: Record<string, CachedVerdict> = Object.create(null) as Record<string, CachedVerdict>;
  for (const [id, entry] of Object.entries(raw.verdicts)) {
    const verdict = readVerdict(id, entry);
    if (!verdict) return `its entry for gremlin ${id} is malformed`;
    verdicts[id] = verdict;
  }
  return { format: CACHE_FORMAT, version: CACHE_FORMAT_VERSION, gremlins: gremlinsVersion, coverage, verdicts };
}

/** Reads `path`; a missing file is an empty cache, a corrupt or foreign one is discarded with a reason. */
export function loadCache(path: string, gremlinsVersion: string): LoadedCache {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { cache: emptyCache(gremlinsVersion), found: false };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { cache: emptyCache(gremlinsVersion), found: false, discarded: "it is not valid JSON" };
  }
  const checked = validateCache(raw, gremlinsVersion);
  if (typeof checked === "string") return { cache: emptyCache(gremlinsVersion), found: false, discarded: checked };
  return { cache: checked, found: true };
}

/** Writes the cache atomically (temp file + rename), synchronously so it also works from a signal handler. */
export function saveCache(path: string, cache: object): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(cache));
  renameSync(temp, path);
}

/** Removes the cache directory; returns true when there was one. */
export function clearCache(dir: string): boolean {
  const existed = existsSync(dir);
  rmSync(dir, { recursive: true, force: true });
  return existed;
}
