// String literal: `"x"` → `""`, `""` → `"gremlin"`, templates likewise; never module names, JSX or tagged templates.
import type { Node, Operator, OperatorContext } from "../operator.ts";
import { expressionMutation, isStringLiteral, parentOf, quoteOf } from "./_syntax.ts";

function isMemberPath(node: Node, object: string, property: string): boolean {
  if (
    node.type !== "MemberExpression" ||
    node.computed ||
    node.property.type !== "Identifier" ||
    node.property.name !== property
  )
    return false;
  const target = node.object;
  if (object === "import.meta")
    return target.type === "MetaProperty" && target.meta.name === "import" && target.property.name === "meta";
  return target.type === "Identifier" && target.name === object;
}

/** Strings that name modules or belong to markup: changing them breaks loading, not logic. */
function isExcludedPlace(node: Node, ctx: OperatorContext): boolean {
  const parent = parentOf(ctx);
  if (!parent) return false;
  if (parent.type === "JSXAttribute") return true;
  if (parent.type === "TaggedTemplateExpression") return true;
  if (parent.type === "CallExpression" && ctx.key === "arguments" && parent.arguments[0] === node) {
    const callee = parent.callee;
    return isMemberPath(callee, "require", "resolve") || isMemberPath(callee, "import.meta", "resolve");
  }
  return false;
}

export const stringLiteralOperator: Operator = {
  name: "string-literal",
  nodeTypes: ["Literal", "TemplateLiteral"],
  description: 'Empties string and template literals, fills empty ones with "gremlin"',
  mutate(node, ctx) {
    if (isStringLiteral(node)) {
      if (isExcludedPlace(node, ctx)) return [];
      const quote = quoteOf(ctx, node);
      if (node.value === "" && node.end - node.start === 2) {
        return [expressionMutation(ctx, node, `${quote}gremlin${quote}`, "Filled empty string")];
      }
      return [expressionMutation(ctx, node, quote + quote, "Emptied string")];
    }
    if (node.type === "TemplateLiteral") {
      if (isExcludedPlace(node, ctx)) return [];
      const empty = node.expressions.length === 0 && node.quasis.every((q) => q.value.raw === "");
      if (empty) return [expressionMutation(ctx, node, "`gremlin`", "Filled empty template literal")];
      return [expressionMutation(ctx, node, "``", "Emptied template literal")];
    }
    return [];
  },
};
