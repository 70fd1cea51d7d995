// How the report JSON sits inside mutation.html: escaped so no source text can end the script element
// or open a comment (on write), and found again in the page (on read, for `gremlins explain`).

/** The element the page renders, and the statement that hands it the report. */
export const REPORT_ELEMENT = "mutation-test-report-app";
export const REPORT_ASSIGNMENT = `document.querySelector("${REPORT_ELEMENT}").report`;

/**
 * JSON that is a safe JavaScript literal inside a <script> element: `<` and `>` escaped (so no
 * `</script>`, `<!--` or `<script` can appear), `&` too, and the line separators JS strings reject.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The report embedded in a page renderHtmlReport wrote (`… .report = <literal>;</script>`),
 * or undefined; lets `explain` work after a run whose reporters did not include json.
 */
export function reportFromHtml(html: string): unknown {
  // With its raw quotes this cannot occur inside the JSON (which escapes them) nor, checked, in the bundle.
  const marker = `${REPORT_ASSIGNMENT} = `;
  const start = html.lastIndexOf(marker);
  const end = html.lastIndexOf(";</script>");
  if (start < 0 || end < start) return undefined;
  // The literal is JSON whose `<`, `>`, `&` and line separators are \u escapes, which JSON also reads.
  return JSON.parse(html.slice(start + marker.length, end));
}
