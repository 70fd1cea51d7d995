// Counting and scoring: the schema's / StrykerJS's definitions, per file and in total, cross-checked
// against mutation-testing-metrics (the library StrykerJS's reports use).
import { describe, expect, test } from "bun:test";
import { calculateMetrics } from "mutation-testing-metrics";
import { toMutationTestReport } from "../../../src/report/json.ts";
import {
  countStatuses,
  figuresOf,
  formatScore,
  scoreBand,
  summarize,
  type ReportStatus,
} from "../../../src/report/score.ts";
import { makeResult } from "./fixture.ts";

function repeat(status: ReportStatus, n: number): ReportStatus[] {
  return Array.from({ length: n }, () => status);
}

describe("figuresOf", () => {
  const cases: { name: string; statuses: ReportStatus[]; score: string; covered: string; valid: number }[] = [
    { name: "all killed", statuses: repeat("Killed", 4), score: "100.00", covered: "100.00", valid: 4 },
    {
      name: "killed + timeout are detected",
      statuses: [...repeat("Killed", 1), ...repeat("Timeout", 1), ...repeat("Survived", 2)],
      score: "50.00",
      covered: "50.00",
      valid: 4,
    },
    {
      name: "no coverage lowers the score, not the covered score",
      statuses: [...repeat("Killed", 3), ...repeat("NoCoverage", 1)],
      score: "75.00",
      covered: "100.00",
      valid: 4,
    },
    {
      name: "errors, ignored and pending are excluded",
      statuses: ["Killed", "Survived", "RuntimeError", "CompileError", "Ignored", "Pending"],
      score: "50.00",
      covered: "50.00",
      valid: 2,
    },
    { name: "two thirds", statuses: ["Killed", "Killed", "Survived"], score: "66.67", covered: "66.67", valid: 3 },
    { name: "all ignored → n/a", statuses: repeat("Ignored", 3), score: "n/a", covered: "n/a", valid: 0 },
    { name: "only runtime errors → n/a", statuses: repeat("RuntimeError", 2), score: "n/a", covered: "n/a", valid: 0 },
    { name: "nothing at all → n/a", statuses: [], score: "n/a", covered: "n/a", valid: 0 },
    {
      name: "all no coverage: 0 %, covered 0 % (as mutation-testing-metrics)",
      statuses: repeat("NoCoverage", 2),
      score: "0.00",
      covered: "0.00",
      valid: 2,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const f = figuresOf(countStatuses(c.statuses));
      expect(formatScore(f.mutationScore)).toBe(c.score);
      expect(formatScore(f.coveredScore)).toBe(c.covered);
      expect(f.valid).toBe(c.valid);
      expect(f.total).toBe(c.statuses.length);
    });
  }
});

describe("summarize", () => {
  test("per file and total counts of the fixture", () => {
    const s = summarize(makeResult());
    expect(s.files.map((f) => f.file)).toEqual(["src/math.ts", "src/greet.js"]);
    const [math, greet] = s.files;
    expect(math!.counts).toMatchObject({ Killed: 2, Survived: 1, Timeout: 1, Ignored: 1 });
    expect(math!.mutationScore).toBe(75);
    expect(greet!.counts).toMatchObject({ Survived: 1, NoCoverage: 1, RuntimeError: 1 });
    expect(greet!.mutationScore).toBe(0);
    expect(s.total.total).toBe(8);
    expect(s.total.detected).toBe(3);
    expect(s.total.valid).toBe(6);
    expect(s.total.mutationScore).toBe(50);
    expect(s.total.coveredScore).toBe(60);
  });

  test("a gremlin without outcome is Pending (or Ignored when disabled)", () => {
    const s = summarize(makeResult({ partial: true }));
    expect(s.total.counts.Pending).toBe(1);
    expect(s.total.counts.RuntimeError).toBe(0);
    expect(s.total.counts.Ignored).toBe(1);
  });

  test("agrees with mutation-testing-metrics on the JSON report", () => {
    for (const partial of [false, true]) {
      const result = makeResult({ partial });
      const ours = summarize(result);
      const theirs = calculateMetrics(toMutationTestReport(result).files);
      expect(ours.total.mutationScore).toBeCloseTo(theirs.metrics.mutationScore, 10);
      expect(ours.total.coveredScore).toBeCloseTo(theirs.metrics.mutationScoreBasedOnCoveredCode, 10);
      expect(ours.total.total).toBe(theirs.metrics.totalMutants);
      for (const file of ours.files) {
        const child = theirs.childResults
          .flatMap((c) => [c, ...c.childResults])
          .find((c) => c.file && file.file.endsWith(c.name));
        expect(child?.metrics.mutationScore).toBeCloseTo(file.mutationScore, 10);
      }
    }
  });
});

describe("scoreBand", () => {
  const thresholds = { high: 80, low: 60 };
  test.each([
    [100, "high"],
    [80, "high"],
    [79.99, "medium"],
    [60, "medium"],
    [59.9, "low"],
    [0, "low"],
    [Number.NaN, "none"],
  ] as const)("%p → %p", (score, band) => {
    expect(scoreBand(score, thresholds)).toBe(band);
  });
});
