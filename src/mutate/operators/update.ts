// Update operator: swaps ++ and -- in both prefix and postfix position.
import type { Operator } from "../operator.ts";
import { expressionMutation } from "./_syntax.ts";

export const updateOperator: Operator = {
  name: "update",
  nodeTypes: ["UpdateExpression"],
  description: "Swaps ++ and --",
  mutate(node, ctx) {
    if (node.type !== "UpdateExpression") return [];
    const op = node.operator;
    const to = op === "++" ? "--" : "++";
    const text = ctx.text(node);
    if (node.prefix ? !text.startsWith(op) : !text.endsWith(op)) return [];
    const replacement = node.prefix ? to + text.slice(2) : text.slice(0, -2) + to;
    const where = node.prefix ? "prefix" : "postfix";
    return [expressionMutation(ctx, node, replacement, `Replaced ${where} ${op} with ${to}`)];
  },
};
