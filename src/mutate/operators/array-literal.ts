// Array literal: `[a, b]` → `[]`, `[]` → `["gremlin"]`, `new Array(a, b)` → `new Array()`.
import type { Operator } from "../operator.ts";
import { expressionMutation } from "./_syntax.ts";

export const arrayLiteralOperator: Operator = {
  name: "array-literal",
  nodeTypes: ["ArrayExpression", "NewExpression", "CallExpression"],
  description: "Empties array literals and fills empty ones",
  mutate(node, ctx) {
    if (node.type === "ArrayExpression") {
      if (node.elements.length > 0) return [expressionMutation(ctx, node, "[]", "Emptied array literal")];
      return [expressionMutation(ctx, node, '["gremlin"]', "Filled empty array literal")];
    }
    if ((node.type === "NewExpression" || node.type === "CallExpression") && node.arguments.length > 0) {
      const callee = node.callee;
      if (callee.type !== "Identifier" || callee.name !== "Array") return [];
      if (node.type === "CallExpression" && node.optional) return [];
      const head = ctx.source.slice(node.start, node.typeArguments?.end ?? callee.end);
      return [expressionMutation(ctx, node, `${head}()`, "Removed Array constructor arguments")];
    }
    return [];
  },
};
