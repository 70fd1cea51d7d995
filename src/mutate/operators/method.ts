// Method expression: swaps paired methods (startsWith/endsWith, some/every, min/max ...) and removes
// calls that only narrow or reorder a value (`a.filter(f)` → `a`), after StrykerJS's MethodExpression.
import type { CallExpression } from "oxc-parser";
import type { Mutation } from "../../types.ts";
import type { Node, Operator, OperatorContext } from "../operator.ts";
import { expressionMutation } from "./_syntax.ts";

const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["startsWith", "endsWith"],
  ["some", "every"],
  ["min", "max"],
  ["toUpperCase", "toLowerCase"],
  ["toLocaleUpperCase", "toLocaleLowerCase"],
  ["trimStart", "trimEnd"],
];

const SWAPS = new Map<string, string>(
  PAIRS.flatMap(
    ([a, b]) =>
      [
        [a, b],
        [b, a],
      ] as const,
  ),
);

/** Methods whose call is replaced by the object they were called on. */
const REMOVED = new Set([
  "charAt",
  "filter",
  "slice",
  "sort",
  "reverse",
  "trim",
  "substring",
  "substr",
  "concat",
  "toSorted",
  "toReversed",
]);

/** Is this call a link strictly inside an optional chain (callee or object of another link)? */
function isInsideChain(call: Node, ctx: OperatorContext): boolean {
  let child: Node = call;
  for (let i = ctx.ancestors.length - 1; i >= 0; i--) {
    const parent = ctx.ancestors[i];
    if (parent.type === "ChainExpression") return true;
    const links =
      (parent.type === "MemberExpression" && parent.object === child) ||
      (parent.type === "CallExpression" && parent.callee === child) ||
      parent.type === "TSNonNullExpression";
    if (!links) return false;
    child = parent;
  }
  return false;
}

function mutateCall(call: CallExpression, site: Node, ctx: OperatorContext): Mutation[] {
  const callee = call.callee;
  if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier") return [];
  if (callee.object.type === "Super") return [];
  const name = callee.property.name;
  const swapped = SWAPS.get(name);
  if (swapped !== undefined) {
    const text =
      ctx.source.slice(site.start, callee.property.start) + swapped + ctx.source.slice(callee.property.end, site.end);
    return [expressionMutation(ctx, site, text, `Replaced ${name}() with ${swapped}()`)];
  }
  if (REMOVED.has(name)) return [expressionMutation(ctx, site, ctx.text(callee.object), `Removed call to ${name}()`)];
  return [];
}

export const methodOperator: Operator = {
  name: "method",
  nodeTypes: ["CallExpression", "ChainExpression"],
  description:
    "Swaps paired methods (startsWith/endsWith, some/every, min/max ...) and removes filter, slice, sort ...",
  mutate(node, ctx) {
    if (node.type === "ChainExpression") {
      return node.expression.type === "CallExpression" ? mutateCall(node.expression, node, ctx) : [];
    }
    if (node.type !== "CallExpression" || isInsideChain(node, ctx)) return [];
    return mutateCall(node, node, ctx);
  },
};
