// The --verify stage of `gremlins run`: after a thread run, the spawn executor re-checks a sample of
// thread verdicts; spawn verdicts replace the thread verdicts of any file where the two disagreed.
import type { Gremlin, Outcome, ResolvedConfig, Verification } from "../types.ts";
import type { Executor } from "../execute/executor.ts";
import { verifyThreadVerdicts, verifyWanted, type VerifyInput } from "../verify/run.ts";
import { formatDuration } from "../report/format.ts";
import type { RunLog } from "./log.ts";

/** What the orchestrator hands over: the run's pieces the re-check reuses, plus the config and executor. */
export interface VerifyStageInput extends Pick<
  VerifyInput,
  "ran" | "spec" | "dir" | "workers" | "context" | "addWorkers" | "threadMs" | "hitLimit"
> {
  config: ResolvedConfig;
  executor: Executor;
  /** Every verdict of the run (updated in place with spawn's verdicts). */
  outcomes: Map<string, Outcome>;
  /** The baseline's duration (ms): the whole command's time limit is derived from it as spawn's is. */
  baselineMs: number;
  log: RunLog;
  /** Each verdict replaced by spawn's (to update the cache). */
  onReplaced: (gremlin: Gremlin, outcome: Outcome) => void;
}

/**
 * Runs the re-check when the executor was the thread executor and --verify asks for one. `unmet`: an
 * explicit --verify (not the default sample) that could not run, and why.
 */
export async function verifyStage(input: VerifyStageInput): Promise<{ verification?: Verification; unmet?: string }> {
  const { config, executor, log } = input;
  const setting = config.verify ?? "default";
  if (executor.name !== "thread" || !verifyWanted(setting) || input.ran.length === 0) return {};
  const startedAt = performance.now();
  const limitFor = (ms: number) => Math.round(ms * config.timeoutFactor + config.timeoutMs);
  log.info(`Verifying a sample of thread verdicts with the spawn executor (--verify ${setting})…`);
  // The user's runner runs in the sandbox now: the thread executor's rewrites must be gone first.
  executor.releaseSandbox?.();
  const result = await verifyThreadVerdicts({
    setting,
    ran: input.ran,
    outcomes: input.outcomes,
    coverage: executor.fileCoverage?.() ?? null,
    spec: input.spec,
    dir: input.dir,
    workers: input.workers,
    context: input.context,
    addWorkers: input.addWorkers,
    threadMs: input.threadMs,
    startedAt,
    wholeTimeoutMs: limitFor(input.baselineMs),
    limitFor,
    hitLimit: input.hitLimit,
    onNotice: (message) => log.warn(message),
  });
  if (!result) return {};
  if ("skipped" in result) {
    log.warn(`verification skipped: ${result.skipped}`);
    return setting !== "default" ? { unmet: result.skipped } : {};
  }
  const byId = new Map(input.ran.map((g) => [g.id, g]));
  for (const [id, outcome] of result.replaced) {
    input.outcomes.set(id, outcome);
    input.onReplaced(byId.get(id) as Gremlin, outcome);
  }
  log.verbose(`verification took ${formatDuration(result.verification.durationMs)}`);
  return { verification: result.verification };
}
