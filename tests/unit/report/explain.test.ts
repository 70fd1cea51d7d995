// `gremlins explain` text over a report: lookup by id or unique prefix, nearest ids for typos, and
// the explanation of each kind of verdict (diff, why, tests, killer, cache state).
import { describe, expect, test } from "bun:test";
import { GremlinsError } from "../../../src/errors.ts";
import { findMutant, formatExplanation, nearestIds } from "../../../src/report/explain.ts";
import { toMutationTestReport } from "../../../src/report/json.ts";
import { makeResult } from "./fixture.ts";

const result = makeResult();
result.outcomes.get("id-1")!.cached = true;
const report = toMutationTestReport(result, { env: {} });
const explain = (id: string): string => formatExplanation(report, findMutant(report, id), { color: false });

describe("findMutant", () => {
  test("by id, in any file", () => {
    expect(findMutant(report, "id-7").file).toBe("src/greet.js");
  });

  test("unknown id → GremlinsError (exit 2) naming the nearest ids", () => {
    let error: unknown;
    try {
      findMutant(report, "id-9", "r.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GremlinsError);
    expect((error as GremlinsError).exitCode).toBe(2);
    expect((error as Error).message).toBe(
      'no gremlin with id "id-9" in r.json (8 gremlins); nearest ids: id-1, id-2, id-3',
    );
  });

  test("a prefix of at least 4 characters selects a unique id; an ambiguous one is an error", () => {
    const ids = ["abcdef123456", "abcdff000000"];
    const r = structuredClone(report);
    r.files["src/math.ts"]!.mutants[0]!.id = ids[0]!;
    r.files["src/math.ts"]!.mutants[1]!.id = ids[1]!;
    expect(findMutant(r, "abcde").mutant.id).toBe(ids[0]!);
    expect(() => findMutant(r, "abcd")).toThrow(
      'gremlin id "abcd" is ambiguous in the report: abcdef123456, abcdff000000',
    );
    expect(() => findMutant(r, "abc")).toThrow(/no gremlin with id "abc"/);
  });
});

describe("nearestIds", () => {
  test("shared prefix first, then edit distance", () => {
    expect(nearestIds("3b4364adbc75", ["3b4364adbc74", "3303317d32a2", "ffffffffffff", "3b43aaaaaaaa"])).toEqual([
      "3b4364adbc74",
      "3b43aaaaaaaa",
      "3303317d32a2",
    ]);
  });
});

describe("formatExplanation", () => {
  test("killed: diff, the killing test with its file, covering tests, tests run, duration, cached", () => {
    expect(explain("id-1")).toBe(
      [
        "Gremlin id-1  Killed",
        "  src/math.ts:2:10  ArithmeticOperator  ArithmeticOperator: a + b → a - b",
        "",
        "  2 -   return a + b;",
        "  2 +   return a - b;",
        "",
        "Status:     Killed",
        "Why:        a test failed with the gremlin active",
        "Covered by: 2 tests",
        "              - add > adds (test/math.test.ts)",
        "              - isAdult > adults (test/math.test.ts)",
        "Tests run:  1",
        "Killed by:  add > adds (test/math.test.ts)",
        "Duration:   12 ms",
        "Cache:      cached (verdict reused from an earlier run)",
        "",
      ].join("\n"),
    );
  });

  test.each([
    [
      "id-2",
      [
        "Survived",
        "Why:        every test that ran passed with the gremlin active",
        "Covered by: 1 test",
        "Cache:      not cached",
      ],
    ],
    [
      "id-4",
      [
        "Timeout",
        "Why:        the tests did not finish with the gremlin active: hit limit 1000 (counted as detected)",
        "  1 + export function add(a: number, b: number) {}",
      ],
    ],
    ["id-5", ["Ignored", "Why:        not tested: gremlins-disable-next-line"]],
    ["id-6", ["NoCoverage", "Why:        no test reached this code", "Covered by: no test"]],
    ["id-8", ["RuntimeError", "not the gremlin's: worker crashed: out of memory"]],
  ])("%s explains its verdict", (id, expected) => {
    const text = explain(id);
    for (const part of expected) expect(text).toContain(part);
  });

  test("no per-test coverage recorded: says so instead of listing nothing", () => {
    const r = structuredClone(report);
    delete r.files["src/math.ts"]!.mutants[1]!.coveredBy;
    const text = formatExplanation(r, findMutant(r, "id-2"), { color: false });
    expect(text).toContain("Covered by: not recorded");
    expect(text).not.toContain("Killed by:");
  });
});
