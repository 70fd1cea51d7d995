// The thread executor's entry for the orchestrator: decides whether the project can run in worker
// threads (`executor: auto | thread | spawn`), prepares the sandbox, runs the thread baseline, and
// hands back a session that executes gremlins — or the one-line reason to use the spawn executor.

import { GremlinsError } from "../../errors.ts";
import type { ExecutorName, Outcome } from "../../types.ts";
import type { Gremlin } from "../../types.ts";
import type { TestOrder } from "../../plan/order.ts";
import { join, relative } from "pathe";
import { detectSuite, isNoSuite, type Framework } from "../../project/suite.ts";
import { hostFeatures, runtimeProblem } from "../../project/runtime.ts";
import { redirectImports, type Redirection } from "./prepare.ts";
import { WorkerSupply } from "./supply.ts";
import { workerSetupFor } from "./worker-setup.ts";
import { workerEntry } from "./thread-worker.ts";
import { SHIM_SPECIFIERS } from "../../harness/shim-exports.ts";
import { shimSource } from "../../harness/shim.ts";
import { hitLimitFor, threadBaseline, type BaselineProblem, type ThreadBaseline } from "./baseline.ts";
import { executeInThreads } from "./executor.ts";
import type { RunSettings } from "./run-gremlin.ts";
import { StatsRecorder } from "./stats.ts";

export { detectSuite, type Suite, type Framework } from "../../project/suite.ts";
export { planGremlin } from "./executor.ts";
export { threadVerdict } from "./verdict.ts";

import { SEPARATE_FILE_RUNS, RUNNER_TEST_TIMEOUT } from "../../project/command.ts";

export { RUNNER_TEST_TIMEOUT };
/** Longest delay setTimeout accepts (a larger one fires at once). */
const NEVER_MS = 2_147_000_000;
/** Wall-clock limit of the baseline's load and of each of its passes. */
const BASELINE_LIMIT_MS = 120_000;

export interface ThreadStartInput {
  executor: ExecutorName;
  /** The sandbox copy the workers import from (absolute). */
  dir: string;
  testCommand: string;
  /** Project-relative paths of the mutated (instrumented) files. */
  mutatedFiles: readonly string[];
  timeoutMs: number;
  timeoutFactor: number;
  hitLimit: number;
  workers: number;
}

/** What one execution of the thread executor takes (its own options; the spawn executor has others). */
export interface ThreadExecuteOptions {
  gremlins: readonly Gremlin[];
  workers: number;
  onOutcome?: (gremlin: Gremlin, outcome: Outcome) => void;
  /** Orders each gremlin's tests at dispatch and learns killers (src/plan KillerMemory). */
  testOrder?: TestOrder;
  /** The function each gremlin sits in: static gremlins' tests on its rare paths go first. */
  scopeOf?: (gremlin: Gremlin) => string | undefined;
  /** False (--no-bail): every covering test runs and every killer is listed. */
  bail?: boolean;
  onNotice?: (message: string) => void;
}

export interface ThreadSession {
  baseline: ThreadBaseline;
  framework: Framework;
  /** The reason when re-runs in one worker are not trusted (each gremlin then gets a fresh worker). */
  leaky: string | null;
  /** How the runner's options and config were read (for --verbose). */
  notes: string[];
  execute(options: ThreadExecuteOptions): Promise<Map<string, Outcome>>;
  /** Test ids → names and files, for the reports. */
  testInfo(): Map<string, { name: string; file?: string }>;
  /** Puts back the sandbox files rewritten for the harness (the user's runner can then run there). */
  restoreSandbox(): void;
  close(): void;
}

/** "a.js", "a.js, b.js", "a.js, b.js and 3 more test files". */
function describeFiles(files: readonly string[]): string {
  return files.length <= 3
    ? files.join(", ")
    : `${files.slice(0, 3).join(", ")} and ${files.length - 3} more test files`;
}

/**
 * Starts the thread executor, or returns why the spawn executor should run instead. With
 * `executor: "thread"` an impossibility is an error; with `"spawn"` nothing is tried.
 */
export async function startThreads(input: ThreadStartInput): Promise<{ session: ThreadSession } | { reason: string }> {
  if (input.executor === "spawn") return { reason: "executor: spawn was chosen" };
  const refuse = (reason: string): { reason: string } => {
    if (input.executor === "thread")
      throw new GremlinsError(
        `The thread executor cannot run this project: ${reason}. Use --executor spawn (or auto).`,
      );
    return { reason };
  };
  const stats = new StatsRecorder();
  const suite = detectSuite(input.dir, input.testCommand);
  if (isNoSuite(suite)) return refuse(suite.reason);
  const problem = runtimeProblem([...suite.files, ...input.mutatedFiles], hostFeatures());
  if (problem) return refuse(problem);
  const setup = workerSetupFor(suite, hostFeatures());
  if ("reason" in setup) return refuse(setup.reason);

  // The coordinator never loads the harness itself (expect, jest-mock): only the workers do. The shims
  // come from a static table of the harness's export names.
  // Set inside attempt() (a closure), so declared without narrowing to their initial null.
  let redirection = null as Redirection | null;
  let supply = null as WorkerSupply | null;
  const giveUp = (reason: string): { reason: string } => {
    supply?.shutdown();
    redirection?.restore();
    return refuse(reason);
  };
  // The command's or config's timeout when it sets one (0: none), else the runner's default.
  const runnerTimeout =
    suite.testTimeoutMs === undefined
      ? RUNNER_TEST_TIMEOUT[suite.framework]
      : suite.testTimeoutMs > 0
        ? suite.testTimeoutMs
        : undefined;
  const testTimeoutMs = runnerTimeout ?? NEVER_MS;
  const slotsWanted = Math.max(1, input.workers);
  /** Rewrites the sandbox's imports, boots the workers and runs the baseline; `isolate`: see PrepareOptions. */
  const attempt = async (isolate: ReadonlySet<string>): Promise<ThreadBaseline | BaselineProblem> => {
    redirection = redirectImports({
      dir: input.dir,
      specifiers: SHIM_SPECIFIERS,
      shimSource,
      testFiles: suite.files,
      aliases: suite.aliases,
      framework: suite.framework,
      requireOnly: suite.transform !== undefined,
      isolate,
    });
    const unsupported = [...redirection.unsupported].map(([file, what]) => `${what.join(", ")} in ${file}`);
    if (unsupported.length > 0)
      return {
        reason: `the built-in harness cannot run ${unsupported[0]}${unsupported.length > 1 ? ` (and ${unsupported.length - 1} more file(s))` : ""}`,
      };
    stats.mark("redirected");
    // Boot one worker per slot now: the first runs the baseline, the others import the tests meanwhile,
    // ready for the first gremlins. Spares for replacements are booted only when needed (see execute).
    const mockedFiles = redirection.mocked;
    supply = new WorkerSupply(
      workerEntry(),
      suite.files.map((f) => join(input.dir, f)),
      0,
      input.dir,
      Object.keys(mockedFiles).length > 0 ? { ...setup, mockedFiles } : setup,
    );
    supply.prewarm(slotsWanted);
    supply.watchMemory();
    const baselineRun = threadBaseline(supply, { testTimeoutMs, limitMs: BASELINE_LIMIT_MS, stats });
    supply.preload(slotsWanted - 1, BASELINE_LIMIT_MS);
    return baselineRun;
  };
  let failing: string[] = [];
  try {
    let baseline = await attempt(new Set());
    // vitest gives each test file modules of its own; the harness shares them between files. When tests fail in
    // the shared graph (module state another file set, such as a registered plugin), the suite's files depend on
    // that isolation, also where they still pass (a gremlin can then act differently): every file is tried once
    // more from its own copy of the project, as vitest runs them.
    failing = "reason" in baseline ? (baseline.failingFiles ?? []).map((f) => projectRelative(input.dir, f)) : [];
    if (suite.framework === "vitest" && failing.length > 0 && failing.every((f) => suite.files.includes(f))) {
      if (suite.files.length > MAX_ISOLATED_FILES)
        return giveUp(
          `${needsIsolation(failing)}, and the harness gives each file its own copy of the project for at most ${MAX_ISOLATED_FILES} test files (this suite has ${suite.files.length})`,
        );
      supply?.shutdown();
      redirection?.restore();
      baseline = await attempt(new Set(suite.files));
    } else failing = [];
    if ("reason" in baseline) return giveUp(baseline.reason);

    const settings: RunSettings = {
      tests: baseline.tests,
      units: baseline.units,
      durations: baseline.durations,
      hitLimitFor: (index) => hitLimitFor(baseline.hits.get(index), input.hitLimit),
      hitLimitCeiling: input.hitLimit,
      testTimeoutMs,
      testTimeoutFails: runnerTimeout !== undefined,
      separateFileRuns: SEPARATE_FILE_RUNS.has(suite.framework),
      limitFor: (tests) => {
        let sum = 0;
        for (const t of tests) sum += baseline.durations.get(t) ?? 0;
        return Math.round(sum * input.timeoutFactor + input.timeoutMs + (runnerTimeout ?? 0));
      },
      loadLimitMs: Math.round(baseline.loadMs * input.timeoutFactor + input.timeoutMs),
      resetFiles: baseline.resetFiles,
      staticFiles: baseline.staticFiles,
    };
    const active = supply as WorkerSupply; // set by the attempt that gave a baseline
    return {
      session: {
        baseline,
        framework: suite.framework,
        leaky: baseline.leaky,
        notes: [
          ...(suite.notes ?? []),
          ...(failing.length > 0
            ? [`${needsIsolation(failing)}: every test file loads from its own copy of the project`]
            : []),
        ],
        execute: (options) => {
          // Static gremlins and a leaky suite need a fresh worker per gremlin: keep one spare per slot booted.
          // So does confirming a Survived on a cold graph (tests that take another path once state is warm).
          const needsFresh =
            baseline.leaky !== null ||
            baseline.stateful.size > 0 ||
            options.gremlins.some((g) => g.ignoredReason === undefined && baseline.staticGremlins.has(g.index));
          if (needsFresh) active.setSpares(Math.max(1, options.workers));
          // A leaky suite takes a freshly loaded worker per gremlin: import the tests ahead of need.
          if (baseline.leaky !== null) active.keepLoaded(Math.max(1, options.workers), settings.loadLimitMs);
          if (baseline.resetFiles.length > 0)
            options.onNotice?.(
              `${describeFiles(baseline.resetFiles)} leak${baseline.resetFiles.length === 1 ? "s" : ""} state between runs: reloaded in the same worker before a run that needs ${baseline.resetFiles.length === 1 ? "it" : "them"} fresh`,
            );
          const stateful = [...baseline.stateful].map((t) => baseline.tests.get(t)?.fullName ?? `test #${t}`);
          if (stateful.length > 0 && baseline.leaky === null)
            options.onNotice?.(
              `${stateful.length} test(s) reach other code once the modules' state is warm (first: "${stateful[0]}"): a Survived on code they reach is confirmed on a cold module graph (their files run whole)`,
            );
          return executeInThreads({
            gremlins: options.gremlins,
            workers: options.workers,
            onOutcome: options.onOutcome,
            testOrder: options.testOrder,
            scopeOf: options.scopeOf,
            bail: options.bail,
            baseline,
            supply: active,
            settings,
            stats,
            onNotice: options.onNotice,
            onCareful: (reason) =>
              options.onNotice?.(
                `Careful mode: ${reason}: a gremlin leaves state behind, so from now on every kill is re-checked on its own (slower; verdicts unaffected)`,
              ),
          });
        },
        testInfo() {
          const info = new Map<string, { name: string; file?: string }>();
          for (const t of baseline.tests.values())
            info.set(t.id, {
              name: t.fullName || t.name,
              file: t.file.startsWith("/") ? relative(input.dir, t.file) : t.file,
            });
          return info;
        },
        restoreSandbox: () => redirection?.restore(),
        close: () => {
          active.shutdown();
          stats.write();
        },
      },
    };
  } catch (error) {
    supply?.shutdown();
    redirection?.restore();
    throw error;
  }
}

/** The most test files that each get their own copy of the project (vitest's isolation); beyond, spawn runs them. */
const MAX_ISOLATED_FILES = 200;

/** "<files> pass(es) only with modules of their (its) own (vitest isolates each test file)". */
function needsIsolation(files: readonly string[]): string {
  const one = files.length === 1;
  return `${describeFiles(files)} pass${one ? "es" : ""} only with modules of ${one ? "its" : "their"} own (vitest isolates each test file)`;
}

/** A test file as the harness names it (absolute, or already relative) relative to the sandbox copy. */
function projectRelative(dir: string, file: string): string {
  return file.startsWith("/") ? relative(dir, file) : file;
}
