// Flaky tests in every report: the JSON report's top-level `flakyTests` (still schema-valid) and the
// mutant's reason, the console lines, the Markdown summary and the HTML page's summary block.
import { describe, expect, test } from "bun:test";
import Ajv from "ajv";
import schema from "mutation-testing-report-schema/mutation-testing-report-schema.json" with { type: "json" };
import { formatConsoleReport } from "../../../src/report/console.ts";
import { renderHtmlReport } from "../../../src/report/html.ts";
import { toMutationTestReport } from "../../../src/report/json.ts";
import { toMarkdownReport } from "../../../src/report/markdown.ts";
import type { FlakyTest, RunResult } from "../../../src/types.ts";
import { makeResult } from "./fixture.ts";

function withFlaky(): { result: RunResult; killed: string; flaky: FlakyTest[] } {
  const result = makeResult();
  const killed = [...result.outcomes.values()].find((o) => o.status === "Killed")?.id as string;
  const flaky: FlakyTest[] = [
    { name: "add > <adds>", detail: "passed in one of 2 baseline runs and failed in another", gremlins: [killed] },
    { name: null, detail: "passed in one of 2 baseline runs and failed in another", gremlins: [] },
  ];
  return { result: { ...result, flakyTests: flaky }, killed, flaky };
}

describe("flaky tests in the reports", () => {
  test("JSON: a top-level `flakyTests` field, the resting verdict's reason says so, and the report stays schema-valid", () => {
    const { result, killed, flaky } = withFlaky();
    const report = toMutationTestReport(result) as unknown as {
      flakyTests: unknown;
      files: Record<string, { mutants: { id: string; statusReason?: string }[] }>;
    };
    expect(report.flakyTests).toEqual(flaky);
    const mutant = Object.values(report.files)
      .flatMap((f) => f.mutants)
      .find((m) => m.id === killed);
    expect(mutant?.statusReason).toContain("a flaky test");
    expect(new Ajv({ allErrors: true, validateFormats: false }).compile(schema)(report)).toBe(true);
    expect("flakyTests" in (toMutationTestReport(makeResult()) as object)).toBe(false);
  });

  test("console: each flaky test named, with the gremlins resting on it", () => {
    const { result, killed } = withFlaky();
    const text = formatConsoleReport(result, { color: false });
    expect(text).toContain("Flaky tests (2): their result changed between baseline runs with no gremlin active.");
    expect(text).toContain(
      `"add > <adds>" passed in one of 2 baseline runs and failed in another; 1 gremlin was Killed by it alone, so by chance perhaps: ${killed}.`,
    );
    expect(text).toContain(
      "an unnamed test (the runner's output did not say which) passed in one of 2 baseline runs and failed in another; no verdict rests on it alone.",
    );
    expect(formatConsoleReport(makeResult(), { color: false })).not.toContain("Flaky");
  });

  test("markdown: a section naming them", () => {
    const md = toMarkdownReport(withFlaky().result);
    expect(md).toContain("### ⚠️ Flaky tests (2)");
    expect(md).toContain('- "add > <adds>" passed in one of 2 baseline runs');
  });

  test("HTML: a summary block above the viewer, escaped", () => {
    const { result } = withFlaky();
    const page = renderHtmlReport(toMutationTestReport(result), "/* bundle */");
    expect(page).toContain('<section id="gremlins-summary"');
    expect(page).toContain("Flaky test &#34;add &#62; &#60;adds&#62;&#34; passed in one of 2 baseline runs");
    expect(renderHtmlReport(toMutationTestReport(makeResult()), "")).not.toContain("gremlins-summary");
  });
});
