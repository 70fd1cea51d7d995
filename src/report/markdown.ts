// The Markdown report (for pull-request comments and CI job summaries): the per-file table, the
// scores and the surviving gremlins, written to `mutation.md`.
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "pathe";
import type { RunResult } from "../types.ts";
import { oneLine } from "./format.ts";
import { formatScore, statusOf, summarize, type Figures } from "./score.ts";

export const MARKDOWN_REPORT_FILE = "mutation.md";

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

function percent(score: number): string {
  const text = formatScore(score);
  return text === "n/a" ? text : `${text} %`;
}

function row(name: string, f: Figures): string {
  const c = f.counts;
  return `| ${name} | ${f.total} | ${c.Killed} | ${c.Survived} | ${c.NoCoverage} | ${c.Timeout} | ${f.invalid} | ${percent(f.mutationScore)} |`;
}

export function toMarkdownReport(result: RunResult): string {
  const summary = summarize(result);
  const t = summary.total;
  const lines = [
    "## gremlins mutation report",
    "",
    `**Mutation score: ${percent(t.mutationScore)}** (${t.detected} detected of ${t.valid} valid) · ` +
      `score on covered code: ${percent(t.coveredScore)}`,
    "",
    "| File | Gremlins | Killed | Survived | No coverage | Timeout | Errors | Score |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...summary.files.map((f) => row(cell(f.file), f)),
    row("**All files**", t),
  ];
  const survivors = result.files.flatMap((file) =>
    file.gremlins.filter((g) => statusOf(g, result.outcomes) === "Survived"),
  );
  if (survivors.length > 0) {
    lines.push("", `### Survived (${survivors.length})`, "");
    for (const g of survivors) {
      const replacement = g.replacement.trim() === "" ? "(removed)" : oneLine(g.replacement);
      lines.push(`- \`${g.file}:${g.loc.start.line}:${g.loc.start.column}\` ${g.operator}: ${code(oneLine(g.original))} → ${code(replacement)}`);
    }
  }
  if (result.partial || t.counts.Pending > 0) lines.push("", `_Partial run: ${t.counts.Pending} gremlins without a verdict._`);
  return `${lines.join("\n")}\n`;
}

/** Write `mutation.md` into `dir` (relative to the project root); returns the absolute path. */
export async function writeMarkdownReport(result: RunResult, dir: string): Promise<string> {
  const directory = resolve(result.root, dir);
  await mkdir(directory, { recursive: true });
  const path = join(directory, MARKDOWN_REPORT_FILE);
  await writeFile(path, toMarkdownReport(result), "utf8");
  return path;
}
