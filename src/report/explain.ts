// `gremlins explain <id>` as text: one gremlin of a finished run's report — its diff, status, the tests
// that covered it and how many ran, the killing test or why it survived / was ignored, its cache state.
// Pure over a mutation-testing-report-schema report (ours, read back from mutation.json or mutation.html).
import type { FileResult, MutantResult, MutationTestResult } from "mutation-testing-report-schema";
import { GremlinsError } from "../errors.ts";
import { editDistance } from "../util/nearest.ts";
import { formatDiff } from "./diff.ts";
import { formatDuration, paintFor, type Paint } from "./format.ts";

/** Shortest id prefix accepted in place of a whole id. */
export const MIN_PREFIX = 4;

export interface FoundMutant {
  file: string;
  fileResult: FileResult;
  mutant: MutantResult & { cached?: boolean };
}

interface TestInfo {
  name: string;
  file: string;
  line?: number;
}

function allMutants(report: MutationTestResult): FoundMutant[] {
  return Object.entries(report.files).flatMap(([file, fileResult]) =>
    fileResult.mutants.map((mutant) => ({ file, fileResult, mutant })),
  );
}

/** The ids closest to `input`: shared prefix first, then edit distance. */
export function nearestIds(input: string, ids: readonly string[], count = 3): string[] {
  const needle = input.toLowerCase();
  const prefix = (id: string): number => {
    let n = 0;
    while (n < id.length && n < needle.length && id[n]!.toLowerCase() === needle[n]) n++;
    return n;
  };
  return [...ids]
    .map((id) => ({ id, prefix: prefix(id), distance: editDistance(needle, id.toLowerCase()) }))
    .sort((a, b) => b.prefix - a.prefix || a.distance - b.distance || (a.id < b.id ? -1 : 1))
    .slice(0, count)
    .map((entry) => entry.id);
}

/** The mutant with this id (or unique id prefix); a GremlinsError (exit 2) naming the nearest ids otherwise. */
export function findMutant(report: MutationTestResult, id: string, source = "the report"): FoundMutant {
  const all = allMutants(report);
  const exact = all.find((m) => m.mutant.id === id);
  if (exact) return exact;
  const byPrefix = id.length >= MIN_PREFIX ? all.filter((m) => m.mutant.id.startsWith(id)) : [];
  if (byPrefix.length === 1) return byPrefix[0]!;
  const ids = all.map((m) => m.mutant.id);
  if (byPrefix.length > 1) {
    throw new GremlinsError(
      `gremlin id "${id}" is ambiguous in ${source}: ${byPrefix
        .slice(0, 5)
        .map((m) => m.mutant.id)
        .join(", ")}${byPrefix.length > 5 ? ", …" : ""}`,
    );
  }
  const near = nearestIds(id, ids);
  const hint = near.length > 0 ? `; nearest ids: ${near.join(", ")}` : "; the report has no gremlins";
  throw new GremlinsError(`no gremlin with id "${id}" in ${source} (${ids.length} gremlins)${hint}`);
}

function testIndex(report: MutationTestResult): Map<string, TestInfo> {
  const tests = new Map<string, TestInfo>();
  for (const [file, testFile] of Object.entries(report.testFiles ?? {})) {
    for (const test of testFile.tests) {
      tests.set(test.id, { name: test.name, file, ...(test.location ? { line: test.location.start.line } : {}) });
    }
  }
  return tests;
}

function describeTest(id: string, tests: Map<string, TestInfo>): string {
  const test = tests.get(id);
  if (!test) return id;
  const where = test.file ? ` (${test.file}${test.line ? `:${test.line}` : ""})` : "";
  return `${test.name}${where}`;
}

/** Why this status, in words a user can act on. */
function why(mutant: MutantResult): string {
  const reason = mutant.statusReason;
  switch (mutant.status) {
    case "Killed":
      return reason ? `a test failed with the gremlin active: ${reason}` : "a test failed with the gremlin active";
    case "Survived":
      return "every test that ran passed with the gremlin active: no assertion checks this change";
    case "NoCoverage":
      return "no test reached this code, so nothing could catch the gremlin";
    case "Timeout":
      return `the tests did not finish with the gremlin active${reason ? `: ${reason}` : ""} (counted as detected)`;
    case "Ignored":
      return `not tested: ${reason ?? "disabled"}`;
    case "RuntimeError":
    case "CompileError":
      return `not scored, the run failed for a reason that is not the gremlin's${reason ? `: ${reason}` : ""}`;
    default:
      return "no verdict: the run ended before this gremlin was tested";
  }
}

function statusColour(paint: Paint, status: string): (s: string) => string {
  if (status === "Killed" || status === "Timeout") return paint.green;
  if (status === "Survived" || status === "RuntimeError" || status === "CompileError") return paint.red;
  if (status === "NoCoverage") return paint.yellow;
  return paint.dim;
}

export function formatExplanation(report: MutationTestResult, found: FoundMutant, options: { color: boolean }): string {
  const paint = paintFor(options.color);
  const { mutant, file, fileResult } = found;
  const tests = testIndex(report);
  const start = mutant.location.start;
  const end = mutant.location.end ?? start;
  const label = (text: string): string => paint.bold(text.padEnd(12));
  const lines = [
    `${paint.bold(`Gremlin ${mutant.id}`)}  ${statusColour(paint, mutant.status)(mutant.status)}`,
    `  ${file}:${start.line}:${start.column}  ${paint.cyan(mutant.mutatorName)}${mutant.description ? paint.dim(`  ${mutant.description}`) : ""}`,
    "",
    ...formatDiff(
      { source: fileResult.source, location: { start, end }, replacement: mutant.replacement ?? "" },
      paint,
      "  ",
    ),
    "",
    `${label("Status:")}${mutant.status}`,
    `${label("Why:")}${why(mutant)}`,
  ];
  const covered = mutant.coveredBy ?? [];
  if (covered.length > 0) {
    lines.push(`${label("Covered by:")}${covered.length} test${covered.length === 1 ? "" : "s"}`);
    for (const id of covered) lines.push(`              - ${describeTest(id, tests)}`);
  } else if (mutant.status === "NoCoverage") {
    lines.push(`${label("Covered by:")}no test`);
  } else {
    lines.push(
      `${label("Covered by:")}${paint.dim("not recorded (this run ran the whole test command for each gremlin)")}`,
    );
  }
  if (mutant.testsCompleted !== undefined) lines.push(`${label("Tests run:")}${mutant.testsCompleted}`);
  else if (mutant.status !== "NoCoverage" && mutant.status !== "Ignored")
    lines.push(`${label("Tests run:")}${paint.dim("the test command's tests (count not recorded)")}`);
  const killers = mutant.killedBy ?? [];
  if (killers.length > 0) {
    lines.push(`${label("Killed by:")}${describeTest(killers[0]!, tests)}`);
    for (const id of killers.slice(1)) lines.push(`              ${describeTest(id, tests)}`);
  } else if (mutant.status === "Killed") {
    lines.push(
      `${label("Killed by:")}${paint.dim(`no test named (${mutant.statusReason ?? "the test command failed"})`)}`,
    );
  }
  if (mutant.duration !== undefined) lines.push(`${label("Duration:")}${formatDuration(mutant.duration)}`);
  if (mutant.static !== undefined)
    lines.push(`${label("Static:")}${mutant.static ? "yes (reached while modules load)" : "no"}`);
  lines.push(`${label("Cache:")}${mutant.cached ? "cached (verdict reused from an earlier run)" : "not cached"}`);
  return `${lines.join("\n")}\n`;
}
