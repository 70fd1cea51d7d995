// The HTML report: the mutation-testing-elements bundle is inlined (no network), and the embedded JSON
// cannot end its script element or open a comment whatever the source code contains.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  inlineScript,
  loadElementsBundle,
  renderHtmlReport,
  scriptSafeJson,
  toHtmlReport,
} from "../../../src/report/html.ts";
import { toMutationTestReport } from "../../../src/report/json.ts";
import { makeResult } from "./fixture.ts";

const HOSTILE = "const s = '</script><script>alert(1)</script><!-- -->\u2028\u2029 & </SCRIPT >';";

/** The JSON literal assigned to the app's `report` property. */
function embeddedJson(html: string): string {
  return html.slice(html.indexOf(".report = ") + ".report = ".length, html.lastIndexOf(";</script>"));
}

describe("html", () => {
  test("the elements bundle is the installed mutation-testing-elements, inlined; no URL is loaded", async () => {
    const bundle = await loadElementsBundle();
    const installed = readFileSync(
      createRequire(import.meta.url).resolve("mutation-testing-elements/dist/mutation-test-elements.js"),
      "utf8",
    );
    expect(bundle).toBe(installed);
    const html = await toHtmlReport(makeResult(), { env: {} });
    expect(html).toContain(bundle);
    expect(html).not.toMatch(/<script[^>]*\ssrc="https?:/);
    expect(html).not.toContain("unpkg");
  });

  test("source with </script>, <!-- and line separators cannot close the script or inject", async () => {
    const result = makeResult();
    result.files[0]!.source = HOSTILE;
    const html = await toHtmlReport(result, { env: {} });
    const json = embeddedJson(html);
    expect(json).not.toMatch(/<|>|\u2028|\u2029/);
    // Exactly two script elements end: the bundle's and the report's.
    expect(html.match(/<\/script/gi)?.length).toBe(2);
    expect(JSON.parse(json).files["src/math.ts"].source).toBe(HOSTILE);
    // It is also a JavaScript expression with the same value (what the browser evaluates).
    expect(new Function(`return ${json};`)().files["src/math.ts"].source).toBe(HOSTILE);
  });

  test.each([
    ["</script>", "\\u003c/script\\u003e"],
    ["<!--", "\\u003c!--"],
    ["a & b", "a \\u0026 b"],
    ["\u2028\u2029", "\\u2028\\u2029"],
  ])("scriptSafeJson escapes %p", (input, escaped) => {
    expect(scriptSafeJson(input)).toBe(`"${escaped}"`);
    expect(JSON.parse(scriptSafeJson(input))).toBe(input);
  });

  test("inlineScript: inline when safe, a base64 data: URL when the code names a script tag", () => {
    expect(inlineScript("var a = 1 < 2;")).toBe("<script>var a = 1 < 2;</script>");
    const risky = 'document.write("</script>")';
    const tag = inlineScript(risky);
    expect(tag).not.toContain('</script>")');
    const src = /src="data:text\/javascript;base64,([^"]+)"/.exec(tag)?.[1];
    expect(Buffer.from(src!, "base64").toString("utf8")).toBe(risky);
  });

  test("renderHtmlReport: one page with the app element titled for gremlins", () => {
    const html = renderHtmlReport(toMutationTestReport(makeResult(), { env: {} }), "/*bundle*/");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("<script>/*bundle*/</script>");
    expect(html).toContain('<mutation-test-report-app title-postfix="gremlins">');
    expect(html.indexOf("/*bundle*/")).toBeLessThan(html.indexOf(".report = "));
  });
});
