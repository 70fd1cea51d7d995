// The HTML report: ONE self-contained page that works offline — the mutation-testing-elements bundle
// inlined, the JSON report embedded so that no source text can end the script or inject markup.
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "pathe";
import type { MutationTestResult } from "mutation-testing-report-schema";
import type { FlakyTest, RunResult, Verification } from "../types.ts";
import { flakyName, restingVerdicts } from "./flaky.ts";
import { formatDuration } from "./format.ts";
import { formatVerification } from "./verification.ts";
import { REPORT_ASSIGNMENT, REPORT_ELEMENT, scriptSafeJson } from "./html-embed.ts";
import { toMutationTestReport, type JsonReportOptions } from "./json.ts";

export { reportFromHtml, scriptSafeJson } from "./html-embed.ts";

export const HTML_REPORT_FILE = "mutation.html";
const ELEMENTS_FILE = "mutation-testing-elements/dist/mutation-test-elements.js";

let elementsBundle: string | undefined;

/**
 * The mutation-testing-elements browser bundle. Embedded at build time (see elements-bundle.ts); when
 * the text import is unavailable (a runtime without import-text support), read from node_modules.
 */
export async function loadElementsBundle(): Promise<string> {
  if (elementsBundle !== undefined) return elementsBundle;
  try {
    elementsBundle = (await import("./elements-bundle.ts")).ELEMENTS_BUNDLE;
  } catch {
    elementsBundle = readFileSync(createRequire(import.meta.url).resolve(ELEMENTS_FILE), "utf8");
  }
  return elementsBundle;
}

/**
 * A <script> element running `code`. Inline when the code cannot end the element or enter the
 * parser's double-escaped state (it never names a script tag); otherwise from a base64 data: URL.
 */
export function inlineScript(code: string): string {
  if (!/<\/?script/i.test(code)) return `<script>${code}</script>`;
  return `<script src="data:text/javascript;base64,${Buffer.from(code, "utf8").toString("base64")}"></script>`;
}

/** The page for an already-built JSON report, with the given elements bundle. Pure. */
export function renderHtmlReport(report: MutationTestResult, bundle: string): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>gremlins mutation report</title>",
    inlineScript(bundle),
    "</head>",
    "<body>",
    ...summaryBlock(report),
    `<${REPORT_ELEMENT} title-postfix="gremlins">`,
    "<noscript>This report needs JavaScript to render; mutation.json holds the same data.</noscript>",
    `</${REPORT_ELEMENT}>`,
    `<script>${REPORT_ASSIGNMENT} = ${scriptSafeJson(report)};</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** What the viewer cannot show (it knows only the schema): the --verify agreement and the flaky tests. */
function summaryBlock(
  report: MutationTestResult & { verification?: Verification; flakyTests?: FlakyTest[] },
): string[] {
  const items: string[] = [];
  if (report.verification) items.push(formatVerification(report.verification, formatDuration));
  for (const f of report.flakyTests ?? []) items.push(`Flaky test ${flakyName(f)} ${f.detail}; ${restingVerdicts(f)}.`);
  if (items.length === 0) return [];
  const style =
    "font-family:system-ui,sans-serif;margin:1em 2em;padding:.5em 1em;border-left:4px solid #d97706;background:#fffbeb";
  return [
    `<section id="gremlins-summary" style="${style}">`,
    ...items.map((text) => `<p>${escapeHtml(text)}</p>`),
    "</section>",
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function toHtmlReport(result: RunResult, options: JsonReportOptions = {}): Promise<string> {
  return renderHtmlReport(toMutationTestReport(result, options), await loadElementsBundle());
}

/** Write `mutation.html` into `dir` (relative to the project root); returns the absolute path. */
export async function writeHtmlReport(
  result: RunResult,
  dir: string,
  options: JsonReportOptions = {},
): Promise<string> {
  const directory = resolve(result.root, dir);
  await mkdir(directory, { recursive: true });
  const path = join(directory, HTML_REPORT_FILE);
  await writeFile(path, await toHtmlReport(result, options), "utf8");
  return path;
}
