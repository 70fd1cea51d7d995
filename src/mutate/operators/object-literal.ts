// Object literal: a non-empty `{...}` becomes `{}`.
import type { Operator } from "../operator.ts";
import { expressionMutation } from "./_syntax.ts";

export const objectLiteralOperator: Operator = {
  name: "object-literal",
  nodeTypes: ["ObjectExpression"],
  description: "Empties object literals",
  mutate(node, ctx) {
    // Destructuring targets are ObjectPattern nodes, so only real literals reach here.
    if (node.type !== "ObjectExpression" || node.properties.length === 0) return [];
    return [expressionMutation(ctx, node, "{}", "Emptied object literal")];
  },
};
