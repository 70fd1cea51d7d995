// Unary operator: swaps +a and -a, drops ~ and ! (`!a` → `a`); never typeof, void or delete.
import type { Operator } from "../operator.ts";
import { expressionMutation, isBigIntLiteral, parentThroughParens, unwrapParens } from "./_syntax.ts";

export const unaryOperator: Operator = {
  name: "unary",
  nodeTypes: ["UnaryExpression"],
  description: "Swaps unary + and -, removes ! and ~",
  mutate(node, ctx) {
    if (node.type !== "UnaryExpression") return [];
    const op = node.operator;
    if (ctx.source[node.start] !== op[0]) return [];
    if (op === "+" || op === "-") {
      // `+1n` throws a TypeError: a crash, not a meaningful gremlin.
      if (op === "-" && isBigIntLiteral(unwrapParens(node.argument))) return [];
      const to = op === "+" ? "-" : "+";
      return [
        expressionMutation(
          ctx,
          node,
          to + ctx.source.slice(node.start + 1, node.end),
          `Replaced unary ${op} with ${to}`,
        ),
      ];
    }
    if (op === "!" || op === "~") {
      // In `!!a` removing either ! gives the same program: only the outer one is mutated.
      const parent = parentThroughParens(ctx);
      if (parent?.type === "UnaryExpression" && parent.operator === op) return [];
      return [expressionMutation(ctx, node, ctx.text(node.argument), `Removed unary ${op}`)];
    }
    return [];
  },
};
