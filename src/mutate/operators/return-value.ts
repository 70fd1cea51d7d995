// Return value (from pytest-gremlins): `return x` → `return undefined`.
// Not for `return true/false` (boolean-literal already flips those), nor for a function body's only
// statement (emptying that body, the block gremlin, is the same change).
import type { Operator } from "../operator.ts";
import { expressionMutation, isBooleanLiteral, isUndefinedLike, parentOf, unwrapParens } from "./_syntax.ts";

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

export const returnValueOperator: Operator = {
  name: "return-value",
  keys: ["argument"],
  description: "Makes return statements return undefined",
  mutate(node, ctx) {
    const statement = parentOf(ctx);
    if (ctx.key !== "argument" || statement?.type !== "ReturnStatement") return [];
    if (isUndefinedLike(node) || isBooleanLiteral(unwrapParens(node))) return [];
    const block = ctx.ancestors[ctx.ancestors.length - 2];
    const owner = ctx.ancestors[ctx.ancestors.length - 3];
    if (block?.type === "BlockStatement" && block.body.length === 1 && owner && FUNCTIONS.has(owner.type)) return [];
    return [expressionMutation(ctx, node, "undefined", "Replaced return value with undefined")];
  },
};
