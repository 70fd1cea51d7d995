// Assignment operator: swaps compound assignments (+= and -=, *= and /=, &&= and ||= ...); skips string +=.
import type { Operator } from "../operator.ts";
import { expressionMutation, isStringTyped, swapOperator } from "./_syntax.ts";

const SWAPS = new Map<string, string>([
  ["+=", "-="],
  ["-=", "+="],
  ["*=", "/="],
  ["/=", "*="],
  ["%=", "*="],
  ["<<=", ">>="],
  [">>=", "<<="],
  ["&=", "|="],
  ["|=", "&="],
  ["&&=", "||="],
  ["||=", "&&="],
  ["??=", "&&="],
]);

export const assignmentOperator: Operator = {
  name: "assignment",
  nodeTypes: ["AssignmentExpression"],
  description: "Swaps compound assignments: += and -=, *= and /=, <<= and >>=, &= and |=, &&= and ||=, ??= to &&=",
  mutate(node, ctx) {
    if (node.type !== "AssignmentExpression") return [];
    const to = SWAPS.get(node.operator);
    if (to === undefined) return [];
    if (node.operator === "+=" && isStringTyped(node.right)) return [];
    const text = swapOperator(ctx, node, node.left, node.right, node.operator, to);
    if (text === null) return [];
    return [expressionMutation(ctx, node, text, `Replaced ${node.operator} with ${to}`)];
  },
};
