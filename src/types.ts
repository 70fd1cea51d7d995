// Shared vocabulary of the pipeline: plain, serialisable records that flow from one stage to the next.
// No AST node ever leaves the mutate stage; everything downstream speaks Gremlin and Outcome.
//
// Glossary (one name per thing; code and messages use these words in these senses):
// - gremlin: one planted bug (an operator's mutation at one span), identified by a stable `id` and this
//   run's switch `index`. Other tools say "mutant".
// - operator: a rule proposing mutations for one kind of AST node (src/mutate/operators/).
// - site: a span of source that carries one or more gremlins; the instrumenter turns each site into a
//   switch on the active gremlin index (src/instrument/sites.ts).
// - switch: the shared-memory slot holding the active gremlin index (0 = none) read by instrumented code.
// - static gremlin: one reached while modules load, outside any test; it needs a fresh import to test.
// - baseline: the test suite run once with no gremlin active (must be green); it yields per-test coverage
//   (which gremlins each test reaches) and per-test timings.
// - status: a schema state name (Killed, Survived, Timeout, NoCoverage, Ignored, RuntimeError, …).
// - verdict: the status an executor decided for one gremlin run, with its reason (`Verdict`).
// - outcome: what a run records per gremlin for the reports and the cache (`Outcome`: verdict, tests
//   that covered/killed it, duration, cached/static flags).
// - run: one `gremlins run` from config to reports (`RunResult`); "gremlin run" is one test run with
//   one gremlin active (`SpawnRun` in the spawn executor, `ThreadRun` in the thread executor).
// - executor: what tests gremlins — thread (workers re-run selected tests in one process) or spawn (the
//   user's test command per gremlin, the reference); a worker is one thread or child of its pool.
// - harness: the built-in re-runnable test runner inside thread workers (src/harness/).
// - plan: the plan stage (src/plan/): sharding, ordering and cost of the gremlins to test.
// - incremental: which gremlins keep a cached verdict and which are tested (src/incremental/), over the
//   result cache on disk (src/cache/).
// - shard: a deterministic, cost-balanced share `i/n` of a run's gremlins; shard reports are merged by
//   `gremlins merge` (src/report/merge.ts) after their fingerprints (code + config) agree.
// - report: the schema JSON (mutation-testing-report-schema), HTML, Markdown and console output.

/** The JS/TS flavours gremlins parses, by file extension. */
export type SourceLanguage = "js" | "jsx" | "ts" | "tsx";

/** A position in a file: 1-based line, 1-based column (UTF-16 code units), as the report schema uses. */
export interface Position {
  line: number;
  column: number;
}

/** Where a gremlin plugs into the instrumented file: as an expression (ternary) or as a statement (if/else). */
export type SiteKind = "expression" | "statement";

/**
 * One planted bug. `id` is stable across runs and machines for unchanged code (a hash of file path,
 * operator, span and replacement); `index` is this run's numeric switch value (1..N, 0 = none active).
 */
export interface Gremlin {
  id: string;
  index: number;
  /** Project-relative path with forward slashes. */
  file: string;
  /** UTF-16 offsets into the original source (oxc's offsets), end exclusive. */
  start: number;
  end: number;
  loc: { start: Position; end: Position };
  operator: string;
  original: string;
  replacement: string;
  description: string;
  kind: SiteKind;
  /** Set when a disable comment or config switched this gremlin off. */
  ignoredReason?: string;
}

/** What an operator proposes for one AST node: replace [start, end) of the source with `replacement`. */
export interface Mutation {
  start: number;
  end: number;
  replacement: string;
  description: string;
  kind: SiteKind;
}

/** A file that could not be parsed; it is skipped and reported, the run goes on. */
export interface ParseFailure {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Verdict names are the mutation-testing-report-schema's state names. */
export type Status = "Killed" | "Survived" | "NoCoverage" | "Timeout" | "RuntimeError" | "CompileError" | "Ignored";

export interface Outcome {
  id: string;
  status: Status;
  /** Why: the killing test's name, `module load`, `exit code N`, the ignore reason, or the error text. */
  statusReason?: string;
  killedBy?: string[];
  coveredBy?: string[];
  testsCompleted?: number;
  durationMs?: number;
  /** Reached while modules load, outside any test. */
  static?: boolean;
  /** The verdict came from the result cache. */
  cached?: boolean;
  /** A Timeout that a second run confirmed (the thread executor re-runs every wall-clock Timeout). */
  confirmed?: boolean;
  /** Spawn: the time limit ended the run (its duration is the limit's, not the run's), whatever the verdict. */
  endedByLimit?: boolean;
}

export type ExecutorName = "auto" | "thread" | "spawn";
export type ReporterName = "progress" | "clear-text" | "json" | "html" | "markdown";

export interface Thresholds {
  high: number;
  low: number;
  /** Below this score the run exits with code 1; null disables. */
  break: number | null;
}

/** Fully resolved configuration (defaults ← config file ← CLI flags). */
export interface ResolvedConfig {
  /** Absolute project root. */
  root: string;
  mutate: string[];
  testCommand: string | null;
  /** `auto`, a count, or a percentage of available cores such as "50%". */
  workers: number | "auto" | `${number}%`;
  timeoutMs: number;
  timeoutFactor: number;
  thresholds: Thresholds;
  reporters: ReporterName[];
  reportDir: string;
  operators: { include?: string[]; exclude?: string[] };
  executor: ExecutorName;
  /** Where the result cache lives, relative to root (default `.gremlins/cache`). Optional for older callers. */
  cacheDir?: string;
  /** How many times the spawn executor runs the baseline to detect flaky tests (default 2; 1 = no check). */
  baselineRuns?: number;
  /**
   * Thread verdicts re-checked with the spawn executor after a thread run: "default" (20 gremlins or 2 %,
   * whichever is larger), a count ("50"), a share ("10%"); "0" turns it off, "100%" is the full oracle run.
   */
  verify?: string;
  /** Where each setting came from, for error messages and `--verbose`. */
  sources: Record<string, "default" | "config" | "package.json" | "cli">;
  /** Path of the config file that was loaded, if any. */
  configFile: string | null;
}

/** What a user may write in gremlins.config.* or package.json "gremlins" (every key optional). */
export type UserConfig = Partial<Omit<ResolvedConfig, "root" | "sources" | "configFile" | "thresholds" | "workers">> & {
  thresholds?: Partial<Thresholds>;
  workers?: number | "auto" | string;
};

/** A source file taking part in a run, with its gremlins. */
export interface SourceFile {
  /** Project-relative path with forward slashes. */
  file: string;
  source: string;
  language: SourceLanguage;
  gremlins: Gremlin[];
  /** Statement edges next to expression sites, for the instrumenter's ASI guards (collected while mutating). */
  statementBounds?: StatementBounds;
}

/** [start, end) offsets of statements whose edges matter to automatic semicolon insertion. */
export interface StatementBounds {
  /** Expression statements. */
  expressionStatements: [number, number][];
  /** Declarations, returns, throws, export defaults and class fields written without a closing `;`. */
  openStatements: [number, number][];
}

/** A thread verdict that the spawn executor (the user's runner in a fresh process) did not confirm. */
export interface Disagreement {
  id: string;
  thread: Status;
  spawn: Status;
  /** Why each executor decided so (the killing test, the timeout kind), when known. */
  threadReason?: string;
  spawnReason?: string;
}

/** What `--verify` found: a sample of thread verdicts re-checked with the spawn executor. */
export interface Verification {
  /** The `--verify` setting as the user wrote it (or "default"). */
  requested: string;
  /** Thread verdicts that could be re-checked (not cached, not NoCoverage/Ignored). */
  available: number;
  /** Thread verdicts the setting asked to re-check (the sample; the default one may stop short of it). */
  sampled: number;
  /** Gremlins re-checked with the spawn executor. */
  checked: number;
  /** Same status in both executors. */
  agreed: number;
  /** Both detected the gremlin, one as Killed and the other as Timeout (test order decides which comes first). */
  equivalent: number;
  disagreements: Disagreement[];
  /** Files whose every gremlin was re-run with the spawn executor after a disagreement (their spawn verdicts count). */
  filesRerun: string[];
  /** Wall time of the re-check (ms). */
  durationMs: number;
  /**
   * Why the re-check ended: "complete", every sampled verdict was re-checked; "deadline", the default
   * sample's time budget came first (the rest were not started, or were stopped unfinished).
   */
  stopped: "complete" | "deadline";
  /** The default sample's time budget (ms): 15% of the thread run's wall time. */
  budgetMs?: number;
}

/** Everything the reporters need about one finished (or interrupted) run. */
export interface RunResult {
  root: string;
  files: SourceFile[];
  gremlins: Gremlin[];
  /** One outcome per gremlin id (a partial run may lack some). */
  outcomes: Map<string, Outcome>;
  /** Test names by test id, when the executor knows them (file: project-relative; location: where it is declared). */
  tests: Map<string, { name: string; file?: string; location?: Position }>;
  timings: { setupMs: number; baselineMs: number; mutationMs: number; totalMs: number };
  thresholds: Thresholds;
  config: ResolvedConfig;
  /** True when the run was interrupted before every gremlin had a verdict. */
  partial?: boolean;
  /** The spawn executor's re-check of a sample of thread verdicts (`--verify`), when it ran. */
  verification?: Verification;
  /** Tests whose result changed between baseline runs, and the verdicts that rested on them. */
  flakyTests?: FlakyTest[];
}

/** A test whose result changed between baseline runs with no gremlin active: flaky, or leaking state. */
export interface FlakyTest {
  /** The test's name as the runner reports it; null when the runner's output did not say which test failed. */
  name: string | null;
  /** How it showed, e.g. "passed in one baseline run and failed in another". */
  detail: string;
  /** Gremlins Killed by it alone (no other test failed): their verdicts rest on a test that fails by itself. */
  gremlins: string[];
}
