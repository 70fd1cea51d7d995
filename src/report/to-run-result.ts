// A schema report read back (a merged one) as the RunResult the reporters take: gremlins rebuilt
// from the mutants (offsets from line/column over the embedded source), outcomes from their verdicts.
import type { MutantResult, MutationTestResult } from "mutation-testing-report-schema";
import { languageOf } from "../parse/parse.ts";
import { lineStarts } from "../parse/positions.ts";
import type { Gremlin, Outcome, ResolvedConfig, RunResult, SourceFile, Status } from "../types.ts";

const STATUSES = new Set<Status>([
  "Killed",
  "Survived",
  "NoCoverage",
  "Timeout",
  "RuntimeError",
  "CompileError",
  "Ignored",
]);

function offset(starts: readonly number[], line: number, column: number, length: number): number {
  const start = starts[line - 1] ?? length;
  return Math.min(length, start + column - 1);
}

function toOutcome(mutant: MutantResult): Outcome | undefined {
  if (!STATUSES.has(mutant.status as Status)) return undefined;
  const outcome: Outcome = { id: mutant.id, status: mutant.status as Status };
  if (mutant.statusReason !== undefined) outcome.statusReason = mutant.statusReason;
  if (mutant.killedBy) outcome.killedBy = [...mutant.killedBy];
  if (mutant.coveredBy) outcome.coveredBy = [...mutant.coveredBy];
  if (mutant.testsCompleted !== undefined) outcome.testsCompleted = mutant.testsCompleted;
  if (mutant.duration !== undefined) outcome.durationMs = mutant.duration;
  if (mutant.static !== undefined) outcome.static = mutant.static;
  if ((mutant as { cached?: boolean }).cached) outcome.cached = true;
  if ((mutant as { confirmed?: boolean }).confirmed) outcome.confirmed = true;
  return outcome;
}

/** The RunResult of `report`, rooted at `root`; `config` is the run's (the report's own `config`). */
export function runResultFromReport(report: MutationTestResult, root: string, config: ResolvedConfig): RunResult {
  const files: SourceFile[] = [];
  const gremlins: Gremlin[] = [];
  const outcomes = new Map<string, Outcome>();
  let index = 0;
  for (const name of Object.keys(report.files).sort()) {
    const entry = report.files[name]!;
    const source = entry.source;
    const starts = lineStarts(source);
    const fileGremlins: Gremlin[] = [];
    for (const mutant of entry.mutants) {
      const { start: s, end: e } = mutant.location;
      const start = offset(starts, s.line, s.column, source.length);
      const end = Math.max(start, offset(starts, e.line, e.column, source.length));
      const gremlin: Gremlin = {
        id: mutant.id,
        index: ++index,
        file: name,
        start,
        end,
        loc: { start: { line: s.line, column: s.column }, end: { line: e.line, column: e.column } },
        operator: mutant.mutatorName,
        original: source.slice(start, end),
        replacement: mutant.replacement ?? "",
        description: mutant.description ?? mutant.mutatorName,
        kind: "expression",
      };
      if (mutant.status === "Ignored") gremlin.ignoredReason = mutant.statusReason ?? "ignored";
      fileGremlins.push(gremlin);
      const outcome = toOutcome(mutant);
      if (outcome) outcomes.set(mutant.id, outcome);
    }
    files.push({ file: name, source, language: languageOf(name) ?? "js", gremlins: fileGremlins });
    gremlins.push(...fileGremlins);
  }
  const tests: RunResult["tests"] = new Map();
  for (const [file, entry] of Object.entries(report.testFiles ?? {})) {
    for (const test of entry.tests) {
      const info: { name: string; file?: string; location?: { line: number; column: number } } = { name: test.name };
      if (file !== "") info.file = file;
      if (test.location?.start) info.location = { line: test.location.start.line, column: test.location.start.column };
      tests.set(test.id, info);
    }
  }
  const perf = report.performance;
  const timings = {
    setupMs: perf?.setup ?? 0,
    baselineMs: perf?.initialRun ?? 0,
    mutationMs: perf?.mutation ?? 0,
    totalMs: (perf?.setup ?? 0) + (perf?.initialRun ?? 0) + (perf?.mutation ?? 0),
  };
  return { root, files, gremlins, outcomes, tests, timings, thresholds: config.thresholds, config };
}
