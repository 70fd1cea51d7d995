// Equality operator: boundary shifts (< to <= ...) and negations (< to >=, === to !==), as StrykerJS does.
import type { Operator } from "../operator.ts";
import { expressionMutation, swapOperator } from "./_syntax.ts";

const SWAPS = new Map<string, readonly string[]>([
  ["<", ["<=", ">="]],
  ["<=", ["<", ">"]],
  [">", [">=", "<="]],
  [">=", [">", "<"]],
  ["==", ["!="]],
  ["!=", ["=="]],
  ["===", ["!=="]],
  ["!==", ["==="]],
]);

export const equalityOperator: Operator = {
  name: "equality",
  nodeTypes: ["BinaryExpression"],
  description: "Shifts comparison boundaries (< to <=) and negates comparisons (< to >=, === to !==)",
  mutate(node, ctx) {
    if (node.type !== "BinaryExpression") return [];
    const targets = SWAPS.get(node.operator) ?? [];
    return targets.flatMap((to) => {
      const text = swapOperator(ctx, node, node.left, node.right, node.operator, to);
      return text === null ? [] : [expressionMutation(ctx, node, text, `Replaced ${node.operator} with ${to}`)];
    });
  },
};
