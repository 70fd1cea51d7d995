// The JSON report in the public mutation-testing-report-schema format (StrykerJS's; its HTML viewer
// and dashboards read it): build it from a RunResult, write `mutation.json`, read one back.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { join, resolve } from "pathe";
import type {
  FileResult,
  MutantResult,
  MutationTestResult,
  SystemInformation,
  TestFileDefinitionDictionary,
} from "mutation-testing-report-schema";
import { GremlinsError } from "../errors.ts";
import { VERSION } from "../version.ts";
import type { Gremlin, Outcome, RunResult, SourceLanguage } from "../types.ts";
import { reportFromHtml } from "./html-embed.ts";
import { statusOf } from "./score.ts";
import { validateMutationTestReport } from "./validate.ts";

export type { MutationTestResult } from "mutation-testing-report-schema";

export const JSON_REPORT_FILE = "mutation.json";

export interface JsonReportOptions {
  /** Environment used to detect CI; defaults to process.env. */
  env?: Record<string, string | undefined>;
}

const LANGUAGES: Record<SourceLanguage, string> = {
  ts: "typescript",
  tsx: "typescript",
  js: "javascript",
  jsx: "javascript",
};

export function toMutationTestReport(result: RunResult, options: JsonReportOptions = {}): MutationTestResult {
  const files: Record<string, FileResult> = {};
  for (const file of result.files) {
    files[file.file] = {
      language: LANGUAGES[file.language] ?? "javascript",
      source: file.source,
      mutants: file.gremlins.map((g) => toMutant(g, result)),
    };
  }
  const report: MutationTestResult = {
    schemaVersion: "1",
    thresholds: { high: toPercent(result.thresholds.high), low: toPercent(result.thresholds.low) },
    files,
    projectRoot: result.root,
    config: JSON.parse(JSON.stringify(result.config)) as Record<string, unknown>,
    framework: { name: "gremlins", version: VERSION, dependencies: runtimeVersions() },
    performance: {
      setup: result.timings.setupMs,
      initialRun: result.timings.baselineMs,
      mutation: result.timings.mutationMs,
    },
    system: systemInformation(options.env ?? process.env),
  };
  const testFiles = toTestFiles(result);
  if (testFiles) report.testFiles = testFiles;
  // Not in the schema (which allows extra top-level properties): the spawn executor's re-check of thread verdicts.
  if (result.verification)
    (report as MutationTestResult & { verification?: unknown }).verification = { ...result.verification };
  // Also outside the schema: tests whose result changed between baseline runs, and the kills resting on them.
  if (result.flakyTests)
    (report as MutationTestResult & { flakyTests?: unknown }).flakyTests = result.flakyTests.map((f) => ({ ...f }));
  return report;
}

function toMutant(gremlin: Gremlin, result: RunResult): MutantResult {
  const outcome: Outcome | undefined = result.outcomes.get(gremlin.id);
  const mutant: MutantResult = {
    id: gremlin.id,
    mutatorName: gremlin.operator,
    replacement: gremlin.replacement,
    location: {
      start: { line: gremlin.loc.start.line, column: gremlin.loc.start.column },
      end: { line: gremlin.loc.end.line, column: gremlin.loc.end.column },
    },
    status: statusOf(gremlin, result.outcomes),
    description: gremlin.description,
  };
  const reason = outcome?.statusReason ?? gremlin.ignoredReason;
  if (reason !== undefined) mutant.statusReason = reason;
  const flaky = result.flakyTests?.find((f) => f.gremlins.includes(gremlin.id));
  if (flaky)
    mutant.statusReason = `${reason ?? "Killed"} (a flaky test: its result changed between baseline runs with no gremlin active, so this kill may be chance)`;
  if (outcome?.coveredBy) mutant.coveredBy = [...outcome.coveredBy];
  if (outcome?.killedBy) mutant.killedBy = [...outcome.killedBy];
  if (outcome?.testsCompleted !== undefined) mutant.testsCompleted = outcome.testsCompleted;
  if (outcome?.durationMs !== undefined) mutant.duration = outcome.durationMs;
  if (outcome?.static !== undefined) mutant.static = outcome.static;
  // Not in the schema (which allows extra properties): the verdict was reused from the result cache.
  if (outcome?.cached) (mutant as MutantResult & { cached?: boolean }).cached = true;
  // Likewise: a Timeout that a second run confirmed.
  if (outcome?.confirmed) (mutant as MutantResult & { confirmed?: boolean }).confirmed = true;
  return mutant;
}

/**
 * Tests grouped by file; tests without a file go under "" (the schema's convention). Every test id a
 * mutant's coveredBy/killedBy names is listed (by its id as name when the executor knew no more), so
 * the viewer can resolve them.
 */
function toTestFiles(result: RunResult): TestFileDefinitionDictionary | undefined {
  const tests = new Map(result.tests);
  for (const outcome of result.outcomes.values()) {
    for (const id of [...(outcome.coveredBy ?? []), ...(outcome.killedBy ?? [])]) {
      if (!tests.has(id)) tests.set(id, { name: id });
    }
  }
  if (tests.size === 0) return undefined;
  const testFiles: TestFileDefinitionDictionary = {};
  for (const [id, test] of tests) {
    const key = test.file ?? "";
    const definition: TestFileDefinitionDictionary[string]["tests"][number] = { id, name: test.name };
    if (test.location) definition.location = { start: { ...test.location } };
    (testFiles[key] ??= { tests: [] }).tests.push(definition);
  }
  return testFiles;
}

/** The schema wants integer thresholds within 0..100. */
function toPercent(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value)));
}

const CI_VARIABLES = [
  "GITHUB_ACTIONS",
  "GITLAB_CI",
  "CIRCLECI",
  "BUILDKITE",
  "TF_BUILD",
  "JENKINS_URL",
  "TEAMCITY_VERSION",
  "TRAVIS",
  "BITBUCKET_BUILD_NUMBER",
];

export function isCi(env: Record<string, string | undefined>): boolean {
  const ci = env.CI;
  if (ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false") return true;
  return CI_VARIABLES.some((name) => env[name] !== undefined && env[name] !== "");
}

function systemInformation(env: Record<string, string | undefined>): SystemInformation {
  const cpus = os.cpus();
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : cpus.length;
  const cpu: NonNullable<SystemInformation["cpu"]> = { logicalCores: Math.max(1, cores) };
  if (cpus[0]?.model) cpu.model = cpus[0].model.trim();
  if (cpus[0]?.speed) cpu.baseClock = cpus[0].speed;
  return {
    ci: isCi(env),
    os: { platform: os.platform(), version: os.release(), description: `${os.type()} ${os.release()}` },
    cpu,
    ram: { total: Math.round(os.totalmem() / (1024 * 1024)) },
  };
}

function runtimeVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } };
  if (g.Bun) versions.bun = g.Bun.version;
  else if (g.Deno) versions.deno = g.Deno.version.deno;
  else versions.node = process.versions.node;
  return versions;
}

/** Write `mutation.json` into `dir` (relative to the project root); returns the absolute path. */
export async function writeJsonReport(
  result: RunResult,
  dir: string,
  options: JsonReportOptions = {},
): Promise<string> {
  const directory = resolve(result.root, dir);
  await mkdir(directory, { recursive: true });
  const path = join(directory, JSON_REPORT_FILE);
  await writeFile(path, `${JSON.stringify(toMutationTestReport(result, options), null, 2)}\n`, "utf8");
  return path;
}

/**
 * Read and validate a report (ours or any schema-conforming tool's): a mutation.json, or a gremlins
 * mutation.html (its embedded report). Throws GremlinsError naming the file.
 */
export async function readMutationTestReport(path: string): Promise<MutationTestResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new GremlinsError(`Cannot read mutation report ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = /\.html?$/i.test(path) ? reportFromHtml(text) : JSON.parse(text);
  } catch (error) {
    throw new GremlinsError(`Mutation report ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (data === undefined)
    throw new GremlinsError(`${path} holds no gremlins report (not a mutation.html written by gremlins)`);
  const problems = validateMutationTestReport(data);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join("; ");
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
    throw new GremlinsError(`Mutation report ${path} does not match mutation-testing-report-schema: ${shown}${more}`);
  }
  return data as MutationTestResult;
}
