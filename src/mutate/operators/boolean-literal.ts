// Boolean literal: true becomes false and false becomes true.
import type { Operator } from "../operator.ts";
import { expressionMutation, isBooleanLiteral } from "./_syntax.ts";

export const booleanLiteralOperator: Operator = {
  name: "boolean-literal",
  nodeTypes: ["Literal"],
  description: "Flips true and false",
  mutate(node, ctx) {
    if (!isBooleanLiteral(node)) return [];
    const to = node.value ? "false" : "true";
    return [expressionMutation(ctx, node, to, `Replaced ${String(node.value)} with ${to}`)];
  },
};
