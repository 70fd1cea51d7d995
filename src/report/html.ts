// The HTML report: one self-contained page that embeds the JSON report and renders it with the
// mutation-testing-elements web component (loaded from the unpkg CDN; the page needs a network).
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "pathe";
import type { RunResult } from "../types.ts";
import { toMutationTestReport, type JsonReportOptions } from "./json.ts";

export const HTML_REPORT_FILE = "mutation.html";
export const ELEMENTS_URL = "https://www.unpkg.com/mutation-testing-elements@3";

/** JSON that is safe inside a <script> element: no `</script>`, no `<!--`, no line separators. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function toHtmlReport(result: RunResult, options: JsonReportOptions = {}): string {
  const report = toMutationTestReport(result, options);
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>gremlins mutation report</title>",
    `<script defer src="${ELEMENTS_URL}"></script>`,
    "</head>",
    "<body>",
    '<mutation-test-report-app title-postfix="gremlins">',
    "This report needs JavaScript and network access to load mutation-testing-elements.",
    "</mutation-test-report-app>",
    `<script>document.querySelector("mutation-test-report-app").report = ${scriptSafeJson(report)};</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** Write `mutation.html` into `dir` (relative to the project root); returns the absolute path. */
export async function writeHtmlReport(result: RunResult, dir: string, options: JsonReportOptions = {}): Promise<string> {
  const directory = resolve(result.root, dir);
  await mkdir(directory, { recursive: true });
  const path = join(directory, HTML_REPORT_FILE);
  await writeFile(path, toHtmlReport(result, options), "utf8");
  return path;
}
