// Conditional: forces the tests of if / ternary to true and false, and of loops to false (StrykerJS's ConditionalExpression).
import type { Mutation } from "../../types.ts";
import type { Operator } from "../operator.ts";
import { expressionMutation, isBooleanLiteral, parentOf, unwrapParens } from "./_syntax.ts";

/** Which forced values make sense per owner of the test: a loop forced to `true` would never end. */
const FORCED = new Map<string, readonly boolean[]>([
  ["IfStatement", [true, false]],
  ["ConditionalExpression", [true, false]],
  ["WhileStatement", [false]],
  ["DoWhileStatement", [false]],
  ["ForStatement", [false]],
]);

const OWNER_NAMES: Record<string, string> = {
  IfStatement: "if condition",
  ConditionalExpression: "ternary condition",
  WhileStatement: "while condition",
  DoWhileStatement: "do-while condition",
  ForStatement: "for condition",
};

export const conditionalOperator: Operator = {
  name: "conditional",
  keys: ["test"],
  description: "Forces conditions of if, ternaries and loops to true or false",
  mutate(node, ctx) {
    if (ctx.key !== "test") return [];
    const owner = parentOf(ctx);
    const values = owner ? FORCED.get(owner.type) : undefined;
    if (!owner || !values) return [];
    // A literal true/false test is already flipped by boolean-literal.
    if (isBooleanLiteral(unwrapParens(node))) return [];
    return values.map((value): Mutation =>
      expressionMutation(ctx, node, String(value), `Replaced ${OWNER_NAMES[owner.type]} with ${value}`),
    );
  },
};
