// The reporting stage's public API: scores, console report, live progress, and the report files
// (JSON in mutation-testing-report-schema format, HTML, Markdown) written at the end of a run.
import type { ReporterName, RunResult } from "../types.ts";
import { formatConsoleReport } from "./console.ts";
import { writeHtmlReport } from "./html.ts";
import { writeJsonReport } from "./json.ts";
import { writeMarkdownReport } from "./markdown.ts";

export { formatConsoleReport, formatGremlinLine, type ConsoleReportOptions } from "./console.ts";
export { formatDuration } from "./format.ts";
export {
  createProgress,
  etaMs,
  formatLiveLine,
  formatPlainLine,
  type Progress,
  type ProgressHint,
  type ProgressOptions,
  type ProgressState,
} from "./progress.ts";
export {
  JSON_REPORT_FILE,
  isCi,
  readMutationTestReport,
  toMutationTestReport,
  writeJsonReport,
  type JsonReportOptions,
  type MutationTestResult,
} from "./json.ts";
export { HTML_REPORT_FILE, toHtmlReport, writeHtmlReport } from "./html.ts";
export { MARKDOWN_REPORT_FILE, toMarkdownReport, writeMarkdownReport } from "./markdown.ts";
export {
  REPORT_STATUSES,
  figuresOf,
  formatScore,
  scoreBand,
  statusOf,
  summarize,
  type FileFigures,
  type Figures,
  type ReportStatus,
  type StatusCounts,
  type Summary,
} from "./score.ts";
export { validateMutationTestReport } from "./validate.ts";

export interface WriteReportsOptions {
  color: boolean;
  quiet?: boolean;
  /** Where the console reporter ("clear-text") writes its text. */
  write: (text: string) => void;
  /** Directory for report files, relative to the project root; defaults to config.reportDir. */
  dir?: string;
}

/**
 * Run the end-of-run reporters in the order given. "progress" is live (see createProgress) and
 * writes nothing here. Returns the absolute paths of the files written.
 */
export async function writeReports(
  result: RunResult,
  reporters: readonly ReporterName[],
  options: WriteReportsOptions,
): Promise<string[]> {
  const dir = options.dir ?? result.config.reportDir;
  const written: string[] = [];
  for (const reporter of new Set(reporters)) {
    switch (reporter) {
      case "clear-text":
        options.write(formatConsoleReport(result, { color: options.color, quiet: options.quiet ?? false }));
        break;
      case "json":
        written.push(await writeJsonReport(result, dir));
        break;
      case "html":
        written.push(await writeHtmlReport(result, dir));
        break;
      case "markdown":
        written.push(await writeMarkdownReport(result, dir));
        break;
      case "progress":
        break;
    }
  }
  return written;
}
