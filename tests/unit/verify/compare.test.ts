import { describe, expect, test } from "bun:test";
import { compareVerdicts } from "../../../src/verify/compare.ts";
import { agreementPercent, formatDisagreements, formatVerification } from "../../../src/report/verification.ts";
import type { Verification } from "../../../src/types.ts";
import type { Outcome, Status } from "../../../src/types.ts";

const map = (entries: [string, Status, string?][]) =>
  new Map<string, Outcome>(
    entries.map(([id, status, statusReason]) => [id, { id, status, ...(statusReason ? { statusReason } : {}) }]),
  );

describe("compareVerdicts", () => {
  test("same status agrees, Killed vs Timeout is equivalent, anything else disagrees", () => {
    const thread = map([
      ["a", "Killed"],
      ["b", "Survived"],
      ["c", "Killed", "t1"],
      ["d", "Survived", "all passed"],
    ]);
    const spawn = map([
      ["a", "Killed"],
      ["b", "Survived"],
      ["c", "Timeout"],
      ["d", "Killed", "exit code 1"],
    ]);
    const result = compareVerdicts(["a", "b", "c", "d"], thread, spawn);
    expect(result).toEqual({
      checked: 4,
      agreed: 2,
      equivalent: 1,
      disagreements: [
        { id: "d", thread: "Survived", spawn: "Killed", threadReason: "all passed", spawnReason: "exit code 1" },
      ],
    });
    expect(agreementPercent(result)).toBe(75);
  });

  test("ids missing from either side are not counted", () => {
    expect(compareVerdicts(["a", "z"], map([["a", "Killed"]]), map([]))).toEqual({
      checked: 0,
      agreed: 0,
      equivalent: 0,
      disagreements: [],
    });
  });
});

describe("formatVerification", () => {
  const base: Verification = {
    requested: "default",
    available: 120,
    sampled: 20,
    checked: 20,
    agreed: 19,
    equivalent: 1,
    disagreements: [],
    filesRerun: [],
    durationMs: 3100,
    stopped: "complete",
  };
  const ms = (n: number) => `${(n / 1000).toFixed(1)} s`;
  test("all agree", () => {
    expect(formatVerification(base, ms)).toBe(
      "Verified 20 of 120 thread verdicts with the spawn executor: 20 agree (1 of them Killed in one executor, Timeout in the other), 100%, in 3.1 s.",
    );
  });
  test("a disagreement names the files whose spawn verdicts count, and how to report it", () => {
    const v: Verification = {
      ...base,
      agreed: 18,
      disagreements: [{ id: "abc123", thread: "Survived", spawn: "Killed" }],
      filesRerun: ["src/a.ts"],
    };
    expect(formatVerification(v, ms)).toMatch(
      /19 agree .*95\.0%.* 1 disagree\. The spawn verdicts of src\/a\.ts count\.$/,
    );
    expect(formatDisagreements(v)).toEqual([
      "  abc123: thread Survived, spawn Killed",
      "  This is a gremlins bug: please report it with the output of `gremlins explain abc123` (and the test file it names).",
    ]);
  });
  test("stopped by the time budget: how many of the sample were re-checked, and why it stopped", () => {
    const v: Verification = { ...base, checked: 7, agreed: 7, equivalent: 0, stopped: "deadline", budgetMs: 1300 };
    expect(formatVerification(v, ms)).toBe(
      "Verified 7 of 120 thread verdicts with the spawn executor: 7 agree, 100%, in 3.1 s. Stopped by the time budget (1.3 s, 15% of the thread run) after 7 of 20 sampled; --verify <n> re-checks n verdicts regardless.",
    );
  });
  test("the time budget ran out before the first re-check ended", () => {
    const v: Verification = { ...base, checked: 0, agreed: 0, equivalent: 0, stopped: "deadline", budgetMs: 400 };
    expect(formatVerification(v, ms)).toBe(
      "Verification: the time budget (0.4 s, 15% of the thread run) ran out before any of 20 sampled thread verdicts was re-checked with the spawn executor; --verify <n> re-checks n verdicts regardless.",
    );
  });
  test("nothing to check", () => {
    expect(formatVerification({ ...base, checked: 0, agreed: 0, equivalent: 0 }, ms)).toMatch(/no thread verdict/);
  });
});
