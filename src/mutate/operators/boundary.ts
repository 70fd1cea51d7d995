// Boundary (from pytest-gremlins): a number compared with < <= > >= moves by one each way
// (`x < 10` → `x < 9` and `x < 11`), catching off-by-one limits the tests never probe.
import type { Mutation } from "../../types.ts";
import type { Node, Operator, OperatorContext } from "../operator.ts";
import { expressionMutation, isBigIntLiteral, isNumericLiteral } from "./_syntax.ts";

const COMPARISONS = new Set(["<", "<=", ">", ">="]);

/** Is `node` (possibly under parentheses and a sign) an operand of a relational comparison? */
function isComparisonOperand(node: Node, ctx: OperatorContext): boolean {
  let child: Node = node;
  for (let i = ctx.ancestors.length - 1; i >= 0; i--) {
    const parent = ctx.ancestors[i];
    if (
      parent.type === "ParenthesizedExpression" ||
      (parent.type === "UnaryExpression" && (parent.operator === "-" || parent.operator === "+"))
    ) {
      child = parent;
      continue;
    }
    return (
      parent.type === "BinaryExpression" &&
      COMPARISONS.has(parent.operator) &&
      (parent.left === child || parent.right === child)
    );
  }
  return false;
}

/** Decimal places written in a plain decimal literal (`1.50` → 2); null for hex, exponents, legacy octal. */
function decimalPlaces(raw: string): number | null {
  const plain = raw.replace(/_/g, "");
  if (!/^(\d+\.?\d*|\.\d+)$/.test(plain) || /^0\d/.test(plain)) return null;
  const dot = plain.indexOf(".");
  return dot < 0 ? 0 : plain.length - dot - 1;
}

function shiftedNumbers(value: number, raw: string): string[] {
  if (!Number.isFinite(value)) return [];
  const places = decimalPlaces(raw);
  // Beyond double precision ±1 changes nothing, so there is no gremlin to plant.
  const shifted = [value - 1, value + 1].filter((n) => n !== value);
  // toFixed keeps the written precision: 1.1 - 1 is 0.10000000000000009, written back as 0.1.
  return shifted.map((n) => (places === null || places > 20 ? String(n) : n.toFixed(places)));
}

export const boundaryOperator: Operator = {
  name: "boundary",
  nodeTypes: ["Literal"],
  description: "Moves numbers compared with < <= > >= by one each way (x < 10 → x < 9, x < 11)",
  mutate(node, ctx) {
    let replacements: string[];
    if (isBigIntLiteral(node)) {
      const value = BigInt(node.bigint);
      replacements = [`${value - 1n}n`, `${value + 1n}n`];
    } else if (isNumericLiteral(node)) {
      replacements = shiftedNumbers(node.value, ctx.text(node));
    } else {
      return [];
    }
    if (!isComparisonOperand(node, ctx)) return [];
    const original = ctx.text(node);
    return replacements.map((text): Mutation =>
      expressionMutation(ctx, node, text, `Changed boundary ${original} to ${text}`),
    );
  },
};
