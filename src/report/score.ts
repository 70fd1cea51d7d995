// Counts gremlins per verdict and computes the mutation score per file and in total, with the
// definitions of mutation-testing-report-schema / StrykerJS (mutation-testing-metrics).
import type { Gremlin, Outcome, RunResult, Status } from "../types.ts";

/** A verdict, or "Pending" for a gremlin without an outcome yet (interrupted run). */
export type ReportStatus = Status | "Pending";

export interface StatusCounts {
  Killed: number;
  Survived: number;
  NoCoverage: number;
  Timeout: number;
  RuntimeError: number;
  CompileError: number;
  Ignored: number;
  Pending: number;
}

export interface Figures {
  counts: StatusCounts;
  /** Every gremlin, whatever its status. */
  total: number;
  /** Killed + Timeout. */
  detected: number;
  /** Survived + NoCoverage. */
  undetected: number;
  /** detected + undetected (errors, Ignored and Pending are excluded). */
  valid: number;
  /** RuntimeError + CompileError. */
  invalid: number;
  /** detected + Survived: the gremlins some test reached. */
  covered: number;
  /** detected / valid × 100; NaN when valid = 0. */
  mutationScore: number;
  /** detected / covered × 100; NaN when valid = 0, 0 when nothing valid is covered. */
  coveredScore: number;
}

export interface FileFigures extends Figures {
  file: string;
}

export interface Summary {
  /** One entry per source file, in the order of `RunResult.files`. */
  files: FileFigures[];
  total: Figures;
}

export const REPORT_STATUSES: readonly ReportStatus[] = [
  "Killed",
  "Survived",
  "NoCoverage",
  "Timeout",
  "RuntimeError",
  "CompileError",
  "Ignored",
  "Pending",
];

export function emptyCounts(): StatusCounts {
  return {
    Killed: 0,
    Survived: 0,
    NoCoverage: 0,
    Timeout: 0,
    RuntimeError: 0,
    CompileError: 0,
    Ignored: 0,
    Pending: 0,
  };
}

/** The status a gremlin is reported with: its outcome's, Ignored when disabled, else Pending. */
export function statusOf(gremlin: Gremlin, outcomes: ReadonlyMap<string, Outcome>): ReportStatus {
  const outcome = outcomes.get(gremlin.id);
  if (outcome) return outcome.status;
  return gremlin.ignoredReason !== undefined ? "Ignored" : "Pending";
}

/** Derived totals and scores from raw counts. */
export function figuresOf(counts: StatusCounts): Figures {
  const detected = counts.Killed + counts.Timeout;
  const undetected = counts.Survived + counts.NoCoverage;
  const valid = detected + undetected;
  const invalid = counts.RuntimeError + counts.CompileError;
  const covered = detected + counts.Survived;
  const total = valid + invalid + counts.Ignored + counts.Pending;
  const mutationScore = valid > 0 ? (detected / valid) * 100 : Number.NaN;
  // As in mutation-testing-metrics: 0/0 on covered code with valid gremlins counts as 0, not NaN.
  const coveredScore = valid > 0 ? (covered > 0 ? (detected / covered) * 100 : 0) : Number.NaN;
  return { counts, total, detected, undetected, valid, invalid, covered, mutationScore, coveredScore };
}

export function countStatuses(statuses: Iterable<ReportStatus>): StatusCounts {
  const counts = emptyCounts();
  for (const status of statuses) counts[status]++;
  return counts;
}

export function summarize(result: RunResult): Summary {
  const totalCounts = emptyCounts();
  const files = result.files.map((file): FileFigures => {
    const counts = countStatuses(file.gremlins.map((g) => statusOf(g, result.outcomes)));
    for (const status of REPORT_STATUSES) totalCounts[status] += counts[status];
    return { file: file.file, ...figuresOf(counts) };
  });
  return { files, total: figuresOf(totalCounts) };
}

/** "85.71" style (two decimals, like StrykerJS), or "n/a" for NaN. */
export function formatScore(score: number): string {
  return Number.isNaN(score) ? "n/a" : score.toFixed(2);
}

/** Which threshold band a score falls in: high ≥ thresholds.high, low < thresholds.low. */
export function scoreBand(
  score: number,
  thresholds: { high: number; low: number },
): "high" | "medium" | "low" | "none" {
  if (Number.isNaN(score)) return "none";
  if (score >= thresholds.high) return "high";
  if (score >= thresholds.low) return "medium";
  return "low";
}
