// Incremental runs: which gremlins keep a cached verdict, which need testing (all of them, or
// only those on changed lines in a diff mode), whether the cached coverage map spares the baseline; then
// records fresh verdicts and writes them back (also when the run is interrupted).
import { existsSync } from "node:fs";
import { join } from "pathe";
import type { ChangeSet } from "../diff/index.ts";
import { touchesChange } from "../diff/index.ts";
import type { Gremlin, Outcome, ResolvedConfig, SourceFile } from "../types.ts";
import { VERSION } from "../version.ts";
import {
  CACHEABLE,
  cachePathOf,
  collectTestInputs,
  DEFAULT_CACHE_DIR,
  emptyCache,
  hashContent,
  hashOfTests,
  hashParts,
  loadCache,
  saveCache,
  type CacheDocument,
  type CachedVerdict,
  type TestInputs,
} from "../cache/index.ts";

/** Verdicts that arrive this soon before an interrupt may be the interrupt's doing (SIGINT reaches the tests too). */
const INTERRUPT_GRACE_MS = 1000;

export interface IncrementalOptions {
  /** False for --no-cache: nothing is read, fresh verdicts are still written. */
  useCache: boolean;
  /** The diff mode's changes, or null for a full run. */
  changes: ChangeSet | null;
  /** The resolved test command (part of every key). */
  testCommand: string;
  /** Reads a project-relative file for hashing (--staged reads the index). */
  read?: (path: string) => Uint8Array | null;
  /** The test file a test id belongs to, when the executor knows it (per-test coverage). */
  testFileOf?: (testId: string) => string | undefined;
  warn: (message: string) => void;
}

export interface Incremental {
  /** Gremlins that need the baseline and a test run (never Ignored ones). */
  toTest: Gremlin[];
  /** Verdicts known without running anything: cached ones (`cached: true`) and Ignored ones. */
  known: Map<string, Outcome>;
  /** How many of `known` came from the cache. */
  reused: number;
  /** The cached coverage map (gremlin indices of this run) when none of its inputs changed. */
  coverage: { reached: Set<number>; baselineMs: number } | null;
  /** The gremlins this run reports on (diff modes leave out unchanged gremlins without a cached verdict). */
  inScope: Gremlin[];
  /** Diff modes: gremlins on changed lines; gremlins left out. */
  changed: { onChangedLines: number; leftOut: number } | null;
  cachePath: string;
  /** Hashes of the test files and of the other inputs (support files), as this run's keys used them. */
  inputHashes: { testsHash: string; supportHash: string };
  /** Stores a fresh verdict; `testFileOf` maps the ids in `outcome.coveredBy` to test files (per-test coverage). */
  record(gremlin: Gremlin, outcome: Outcome, testFileOf?: (testId: string) => string | undefined): void;
  recordCoverage(reached: ReadonlySet<number>, baselineMs: number): void;
  save(): void;
  /** Saves from a signal handler: drops the verdicts of the last moments (tests die of the same SIGINT). */
  saveInterrupted(): void;
  /** Lines for the end of the run: reuse and diff-mode figures. */
  summary(tested: number): string[];
}

function configKey(config: ResolvedConfig, testCommand: string): string {
  const operators = { include: config.operators.include ?? null, exclude: config.operators.exclude ?? null };
  // The executor setting is part of the key so that thread and spawn verdicts never stand in for each other.
  return hashParts([
    "config",
    VERSION,
    testCommand,
    config.executor,
    String(config.timeoutMs),
    String(config.timeoutFactor),
    JSON.stringify(operators),
  ]);
}

/** Starts an incremental run: loads and validates the cache, hashes the inputs, sorts gremlins into known / to test / left out. */
export async function startIncremental(
  config: ResolvedConfig,
  files: readonly SourceFile[],
  gremlins: readonly Gremlin[],
  options: IncrementalOptions,
): Promise<Incremental> {
  const cachePath = cachePathOf(config);
  const loaded = options.useCache
    ? loadCache(cachePath, VERSION)
    : { cache: emptyCache(VERSION), found: false, discarded: undefined };
  if (loaded.discarded)
    options.warn(`discarding the result cache ${cachePath}: ${loaded.discarded}; it will be rebuilt`);
  const cache: CacheDocument = loaded.cache;
  const previous = options.useCache ? cache.verdicts : {};
  const cacheDir = config.cacheDir ?? DEFAULT_CACHE_DIR;
  const inputs: TestInputs = await collectTestInputs(config.root, {
    mutated: new Set(files.map((f) => f.file)),
    skipDirs: [config.reportDir, cacheDir],
    read: options.read,
  });
  const baseKey = configKey(config, options.testCommand);
  const fileHashes = new Map(files.map((f) => [f.file, hashContent(f.source)]));
  const keyOf = (file: string): string => hashParts([baseKey, fileHashes.get(file) ?? "missing", inputs.supportHash]);
  const coverageKey = hashParts([baseKey, inputs.supportHash, inputs.testsHash, ...[...fileHashes].flat()]);

  const testsHashOf = (tests: "*" | string[]): string =>
    tests === "*" ? inputs.testsHash : hashOfTests(inputs, tests);
  const valid = (gremlin: Gremlin): CachedVerdict | undefined => {
    const entry = previous[gremlin.id];
    if (!entry || entry.file !== gremlin.file || entry.key !== keyOf(gremlin.file)) return undefined;
    return entry.testsHash === testsHashOf(entry.tests) ? entry : undefined;
  };

  const known = new Map<string, Outcome>();
  const toTest: Gremlin[] = [];
  const inScope: Gremlin[] = [];
  let reused = 0;
  let onChangedLines = 0;
  let leftOut = 0;
  for (const gremlin of gremlins) {
    const target = options.changes === null || touchesChange(gremlin, options.changes);
    if (options.changes !== null && target) onChangedLines++;
    if (gremlin.ignoredReason !== undefined) {
      if (!target) continue;
      known.set(gremlin.id, { id: gremlin.id, status: "Ignored", statusReason: gremlin.ignoredReason });
      inScope.push(gremlin);
      continue;
    }
    const entry = valid(gremlin);
    if (entry) {
      known.set(gremlin.id, { ...entry.outcome, cached: true });
      reused++;
      inScope.push(gremlin);
    } else if (target) {
      toTest.push(gremlin);
      inScope.push(gremlin);
    } else {
      leftOut++;
    }
  }

  let coverage: Incremental["coverage"] = null;
  if (options.useCache && cache.coverage?.key === coverageKey) {
    const reachedIds = new Set(cache.coverage.reached);
    coverage = {
      reached: new Set(gremlins.filter((g) => reachedIds.has(g.id)).map((g) => g.index)),
      baselineMs: cache.coverage.baselineMs,
    };
  }

  // The document written back: earlier verdicts minus stale ones of the files of this run.
  const current = new Set(gremlins.map((g) => g.id));
  const runFiles = new Set(files.map((f) => f.file));
  const next = emptyCache(VERSION);
  next.coverage = options.useCache ? cache.coverage : null;
  for (const [id, entry] of Object.entries(cache.verdicts)) {
    if (runFiles.has(entry.file) ? current.has(id) : existsSync(join(config.root, entry.file)))
      next.verdicts[id] = entry;
  }
  const recordedAt = new Map<string, number>();

  const incremental: Incremental = {
    inputHashes: { testsHash: inputs.testsHash, supportHash: inputs.supportHash },
    toTest,
    known,
    reused,
    coverage,
    inScope,
    changed: options.changes === null ? null : { onChangedLines, leftOut },
    cachePath,
    record(gremlin, outcome, testFileOf = options.testFileOf) {
      if (!CACHEABLE.has(outcome.status) || outcome.cached) return;
      if (/killed by SIG(INT|TERM|HUP)/.test(outcome.statusReason ?? "")) return;
      const { cached: _cached, ...plain } = outcome;
      const testFiles = (outcome.coveredBy ?? []).map((test) => testFileOf?.(test));
      const tests: "*" | string[] =
        outcome.status !== "NoCoverage" && testFiles.length > 0 && testFiles.every((f): f is string => f !== undefined)
          ? [...new Set(testFiles)].sort()
          : "*";
      next.verdicts[gremlin.id] = {
        file: gremlin.file,
        key: keyOf(gremlin.file),
        tests,
        testsHash: testsHashOf(tests),
        outcome: plain,
      };
      recordedAt.set(gremlin.id, performance.now());
    },
    recordCoverage(reached, baselineMs) {
      const ids = gremlins.filter((g) => reached.has(g.index)).map((g) => g.id);
      next.coverage = { key: coverageKey, reached: ids, baselineMs: Math.round(baselineMs) };
    },
    save() {
      saveCache(cachePath, next);
    },
    saveInterrupted() {
      const now = performance.now();
      for (const [id, at] of recordedAt) if (now - at < INTERRUPT_GRACE_MS) delete next.verdicts[id];
      saveCache(cachePath, next);
    },
    summary(tested) {
      const lines: string[] = [];
      if (reused > 0)
        lines.push(`${reused} of ${inScope.length} verdicts reused from the cache (${tested} gremlins tested)`);
      if (options.changes !== null) {
        const { label } = options.changes;
        lines.push(`${onChangedLines} gremlins on changed lines (${label})`);
        if (leftOut > 0)
          lines.push(`${leftOut} gremlins elsewhere without a cached verdict were left out of the run and the score`);
      }
      return lines;
    },
  };
  return incremental;
}
