// Regex: mutates regular-expression literals and `new RegExp("...")` patterns with weapon-regex's level-1
// mutators (as StrykerJS does; common syntax is handled by regex-level1.ts); flags are kept, unparsable patterns left alone.
import { mutate as mutatePattern } from "weapon-regex";
import type { Mutation } from "../../types.ts";
import type { Node, Operator, OperatorContext } from "../operator.ts";
import { level1Mutants, type PatternMutant } from "./regex-level1.ts";
import { expressionMutation, isRegExpLiteral, isStringLiteral, parentOf, quoteOf, quoteString } from "./_syntax.ts";

/** Level 1 mutators only, as StrykerJS does: the ones most likely to expose a weak test (regex-level1.ts mirrors them). */
const OPTIONS = { mutationLevels: [1] };

/**
 * Longer patterns are left alone: they are generated tables (e.g. a 3,000-character unicode class in
 * consola took weapon-regex 5 s and gave 427 near-identical gremlins), not logic a test pins down.
 */
export const MAX_PATTERN_LENGTH = 300;

/**
 * Characters at least one of which a pattern needs for a level-1 mutant: `^` `$` (anchor removal),
 * `[` (class negation), `\` (`\d`/`\p{…}` negation), `*` `+` `?` `{` (quantifier removal), `(` (lookaround
 * negation). Patterns without any (`%20`, `a.b|c`) are plain text to weapon-regex, whose parser costs
 * ~0.1–0.5 ms a call, so they are skipped up front.
 */
const LEVEL_1_SYNTAX = /[\^$[\\*+?{(]/;

/** weapon-regex's level-1 mutants (computed here for common syntax); [] when it cannot parse the pattern. */
function weaponRegexMutants(pattern: string, flags: string): readonly PatternMutant[] {
  const direct = level1Mutants(pattern, flags);
  if (direct !== null) return direct;
  try {
    return mutatePattern(pattern, flags, OPTIONS);
  } catch {
    return [];
  }
}

function patternMutants(pattern: string, flags: string): PatternMutant[] {
  if (pattern.length > MAX_PATTERN_LENGTH || !LEVEL_1_SYNTAX.test(pattern)) return [];
  const mutants = weaponRegexMutants(pattern, flags);
  const seen = new Set<string>([pattern]);
  const result: PatternMutant[] = [];
  for (const mutant of mutants) {
    // An empty pattern is written `(?:)`: `//` would start a comment, `""` is string-literal's gremlin.
    const next = mutant.pattern === "" ? "(?:)" : mutant.pattern;
    if (seen.has(next)) continue;
    try {
      new RegExp(next, flags);
    } catch {
      continue;
    }
    seen.add(next);
    // weapon-regex prefixes its descriptions with a location such as "[0:1, 0:2) ".
    result.push({ pattern: next, description: `Regex: ${mutant.description.replace(/^\[[^\]]*\)\s*/, "")}` });
  }
  return result;
}

/** The flags of `new RegExp(pattern, flags)` when they are known statically; null otherwise. */
function constructorFlags(node: Node, ctx: OperatorContext): string | null {
  const parent = parentOf(ctx);
  if (ctx.key !== "arguments" || (parent?.type !== "NewExpression" && parent?.type !== "CallExpression")) return null;
  if (parent.callee.type !== "Identifier" || parent.callee.name !== "RegExp" || parent.arguments[0] !== node)
    return null;
  const flags = parent.arguments[1];
  if (flags === undefined) return "";
  return isStringLiteral(flags) ? flags.value : null;
}

export const regexOperator: Operator = {
  name: "regex",
  nodeTypes: ["Literal"],
  description: 'Mutates regular expressions (literals and new RegExp("...")) with weapon-regex',
  mutate(node, ctx) {
    if (isRegExpLiteral(node)) {
      const { pattern, flags } = node.regex;
      return patternMutants(pattern, flags).map((m): Mutation =>
        expressionMutation(ctx, node, `/${m.pattern}/${flags}`, m.description),
      );
    }
    if (isStringLiteral(node)) {
      const flags = constructorFlags(node, ctx);
      if (flags === null) return [];
      const quote = quoteOf(ctx, node);
      return patternMutants(node.value, flags).map((m): Mutation =>
        expressionMutation(ctx, node, quoteString(m.pattern, quote), m.description),
      );
    }
    return [];
  },
};
