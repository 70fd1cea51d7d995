// Arrow body: an arrow function's expression body becomes `undefined` (`x => x * 2` → `x => undefined`).
import type { Operator } from "../operator.ts";
import { expressionMutation, isUndefinedLike, parentOf } from "./_syntax.ts";

export const arrowBodyOperator: Operator = {
  name: "arrow-body",
  keys: ["body"],
  description: "Makes arrow functions with an expression body return undefined",
  mutate(node, ctx) {
    const parent = parentOf(ctx);
    if (ctx.key !== "body" || parent?.type !== "ArrowFunctionExpression" || !parent.expression) return [];
    if (isUndefinedLike(node)) return [];
    return [expressionMutation(ctx, node, "undefined", "Replaced arrow function body with undefined")];
  },
};
