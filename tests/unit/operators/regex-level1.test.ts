// regex-level1 must give exactly weapon-regex's level-1 mutants (patterns, descriptions after the
// operator's prefix stripping, order) wherever it answers; elsewhere it must answer null.
import { describe, expect, test } from "bun:test";
import { mutate as mutatePattern } from "weapon-regex";
import { level1Mutants } from "../../../src/mutate/operators/regex-level1.ts";

/** The regex operator's stripping of weapon-regex's location prefix. */
const strip = (description: string): string => description.replace(/^\[[^\]]*\)\s*/, "");

function weaponRegex(pattern: string, flags: string): { pattern: string; description: string }[] | "throws" {
  try {
    return mutatePattern(pattern, flags, { mutationLevels: [1] }).map((m) => ({
      pattern: m.pattern,
      description: strip(m.description),
    }));
  } catch {
    return "throws";
  }
}

function direct(pattern: string, flags: string): { pattern: string; description: string }[] | null {
  return level1Mutants(pattern, flags)?.map((m) => ({ pattern: m.pattern, description: strip(m.description) })) ?? null;
}

/** Patterns with every construct the module reads, and the orders and quirks of weapon-regex it reproduces. */
const HANDLED = [
  "&#(\\d+);",
  "^\\?",
  "\\.",
  "\\+",
  "%[0-9a-f]{2}",
  "%u[0-9a-f]{4}",
  "[-_]",
  "^a$",
  "a+?b*c{2,3}",
  "x{2}?",
  "a{2,}",
  "a{0,1}?",
  "[^abc]",
  "[]",
  "[^]",
  "[a-]",
  "[-a]",
  "[\\]]",
  "[\\b]",
  "[\\d]",
  "[^\\d-z]",
  "[\\v]",
  "[.]",
  "[$]",
  "[^^]",
  "[)]+",
  "[(]+",
  "\\D\\W\\S",
  "\\v",
  "\\s*$",
  "^\\s*",
  "\\d$\\d",
  "[a]+\\d$",
  "\\d+[a]",
  "[a]\\d+",
  "a$b^c",
  "a^b$c",
  "$^",
  "\\x41+",
  "\\0",
  "\\n+",
  "\\^+",
  "\\$*?",
  "\\\\{2}",
  "\\/",
  "\\-",
  ".+",
  "(a|b)",
  "(a+)b+$",
  "(^)",
  "(?:^)",
  "(^|a)",
  "a|^",
  "^|a",
  "^|$",
  "(^$)",
  "a|^b|c$",
  "x(^)y",
  "[a]|^",
  "\\d+|^",
  "(\\d+|^)",
  "b(^|\\d+)c$",
  "$|a+",
  "((^))",
  "(^|,)\\s*upgrade\\s*($|,)",
  "^\\.\\.?(?:[/\\\\]|$)",
  "(^|[^\\\\])\\/\\*[\\s\\S]*?(?:\\*\\/|$)",
  "^(?:[a-z0-9-]+\\.)[a-z]{2,}$",
  "^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$",
  "\\s+",
  "[\\s,]+",
  "^#?([a-f\\d]{2})$",
];

/** Syntax left to weapon-regex. */
const DEFERRED: [string, string][] = [
  ["a+", "u"],
  ["a+", "v"],
  ["(?=a)b", ""],
  ["(?!a)b", ""],
  ["(?<=a)b", ""],
  ["(?<n>a)", ""],
  ["(a)\\1", ""],
  ["(a)+", ""],
  ["(?:ab)*", ""],
  ["\\)+", ""],
  ["\\u0041?", ""],
  ["\\bword\\b", ""],
  ["\\p{L}", ""],
  ["\\cA", ""],
  ["\\V", ""],
  ["é+", ""],
  ["", ""],
  ["a|", ""],
  ["()", ""],
  ["a{", ""],
  ["a{2, 3}", ""],
  ["^*", ""],
  ["a**", ""],
  ["[[a]]", ""],
  ["a]", ""],
  ["{2}", ""],
  ["\\08", ""],
  ["a/b", ""],
  ["^(?:[a-z]+\\.)+$", ""],
];

describe("level1Mutants", () => {
  test.each(HANDLED)("%p: weapon-regex's mutants, in its order", (pattern) => {
    for (const flags of ["", "gi", "m"])
      expect([pattern, flags, direct(pattern, flags)]).toEqual([pattern, flags, weaponRegex(pattern, flags) as never]);
  });

  test.each(DEFERRED)("%p (flags %p) is left to weapon-regex", (pattern, flags) => {
    expect(level1Mutants(pattern, flags)).toBeNull();
  });

  test("agrees with weapon-regex on random patterns (seeded)", () => {
    let seed = 20251122;
    const pick = <T>(items: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return items[seed % items.length]!;
    };
    const atoms = [
      "a",
      "Z",
      "0",
      "-",
      ",",
      "=",
      "/",
      " ",
      ".",
      "^",
      "$",
      "|",
      "\\.",
      "\\d",
      "\\W",
      "\\s",
      "\\v",
      "\\-",
      "\\(",
      "\\)",
      "\\]",
      "\\n",
      "\\0",
      "\\x7f",
      "\\b",
      "\\1",
    ];
    const inClass = [
      "a",
      "z",
      "-",
      "a-z",
      "^",
      "$",
      ".",
      "*",
      "(",
      ")",
      "|",
      "/",
      "\\d",
      "\\S",
      "\\b",
      "\\-",
      "\\]",
      "\\\\",
      "\\x20",
      "[",
    ];
    const quantifiers = ["", "", "", "*", "+", "?", "*?", "+?", "{2}", "{2,}", "{2,3}", "{2}?", "{,3}", "{"];
    const gen = (depth: number): string => {
      let out = "";
      for (let n = 1 + (seed % 4); n > 0; n--) {
        const shape = pick([0, 0, 0, 0, 1, 1, 2, 3]);
        let atom: string;
        if (shape === 0) atom = pick(atoms);
        else if (shape === 1) atom = `[${pick(["", "", "^"])}${pick(inClass)}${pick(inClass)}]`;
        else if (shape === 2 && depth < 2)
          atom = `${pick(["(", "(?:", "(?="])}${gen(depth + 1)}${pick(["", `|${gen(depth + 1)}`])})`;
        else atom = "|";
        out += atom === "|" ? atom : atom + pick(quantifiers);
      }
      return out;
    };
    let handled = 0;
    for (let i = 0; i < 1500; i++) {
      const pattern = gen(0);
      const flags = pick(["", "g", "i", "m", "u"]);
      const mine = direct(pattern, flags);
      if (mine === null) continue;
      handled++;
      expect([pattern, flags, mine]).toEqual([pattern, flags, weaponRegex(pattern, flags) as never]);
    }
    expect(handled).toBeGreaterThan(500);
  });
});
