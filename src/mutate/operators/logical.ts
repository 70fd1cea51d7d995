// Logical operator: swaps && and ||, turns ?? into &&; adds parentheses where precedence demands.
import type { Node, Operator } from "../operator.ts";
import { expressionMutation, findOperator, parentOf, spliceOperator } from "./_syntax.ts";

const SWAPS = new Map<string, string>([
  ["&&", "||"],
  ["||", "&&"],
  ["??", "&&"],
]);

function isLogical(node: Node | undefined, op: string): boolean {
  return node?.type === "LogicalExpression" && node.operator === op;
}

export const logicalOperator: Operator = {
  name: "logical",
  nodeTypes: ["LogicalExpression"],
  description: "Swaps && and ||, replaces ?? with &&",
  mutate(node, ctx) {
    if (node.type !== "LogicalExpression") return [];
    const to = SWAPS.get(node.operator);
    if (to === undefined) return [];
    const at = findOperator(ctx.source, node.left.end, node.right.start, node.operator);
    if (at < 0) return [];
    let text = spliceOperator(ctx.source, node, at, node.operator.length, to);
    if (node.operator === "??" && isLogical(node.left, "??")) {
      // `a ?? b ?? c` → `(a ?? b) && c`: ?? and && cannot mix without parentheses.
      const leftEnd = node.left.end - node.start;
      text = `(${text.slice(0, leftEnd)})${text.slice(leftEnd)}`;
    }
    const parent = parentOf(ctx);
    // `a && b && c` with the inner && turned into || must stay `(a || b) && c`; ?? cannot mix with &&.
    if ((to === "||" && isLogical(parent, "&&")) || (node.operator === "??" && isLogical(parent, "??")))
      text = `(${text})`;
    return [expressionMutation(ctx, node, text, `Replaced ${node.operator} with ${to}`)];
  },
};
