// The --verify re-check in every report: the JSON report's top-level field (still schema-valid), the
// console lines (agreement, each disagreement with both verdicts, how to report it) and the Markdown summary.
import { describe, expect, test } from "bun:test";
import Ajv from "ajv";
import schema from "mutation-testing-report-schema/mutation-testing-report-schema.json" with { type: "json" };
import { formatConsoleReport } from "../../../src/report/console.ts";
import { toMutationTestReport } from "../../../src/report/json.ts";
import { toMarkdownReport } from "../../../src/report/markdown.ts";
import type { RunResult, Verification } from "../../../src/types.ts";
import { makeResult } from "./fixture.ts";

const verification: Verification = {
  requested: "100%",
  available: 4,
  sampled: 4,
  checked: 4,
  agreed: 3,
  equivalent: 0,
  disagreements: [{ id: "id-2", thread: "Survived", spawn: "Killed", spawnReason: "math > adds" }],
  filesRerun: ["src/math.ts"],
  durationMs: 1234,
  stopped: "complete",
};
const withVerification = (): RunResult => ({ ...makeResult(), verification });

describe("verification in the reports", () => {
  test("JSON: a top-level `verification` field, and the report stays schema-valid", () => {
    const report = toMutationTestReport(withVerification()) as unknown as Record<string, unknown>;
    expect(report.verification).toEqual(verification);
    const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(schema);
    expect(validate(report)).toBe(true);
  });

  test("JSON: no field when --verify did not run", () => {
    expect("verification" in (toMutationTestReport(makeResult()) as object)).toBe(false);
  });

  test("console: the agreement line, both verdicts of each disagreement, and how to report it", () => {
    const text = formatConsoleReport(withVerification(), { color: false });
    expect(text).toContain(
      "Verified 4 of 4 thread verdicts with the spawn executor: 3 agree, 75.0%, in 1.2 s. 1 disagree. The spawn verdicts of src/math.ts count.",
    );
    expect(text).toContain("  id-2: thread Survived, spawn Killed (math > adds)");
    expect(text).toContain("gremlins explain id-2");
  });

  test("markdown: the agreement line and each disagreement", () => {
    const md = toMarkdownReport(withVerification());
    expect(md).toContain("⚠️ Verified 4 of 4 thread verdicts");
    expect(md).toContain("- `id-2`: thread Survived, spawn Killed");
  });
});
