// The Markdown summary for pull requests and CI job summaries: score, counts, per-file table (folded)
// and the top survivors as links to file#Lline. Written to `summary.md`, and appended to
// $GITHUB_STEP_SUMMARY when that is set.
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "pathe";
import type { Gremlin, RunResult } from "../types.ts";
import { formatDuration, oneLine } from "./format.ts";
import { formatVerification } from "./verification.ts";
import { flakyName, restingVerdicts } from "./flaky.ts";
import { formatScore, scoreBand, statusOf, summarize, type Figures } from "./score.ts";

export const MARKDOWN_REPORT_FILE = "summary.md";

/** Survivors listed by name; the rest are counted. */
export const TOP_SURVIVORS = 10;

export interface MarkdownReportOptions {
  /** The link target for a line of a project file; defaults to the bare `file#Lline`. */
  link?: (file: string, line: number) => string;
}

/** Text for a table cell: pipes escaped, on one line. */
function cell(text: string): string {
  return oneLine(text, 80).replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}

/** Inline code that survives backticks in the text (a longer fence, padded with spaces). */
function code(text: string): string {
  const runs = text.match(/`+/g);
  if (!runs) return `\`${text}\``;
  const fence = "`".repeat(Math.max(...runs.map((run) => run.length)) + 1);
  return `${fence} ${text} ${fence}`;
}

/** Link text or target with the characters Markdown would take as syntax escaped. */
function escapeLink(text: string): string {
  return text.replace(/[\\[\]()]/g, (c) => `\\${c}`);
}

function percent(score: number): string {
  const text = formatScore(score);
  return text === "n/a" ? text : `${text} %`;
}

const BAND_MARK = { high: "🟢", medium: "🟡", low: "🔴", none: "⚪" } as const;

function row(name: string, f: Figures): string {
  const c = f.counts;
  return `| ${name} | ${percent(f.mutationScore)} | ${f.total} | ${c.Killed} | ${c.Survived} | ${c.NoCoverage} | ${c.Timeout} | ${f.invalid} | ${c.Ignored} |`;
}

const TABLE_HEAD = [
  "| | Score | Gremlins | Killed | Survived | No coverage | Timeout | Errors | Ignored |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
];

/** Survivors, files with the most survivors first, then by line. */
function topSurvivors(result: RunResult): Gremlin[] {
  const byFile = result.files
    .map((file) => file.gremlins.filter((g) => statusOf(g, result.outcomes) === "Survived"))
    .filter((list) => list.length > 0);
  byFile.sort((a, b) => b.length - a.length);
  return byFile.flatMap((list) => [...list].sort((a, b) => a.loc.start.line - b.loc.start.line));
}

export function toMarkdownReport(result: RunResult, options: MarkdownReportOptions = {}): string {
  const link = options.link ?? ((file: string, line: number) => `${file}#L${line}`);
  const summary = summarize(result);
  const t = summary.total;
  const mark = BAND_MARK[scoreBand(t.mutationScore, result.thresholds)];
  const lines = [
    "## gremlins mutation report",
    "",
    `${mark} **Mutation score: ${percent(t.mutationScore)}** (${t.detected} detected of ${t.valid} valid) · ` +
      `score on covered code: ${percent(t.coveredScore)}`,
    "",
    ...TABLE_HEAD,
    row("**All files**", t),
  ];
  if (summary.files.length > 1) {
    lines.push("", `<details><summary>Per file (${summary.files.length})</summary>`, "", ...TABLE_HEAD);
    lines.push(...summary.files.map((f) => row(cell(f.file), f)), "", "</details>");
  }
  const survivors = topSurvivors(result);
  if (survivors.length > 0) {
    lines.push("", `### Survived (${survivors.length})`, "");
    for (const g of survivors.slice(0, TOP_SURVIVORS)) {
      const where = `${g.file}:${g.loc.start.line}`;
      const replacement = g.replacement.trim() === "" ? "(removed)" : oneLine(g.replacement);
      const target = escapeLink(link(g.file, g.loc.start.line)).replace(/ /g, "%20");
      lines.push(
        `- [${escapeLink(where)}](${target}) ${g.operator}: ${code(oneLine(g.original))} → ${code(replacement)}`,
      );
    }
    if (survivors.length > TOP_SURVIVORS) {
      lines.push(`- … and ${survivors.length - TOP_SURVIVORS} more (see the HTML or clear-text report)`);
    }
  }
  if (result.partial || t.counts.Pending > 0)
    lines.push("", `_Partial run: ${t.counts.Pending} gremlins without a verdict._`);
  if (result.verification) {
    const v = result.verification;
    lines.push("", `${v.disagreements.length > 0 ? "⚠️ " : ""}${formatVerification(v, formatDuration)}`);
    for (const d of v.disagreements) lines.push(`- \`${d.id}\`: thread ${d.thread}, spawn ${d.spawn}`);
  }
  if (result.flakyTests && result.flakyTests.length > 0) {
    lines.push("", `### ⚠️ Flaky tests (${result.flakyTests.length})`, "");
    for (const f of result.flakyTests) lines.push(`- ${flakyName(f)} ${f.detail}; ${restingVerdicts(f)}.`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Links for the GitHub job summary: absolute blob URLs at the commit when the GitHub Actions
 * variables are there, else undefined (bare links mean nothing on the run's page).
 */
export function githubLink(root: string, env: Record<string, string | undefined>): MarkdownReportOptions["link"] {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha, GITHUB_WORKSPACE: workspace } = env;
  if (!server || !repo || !sha) return undefined;
  return (file, line) => {
    const path = workspace ? relative(resolve(workspace), resolve(root, file)) : file;
    return `${server}/${repo}/blob/${sha}/${path}#L${line}`;
  };
}

export interface WriteMarkdownOptions {
  /** Environment for $GITHUB_STEP_SUMMARY and the link variables; defaults to process.env. */
  env?: Record<string, string | undefined>;
}

/**
 * Write `summary.md` into `dir` (relative to the project root), its links relative to that file; when
 * $GITHUB_STEP_SUMMARY is set, append the summary there too. Returns the absolute path of summary.md.
 */
export async function writeMarkdownReport(
  result: RunResult,
  dir: string,
  options: WriteMarkdownOptions = {},
): Promise<string> {
  const env = options.env ?? process.env;
  const directory = resolve(result.root, dir);
  await mkdir(directory, { recursive: true });
  const path = join(directory, MARKDOWN_REPORT_FILE);
  const local = (file: string, line: number): string => `${relative(directory, resolve(result.root, file))}#L${line}`;
  await writeFile(path, toMarkdownReport(result, { link: local }), "utf8");
  const stepSummary = env.GITHUB_STEP_SUMMARY;
  if (stepSummary) {
    const link = githubLink(result.root, env);
    await appendFile(stepSummary, `${toMarkdownReport(result, link ? { link } : {})}\n`, "utf8");
  }
  return path;
}
