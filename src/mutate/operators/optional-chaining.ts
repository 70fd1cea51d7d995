// Optional chaining: drops one `?.` of a chain (`a?.b` → `a.b`, `a?.[i]` → `a[i]`, `a?.()` → `a()`).
import type { Node, Operator, OperatorContext } from "../operator.ts";
import { expressionMutation, isNumericLiteral, skipTrivia } from "./_syntax.ts";

interface OptionalLink {
  /** Offset of the `?.` token. */
  at: number;
  /** `a?.b` keeps a dot; `a?.[i]` and `a?.()` lose both characters. */
  keepDot: boolean;
}

/** The `?.` tokens of this chain (not of nested chains in arguments or parentheses), outermost first. */
function optionalLinks(chain: Node, ctx: OperatorContext): OptionalLink[] {
  const links: OptionalLink[] = [];
  let current: Node | null = chain.type === "ChainExpression" ? chain.expression : null;
  while (current) {
    if (current.type === "MemberExpression") {
      if (current.optional) {
        const at = skipTrivia(ctx.source, current.object.end, current.property.start);
        // `1?.x` without the ? would read as the number `1.`.
        if (ctx.source.startsWith("?.", at) && !isNumericLiteral(current.object))
          links.push({ at, keepDot: !current.computed });
      }
      current = current.object;
    } else if (current.type === "CallExpression") {
      if (current.optional) {
        const at = skipTrivia(ctx.source, current.callee.end, current.end);
        if (ctx.source.startsWith("?.", at)) links.push({ at, keepDot: false });
      }
      current = current.callee;
    } else if (current.type === "TSNonNullExpression") {
      current = current.expression;
    } else {
      current = null;
    }
  }
  return links;
}

export const optionalChainingOperator: Operator = {
  name: "optional-chaining",
  nodeTypes: ["ChainExpression"],
  description: "Turns optional member access and calls into plain ones (a?.b → a.b)",
  mutate(node, ctx) {
    if (node.type !== "ChainExpression") return [];
    return optionalLinks(node, ctx)
      .reverse()
      .map(({ at, keepDot }) => {
        const text = ctx.source.slice(node.start, at) + (keepDot ? "." : "") + ctx.source.slice(at + 2, node.end);
        return expressionMutation(ctx, node, text, keepDot ? "Replaced ?. with ." : "Removed ?.");
      });
  },
};
