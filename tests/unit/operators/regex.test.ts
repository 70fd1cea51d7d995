import { describe, expect, test } from "bun:test";
import { regexOperator } from "../../../src/mutate/operators/regex.ts";
import { apply, mutationsOf, type Pair } from "./_apply.ts";
import { MAX_PATTERN_LENGTH } from "../../../src/mutate/operators/regex.ts";
import { mutate as mutatePattern } from "weapon-regex";

const cases: Array<[string, Pair[]]> = [
  ["x = /a+/g", [["/a+/g", "/a/g"]]],
  [
    "x = /^ab$/",
    [
      ["/^ab$/", "/ab$/"],
      ["/^ab$/", "/^ab/"],
    ],
  ],
  ["x = /[xy]/i", [["/[xy]/i", "/[^xy]/i"]]],
  ['x = new RegExp("a+")', [['"a+"', '"a"']]],
  [
    "x = new RegExp('\\\\d+', 'g')",
    [
      ["'\\\\d+'", "'\\\\d'"],
      ["'\\\\d+'", "'\\\\D+'"],
    ],
  ],
  ['x = RegExp("^é")', [['"^é"', '"é"']]],
  ["x = /a?/", [["/a?/", "/a/"]]],
  [
    "x = /^$/",
    [
      ["/^$/", "/$/"],
      ["/^$/", "/^/"],
    ],
  ],
  ["x = /[/]x/", [["/[/]x/", "/[^/]x/"]]],
];

describe("regex", () => {
  test.each(cases)("%s", (source, expected) => {
    expect(apply(regexOperator, source)).toEqual(expected);
  });
  test.each(["x = new RegExp(p)", 'x = new RegExp("a+", flags)', "x = new RegExp(`a+`)", 'x = "a+"', "x = /abc/"])(
    "leaves %s alone",
    (source) => {
      expect(apply(regexOperator, source)).toEqual([]);
    },
  );
  test("describes the change without weapon-regex's location prefix", () => {
    const [m] = mutationsOf(regexOperator, "x = /a+/");
    expect(m.description).toStartWith("Regex: ");
    expect(m.description).not.toContain("[0:");
  });
  test("unsupported syntax gives no gremlins instead of throwing", () => {
    expect(() => mutationsOf(regexOperator, "x = /(?<n>a)\\k<n>/u")).not.toThrow();
  });
});

describe("regex: generated tables", () => {
  test("a pattern longer than MAX_PATTERN_LENGTH gives no gremlins (and does not take seconds)", () => {
    const long = "[" + "a-z0-9".repeat(Math.ceil(MAX_PATTERN_LENGTH / 6) + 1) + "]+";
    expect(long.length).toBeGreaterThan(MAX_PATTERN_LENGTH);
    expect(apply(regexOperator, `x = /${long}/`)).toEqual([]);
    expect(apply(regexOperator, `x = /${long.slice(0, 20)}]+/`).length).toBeGreaterThan(0);
  });
});

describe("regex: plain-text patterns skip weapon-regex", () => {
  // The operator skips patterns with none of ^ $ [ \ * + ? { ( without asking weapon-regex; this pins
  // the assumption that weapon-regex's level-1 mutators find nothing in them (an upgrade could change that).
  const plain = ["%20", "abc", "a.b", "a|b|c", "x-y", "é€", ".", "a/b", "}", ")", "]", "&#;", "a\u{1F600}b"];
  /** weapon-regex's level-1 mutant count; a pattern it rejects (throws on) counts as none, as in the operator. */
  const level1 = (pattern: string, flags: string): number => {
    try {
      return mutatePattern(pattern, flags, { mutationLevels: [1] }).length;
    } catch {
      return 0;
    }
  };
  test.each(plain)("weapon-regex has no level-1 mutant for %p", (pattern) => {
    for (const flags of ["", "g", "giu", "v"]) expect([flags, level1(pattern, flags)]).toEqual([flags, 0]);
  });
  test.each(plain)("the operator gives no gremlins for /%s/", (pattern) => {
    expect(apply(regexOperator, `x = new RegExp(${JSON.stringify(pattern)}, "g")`)).toEqual([]);
  });
});
