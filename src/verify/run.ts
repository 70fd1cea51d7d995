// `--verify`: after a thread run, re-checks a sample of thread verdicts with the user's own runner in a
// fresh process (the spawn executor), on the test files that reach each gremlin. A disagreement re-runs
// every gremlin of that file with the spawn executor, and those spawn verdicts are the ones that count.
import type { Gremlin, Outcome, Verification } from "../types.ts";
import { compareVerdicts } from "./compare.ts";
import { DEFAULT_VERIFY_BUDGET, parseVerifySpec } from "../config/verify-spec.ts";
import { checkable, selectSample } from "./sample.ts";
import { Oracle, type OracleInput } from "./oracle.ts";

export interface VerifyInput extends OracleInput {
  /** The `verify` setting ("default", "20", "5%", "0", "100%"). */
  setting: string;
  /** Wall time of the thread run before the re-check (ms): the default sample may take a share of it. */
  threadMs: number;
  /** When the re-check began (performance.now()); the default sample's budget counts from there. */
  startedAt?: number;
  onNotice?: (message: string) => void;
}

/** The default sample's runs are stopped this far into its budget: the rest is room for killing them and the bookkeeping. */
const STOP_AT = 0.95;
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

/**
 * Runs the re-check; null when there is nothing to check, `skipped` when the runner cannot serve as the
 * oracle (its command fails with no gremlin active).
 *
 * The default sample is time-boxed: it may take DEFAULT_VERIFY_BUDGET of the thread run's wall time, counted from
 * `startedAt`. Runs start on every worker at once, Survived first; none starts whose estimated end is past
 * the deadline, and the ones still running then are killed (their gremlins count as not checked).
 */
export async function verifyThreadVerdicts(input: VerifyInput): Promise<VerifyResult | { skipped: string } | null> {
  const spec = parseVerifySpec(input.setting) ?? { kind: "default" as const };
  const started = input.startedAt ?? performance.now();
  const ranIds = new Set(input.ran.map((g) => g.id));
  const threadOutcomes = [...input.outcomes.values()].filter((o) => ranIds.has(o.id));
  const sample = selectSample(threadOutcomes, spec);
  if (sample.length === 0) return null;
  const byId = new Map(input.ran.map((g) => [g.id, g]));
  const budgetMs = spec.kind === "default" ? DEFAULT_VERIFY_BUDGET * input.threadMs : Infinity;
  const deadline = started + budgetMs * STOP_AT;
  const stop = new AbortController();
  const timer = Number.isFinite(deadline)
    ? setTimeout(() => stop.abort(), Math.max(0, deadline - performance.now()))
    : undefined;
  try {
    const oracle = new Oracle(input);
    const recheck = await oracle.recheck(sample, deadline, stop.signal);
    if ("skipped" in recheck) return recheck;
    const { spawn, stopped } = recheck;
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
      const rerun = again.length > 0 ? await oracle.run(again) : new Map<string, Outcome>();
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
        sampled: sample.length,
        ...compared,
        stopped,
        ...(Number.isFinite(budgetMs) ? { budgetMs: Math.round(budgetMs) } : {}),
        filesRerun: [...doubtful].sort(),
        durationMs: Math.round(performance.now() - started),
      },
      replaced,
    };
  } finally {
    clearTimeout(timer);
  }
}
