// Arithmetic operator: swaps + and -, * and /, and turns % into *; leaves string concatenation alone.
import type { Operator } from "../operator.ts";
import { expressionMutation, isStringTyped, swapOperator } from "./_syntax.ts";

const SWAPS = new Map<string, string>([
  ["+", "-"],
  ["-", "+"],
  ["*", "/"],
  ["/", "*"],
  ["%", "*"],
]);

export const arithmeticOperator: Operator = {
  name: "arithmetic",
  nodeTypes: ["BinaryExpression"],
  description: "Swaps arithmetic operators: + and -, * and /, % to *",
  mutate(node, ctx) {
    if (node.type !== "BinaryExpression") return [];
    const to = SWAPS.get(node.operator);
    if (to === undefined) return [];
    if (node.operator === "+" && (isStringTyped(node.left) || isStringTyped(node.right))) return [];
    const text = swapOperator(ctx, node, node.left, node.right, node.operator, to);
    if (text === null) return [];
    return [expressionMutation(ctx, node, text, `Replaced ${node.operator} with ${to}`)];
  },
};
