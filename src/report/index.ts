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
export {
  HTML_REPORT_FILE,
  loadElementsBundle,
  renderHtmlReport,
  scriptSafeJson,
  toHtmlReport,
  writeHtmlReport,
} from "./html.ts";
export {
  MARKDOWN_REPORT_FILE,
  TOP_SURVIVORS,
  githubLink,
  toMarkdownReport,
  writeMarkdownReport,
  type MarkdownReportOptions,
} from "./markdown.ts";
export { diffLines, formatDiff, type DiffInput, type DiffLine } from "./diff.ts";
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
export { mergeShardReports, shardStampOf, type ShardReport } from "./merge.ts";
export { runResultFromReport } from "./to-run-result.ts";

export interface WriteReportsOptions {
  color: boolean;
  quiet?: boolean;
  /** Where the console reporter ("clear-text") writes its text. */
  write: (text: string) => void;
  /** Directory for report files, relative to the project root; defaults to config.reportDir. */
  dir?: string;
  /** Environment (CI detection, $GITHUB_STEP_SUMMARY); defaults to process.env. */
  env?: Record<string, string | undefined>;
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
  const env = options.env ?? process.env;
  const written: string[] = [];
  for (const reporter of new Set(reporters)) {
    switch (reporter) {
      case "clear-text":
        options.write(formatConsoleReport(result, { color: options.color, quiet: options.quiet ?? false }));
        break;
      case "json":
        written.push(await writeJsonReport(result, dir, { env }));
        break;
      case "html":
        written.push(await writeHtmlReport(result, dir, { env }));
        break;
      case "markdown":
        written.push(await writeMarkdownReport(result, dir, { env }));
        break;
      case "progress":
        break;
    }
  }
  return written;
}
