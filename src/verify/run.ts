// `--verify`: after a thread run, re-checks a sample of thread verdicts with the user's own runner in a
// fresh process (the spawn executor), on the test files that reach each gremlin. A disagreement re-runs
// every gremlin of that file with the spawn executor, and those spawn verdicts are the ones that count.
import { stripVTControlCharacters } from "node:util";
import type { Gremlin, Outcome, Verification } from "../types.ts";
import { executeGremlins } from "../execute/index.ts";
import { fileSelection, readRunnerCommand, type FileCoverage, type FileSelection } from "../execute/select/index.ts";
import { runGremlin, type CommandSpec, type WorkerContext } from "../execute/gremlin-run.ts";
import { formatDuration } from "../report/format.ts";
import { compareVerdicts } from "./compare.ts";
import { parseVerifySpec } from "../config/verify-spec.ts";
import { checkable, selectSample } from "./sample.ts";

export interface VerifyInput {
  /** The `verify` setting ("default", "20", "5%", "0", "100%"). */
  setting: string;
  /** The gremlins the thread executor ran, and its verdicts. */
  ran: readonly Gremlin[];
  outcomes: ReadonlyMap<string, Outcome>;
  /** Which test files reach each gremlin (from the thread baseline); null: whole command for every re-check. */
  coverage: FileCoverage | null;
  /** Everything the spawn executor's runs need (the orchestrator's sandbox and test command). */
  spec: CommandSpec;
  dir: string;
  workers: number;
  context: (worker: number) => WorkerContext;
  addWorkers: (count: number) => void;
  /** Wall time of the thread run's mutation phase (ms): the default sample is kept to a share of it. */
  threadMs: number;
  /** Whole-command time limit (ms), and the limit for files whose tests took `ms` in the baseline. */
  wholeTimeoutMs: number;
  limitFor: (ms: number) => number;
  hitLimit: number;
  onNotice?: (message: string) => void;
}

/** Share of the thread run's wall time the default sample may take. */
const DEFAULT_BUDGET = 0.15;
/**
 * The oracle's check run is the first run of the user's runner in a fresh process: its time limit is at
 * least this (a vitest start under load took over 10 s; the thread baseline's times know no start-up).
 */
const CHECK_LIMIT_MS = 120_000;
/** A re-check running beside others is assumed this much slower than the check run that ran alone. */
const ROUND_SLACK = 1.25;

export interface VerifyResult {
  verification: Verification;
  /** Spawn verdicts that replace thread verdicts (every gremlin of a file with a disagreement). */
  replaced: Map<string, Outcome>;
}

/** True when the setting asks for any re-check. */
export function verifyWanted(setting: string | undefined): boolean {
  const spec = parseVerifySpec(setting ?? "default");
  return (
    spec !== null && !(spec.kind === "count" && spec.count === 0) && !(spec.kind === "percent" && spec.percent === 0)
  );
}

/** Runs the re-check; null when there is nothing to check, `skipped` when the runner cannot serve as the oracle. */
export async function verifyThreadVerdicts(
  input: VerifyInput,
): Promise<VerifyResult | { skipped: string; quiet?: boolean } | null> {
  const spec = parseVerifySpec(input.setting) ?? { kind: "default" as const };
  const ranIds = new Set(input.ran.map((g) => g.id));
  const threadOutcomes = [...input.outcomes.values()].filter((o) => ranIds.has(o.id));
  let sample = selectSample(threadOutcomes, spec);
  if (sample.length === 0) return null;
  const started = performance.now();
  const byId = new Map(input.ran.map((g) => [g.id, g]));
  const planning = selectionFor(input, input.limitFor);
  input.addWorkers(input.workers);
  // The oracle's own baseline: the first re-check's command with no gremlin active must pass, or no
  // verdict of it means anything (a runner missing from PATH would "kill" every gremlin).
  const first = byId.get(sample[0] as string) as Gremlin;
  const planned = planning?.runFor(first, true) ?? null;
  const check = await runGremlin(
    0,
    input.spec,
    input.context(0),
    Math.max(CHECK_LIMIT_MS, planned?.timeoutMs ?? input.wholeTimeoutMs),
    input.hitLimit,
    planned?.command,
  );
  if (check.status !== "Survived") {
    const tail = stripVTControlCharacters(check.result.output).trim().split("\n").slice(-3).join(" / ");
    return {
      skipped: `\`${planned?.command ?? input.spec.command}\` does not pass with no gremlin active (${check.statusReason ?? check.status}${tail ? `: ${tail}` : ""})`,
    };
  }
  // The time limits so far come from the thread baseline, which never paid a process start: every re-check
  // gets the check run's whole duration (start-up included) on top of its files' own time.
  const startMs = check.durationMs;
  const selection = selectionFor(input, (ms) => input.limitFor(ms + startMs));
  const wholeTimeoutMs = input.wholeTimeoutMs + input.limitFor(startMs);
  // The default sample is time-boxed in wall time: what has run so far (setup and the check run) plus
  // rounds of `workers` re-checks, each as long as the check run with some slack for running side by side,
  // must fit in DEFAULT_BUDGET of the thread run's mutation phase. A round that would end past it is not started.
  const budgetMs = spec.kind === "default" ? DEFAULT_BUDGET * input.threadMs : Infinity;
  if (spec.kind === "default") {
    const rounds = Math.floor(
      (budgetMs - (performance.now() - started)) / (Math.max(1, check.durationMs) * ROUND_SLACK),
    );
    if (rounds < 1) {
      return {
        skipped: `one run of the test command in a fresh process (${formatDuration(check.durationMs)}) leaves no room within ${DEFAULT_BUDGET * 100}% of the thread run's time for the default sample; --verify <n> re-checks n verdicts regardless`,
        quiet: true,
      };
    }
    const fit = rounds * input.workers;
    if (fit < sample.length) sample = selectSample(threadOutcomes, { kind: "count", count: fit });
  }
  const run = (gremlins: Gremlin[]) =>
    executeGremlins({
      gremlins,
      reached: new Set(gremlins.map((g) => g.index)),
      spec: input.spec,
      workers: Math.min(input.workers, gremlins.length),
      context: input.context,
      timeoutMs: wholeTimeoutMs,
      hitLimit: input.hitLimit,
      bail: true,
      selection,
    });
  const spawn = await runWithin(sample, budgetMs, started, input.workers, (ids) =>
    run(ids.map((id) => byId.get(id) as Gremlin)),
  );
  sample = sample.filter((id) => spawn.has(id));
  const compared = compareVerdicts(sample, input.outcomes, spawn);
  // A disagreement puts the whole file in doubt: every gremlin of it gets the spawn executor's verdict.
  const doubtful = new Set(compared.disagreements.map((d) => (byId.get(d.id) as Gremlin).file));
  const replaced = new Map<string, Outcome>();
  if (doubtful.size > 0) {
    const files = [...doubtful].sort();
    input.onNotice?.(
      `Verification: ${compared.disagreements.length} thread verdict(s) differ from the spawn executor's; re-running every gremlin of ${files.join(", ")} with the spawn executor.`,
    );
    const again = input.ran.filter((g) => doubtful.has(g.file) && !spawn.has(g.id));
    const rerun = again.length > 0 ? await run(again) : new Map<string, Outcome>();
    for (const g of input.ran) {
      if (!doubtful.has(g.file)) continue;
      const outcome = spawn.get(g.id) ?? rerun.get(g.id);
      if (outcome)
        replaced.set(g.id, {
          ...outcome,
          statusReason: `${outcome.statusReason ?? outcome.status} (spawn executor, after a verification disagreement)`,
        });
    }
  }
  return {
    verification: {
      requested: input.setting,
      available: checkable(threadOutcomes).length,
      ...compared,
      filesRerun: [...doubtful].sort(),
      durationMs: Math.round(performance.now() - started),
    },
    replaced,
  };
}

/** The sample's runs take only the test files that reach each gremlin, when the command can be taken apart. */
function selectionFor(input: VerifyInput, limitFor: (ms: number) => number): FileSelection | undefined {
  if (!input.coverage || input.coverage.files.length === 0) return undefined;
  const command = readRunnerCommand(input.dir, input.spec.command);
  if ("reason" in command) return undefined;
  return fileSelection(command, input.coverage, limitFor);
}

/**
 * Runs the sample in rounds of `workers` gremlins while the next round, judged by the longest round so far,
 * still ends within `budgetMs` of `started` (no limit: one round of everything).
 */
export async function runWithin<T>(
  sample: readonly string[],
  budgetMs: number,
  started: number,
  workers: number,
  run: (ids: string[]) => Promise<Map<string, T>>,
  now: () => number = () => performance.now(),
): Promise<Map<string, T>> {
  if (!Number.isFinite(budgetMs)) return run([...sample]);
  const done = new Map<string, T>();
  let longest = 0;
  for (let at = 0; at < sample.length; at += workers) {
    if (longest > 0 && now() - started + longest > budgetMs) break;
    const roundStart = now();
    for (const [id, value] of await run(sample.slice(at, at + workers))) done.set(id, value);
    longest = Math.max(longest, now() - roundStart);
  }
  return done;
}
