// The end-of-run console report ("clear-text"): per-file table, survivors and timeouts as diff
// snippets grouped by file with the file's score, other noteworthy verdicts, scores, timings.
// Pure: returns the text, the caller prints it.
import type { Gremlin, Outcome, RunResult, SourceFile } from "../types.ts";
import { formatDiff } from "./diff.ts";
import { formatDisagreements, formatVerification } from "./verification.ts";
import { formatFlakyTests } from "./flaky.ts";
import { formatDuration, oneLine, padEnd, padStart, paintBand, paintFor, plural, type Paint } from "./format.ts";
import { formatScore, scoreBand, statusOf, summarize, type Figures, type ReportStatus, type Summary } from "./score.ts";

export interface ConsoleReportOptions {
  /** Emit ANSI colours (the caller decides: NO_COLOR, non-TTY, --no-color). */
  color: boolean;
  /** Only the summary lines (scores, and a warning for an interrupted run). */
  quiet?: boolean;
}

export function formatConsoleReport(result: RunResult, options: ConsoleReportOptions): string {
  const paint = paintFor(options.color);
  const summary = summarize(result);
  const summaryLines = formatSummaryLines(result, summary, paint);
  if (options.quiet) return `${summaryLines.join("\n")}\n`;

  const sections: string[][] = [formatTable(result, summary, paint)];
  for (const listing of LISTINGS) {
    const lines = formatListing(result, summary, listing, paint);
    if (lines.length > 0) sections.push(lines);
  }
  sections.push(summaryLines);
  sections.push([formatTimings(result, paint)]);
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Table

const COLUMNS = ["Gremlins", "Killed", "Survived", "No coverage", "Timeout", "Errors", "Score"] as const;

function tableCells(figures: Figures): string[] {
  const c = figures.counts;
  const score = formatScore(figures.mutationScore);
  return [
    String(figures.total),
    String(c.Killed),
    String(c.Survived),
    String(c.NoCoverage),
    String(c.Timeout),
    String(figures.invalid),
    score === "n/a" ? score : `${score}%`,
  ];
}

function formatTable(result: RunResult, summary: Summary, paint: Paint): string[] {
  const rows = summary.files.map((f) => ({ name: f.file, figures: f as Figures }));
  const totalRow = { name: "All files", figures: summary.total };
  const nameWidth = Math.max("File".length, totalRow.name.length, ...rows.map((r) => r.name.length));
  const widths = COLUMNS.map((title) => Math.max(title.length, 7));
  const line = (name: string, cells: string[], scoreText?: string): string => {
    const parts = cells.map((cell, i) => padStart(cell, widths[i]!));
    if (scoreText !== undefined) parts[parts.length - 1] = scoreText;
    return [padEnd(name, nameWidth), ...parts].join("  ").trimEnd();
  };
  const rule = "─".repeat(nameWidth + widths.reduce((sum, w) => sum + w + 2, 0));
  const render = (name: string, figures: Figures, bold: boolean): string => {
    const cells = tableCells(figures);
    const band = scoreBand(figures.mutationScore, result.thresholds);
    const score = paintBand(paint, band, padStart(cells[cells.length - 1]!, widths[widths.length - 1]!));
    const text = line(name, cells, score);
    return bold ? paint.bold(text) : text;
  };
  return [
    paint.bold(line("File", [...COLUMNS])),
    paint.dim(rule),
    ...rows.map((r) => render(r.name, r.figures, false)),
    paint.dim(rule),
    render(totalRow.name, totalRow.figures, true),
  ];
}

// ---------------------------------------------------------------------------------------------
// Listings of gremlins by status

interface Listing {
  title: string;
  statuses: ReportStatus[];
  /** Append the outcome's reason to each line. */
  withReason: boolean;
  /** Show each gremlin as a diff snippet (original `-`, mutated `+`) under its header line. */
  withDiff: boolean;
  color: keyof Paint;
}

const LISTINGS: Listing[] = [
  { title: "Survived", statuses: ["Survived"], withReason: false, withDiff: true, color: "red" },
  { title: "Timeout", statuses: ["Timeout"], withReason: true, withDiff: true, color: "yellow" },
  { title: "No coverage", statuses: ["NoCoverage"], withReason: false, withDiff: false, color: "yellow" },
  { title: "Errors", statuses: ["RuntimeError", "CompileError"], withReason: true, withDiff: false, color: "red" },
];

/** `file:line:col  operator  original → replacement`. */
export function formatGremlinLine(gremlin: Gremlin): string {
  const replacement = gremlin.replacement.trim() === "" ? "(removed)" : oneLine(gremlin.replacement);
  const where = `${gremlin.file}:${gremlin.loc.start.line}:${gremlin.loc.start.column}`;
  return `${where}  ${gremlin.operator}  ${oneLine(gremlin.original)} → ${replacement}`;
}

/** `file:line:col  operator  [id]` above a diff snippet. */
function formatDiffEntry(file: SourceFile, gremlin: Gremlin, suffix: string, paint: Paint): string[] {
  const where = `${gremlin.file}:${gremlin.loc.start.line}:${gremlin.loc.start.column}`;
  const header = `    ${where}  ${paint.cyan(gremlin.operator)}  ${paint.dim(`[${gremlin.id}]`)}${suffix}`;
  const diff = formatDiff(
    { source: file.source, location: gremlin.loc, replacement: gremlin.replacement },
    paint,
    "      ",
  );
  return [header, ...diff];
}

function formatListing(result: RunResult, summary: Summary, listing: Listing, paint: Paint): string[] {
  const groups: string[][] = [];
  let count = 0;
  result.files.forEach((file, fileIndex) => {
    const matching = file.gremlins
      .filter((g) => listing.statuses.includes(statusOf(g, result.outcomes)))
      .sort((a, b) => a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column);
    if (matching.length === 0) return;
    count += matching.length;
    const figures = summary.files[fileIndex]!;
    const score = formatScore(figures.mutationScore);
    const scoreText = paintBand(
      paint,
      scoreBand(figures.mutationScore, result.thresholds),
      score === "n/a" ? score : `${score}%`,
    );
    const entries = matching.map((g) => {
      const suffix = reasonSuffix(listing, result.outcomes.get(g.id));
      return listing.withDiff ? formatDiffEntry(file, g, suffix, paint) : [`    ${formatGremlinLine(g)}${suffix}`];
    });
    groups.push([`  ${paint.bold(file.file)}  ${paint.dim("score")} ${scoreText}`, ...entries.flat()]);
  });
  if (count === 0) return [];
  const heading = paint[listing.color](paint.bold(`${listing.title} (${count})`));
  return [heading, ...groups.flatMap((group, i) => (i === 0 ? group : ["", ...group]))];
}

function reasonSuffix(listing: Listing, outcome: Outcome | undefined): string {
  if (!listing.withReason) return "";
  const tag = listing.statuses.length > 1 && outcome ? `${outcome.status}: ` : "";
  const reason = outcome?.statusReason ? oneLine(outcome.statusReason, 120) : "";
  if (!tag && !reason) return "";
  return `  — ${tag}${reason || "no reason given"}`;
}

// ---------------------------------------------------------------------------------------------
// Summary and timings

function formatSummaryLines(result: RunResult, summary: Summary, paint: Paint): string[] {
  const t = summary.total;
  const band = (score: number): string => {
    const text = formatScore(score);
    return paintBand(paint, scoreBand(score, result.thresholds), text === "n/a" ? text : `${text}%`);
  };
  const lines = [
    `${paint.bold("Mutation score:")}        ${band(t.mutationScore)}  ` +
      paint.dim(
        `(${t.detected} detected of ${t.valid} valid; ${t.counts.Survived} survived, ${t.counts.NoCoverage} no coverage)`,
      ),
    `${paint.bold("Score on covered code:")} ${band(t.coveredScore)}  ` +
      paint.dim(`(${t.detected} detected of ${t.covered} covered)`),
  ];
  const excluded: string[] = [];
  if (t.counts.Ignored > 0) excluded.push(`${t.counts.Ignored} ignored`);
  if (t.counts.RuntimeError > 0) excluded.push(plural(t.counts.RuntimeError, "runtime error"));
  if (t.counts.CompileError > 0) excluded.push(plural(t.counts.CompileError, "compile error"));
  if (excluded.length > 0) lines.push(paint.dim(`Not scored: ${excluded.join(", ")}.`));
  let confirmed = 0;
  for (const o of result.outcomes.values()) if (o.status === "Timeout" && o.confirmed) confirmed++;
  if (confirmed > 0) lines.push(paint.dim(`Timeouts confirmed by a second run: ${confirmed} of ${t.counts.Timeout}.`));
  if (result.partial || t.counts.Pending > 0) {
    lines.push(
      paint.yellow(`Partial run: ${plural(t.counts.Pending, "gremlin")} without a verdict; scores cover the rest.`),
    );
  }
  if (result.verification) {
    const v = result.verification;
    const text = formatVerification(v, formatDuration);
    lines.push(
      v.disagreements.length > 0 ? paint.red(text) : paint.dim(text),
      ...formatDisagreements(v).map((l) => paint.red(l)),
    );
  }
  lines.push(...formatFlakyTests(result.flakyTests).map((l) => paint.yellow(l)));
  return lines;
}

function formatTimings(result: RunResult, paint: Paint): string {
  const { setupMs, baselineMs, mutationMs, totalMs } = result.timings;
  // Only gremlins that actually ran tests: NoCoverage and Ignored verdicts cost nothing.
  let tested = 0;
  for (const o of result.outcomes.values()) if (o.status !== "NoCoverage" && o.status !== "Ignored") tested++;
  const rate = mutationMs > 0 && tested > 0 ? `, ${(tested / (mutationMs / 1000)).toFixed(1)} gremlins/s` : "";
  return paint.dim(
    `Timings: setup ${formatDuration(setupMs)} · baseline ${formatDuration(baselineMs)} · ` +
      `mutation ${formatDuration(mutationMs)}${rate} · total ${formatDuration(totalMs)}`,
  );
}
