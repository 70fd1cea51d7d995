// Call statement: removes a statement that only calls something (`save(x);`, `await flush();`).
import type { Node, Operator } from "../operator.ts";
import { parentOf, statementMutation, unwrapParens } from "./_syntax.ts";

/** Parents whose statements sit in a list, where an empty replacement is a valid statement list. */
const STATEMENT_LISTS = new Set(["Program", "BlockStatement", "StaticBlock", "SwitchCase"]);

function calledExpression(expression: Node): Node | null {
  let inner = unwrapParens(expression);
  if (inner.type === "AwaitExpression") inner = unwrapParens(inner.argument);
  if (inner.type === "ChainExpression") inner = inner.expression;
  return inner.type === "CallExpression" ? inner : null;
}

export const callStatementOperator: Operator = {
  name: "call-statement",
  nodeTypes: ["ExpressionStatement"],
  description: "Removes statements that only call a function",
  mutate(node, ctx) {
    if (node.type !== "ExpressionStatement" || node.directive != null) return [];
    const call = calledExpression(node.expression);
    if (call?.type !== "CallExpression") return [];
    const callee = call.callee;
    if (callee.type === "Super") return [];
    if (callee.type === "Identifier" && callee.name === "require") return [];
    const parent = parentOf(ctx);
    // The only statement of a block: emptying the block (block operator) is the same gremlin.
    if (parent?.type === "BlockStatement" && parent.body.length === 1) return [];
    const replacement = parent && STATEMENT_LISTS.has(parent.type) ? "" : "{}";
    return [statementMutation(node.start, node.end, replacement, "Removed call statement")];
  },
};
