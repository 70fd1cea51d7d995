// Tiny stand-in operators for the mutate-stage tests (independent of the real operator registry).
import type { Operator } from "../../../src/mutate/operator.ts";

export const arithmetic: Operator = {
  name: "arithmetic",
  description: "swap + and -",
  mutate(node, ctx) {
    if (node.type !== "BinaryExpression" || (node.operator !== "+" && node.operator !== "-")) return [];
    const swapped = node.operator === "+" ? "-" : "+";
    return [
      {
        start: node.start,
        end: node.end,
        replacement: `${ctx.text(node.left)} ${swapped} ${ctx.text(node.right)}`,
        description: `${node.operator} → ${swapped}`,
        kind: "expression",
      },
    ];
  },
};

export const booleanLiteral: Operator = {
  name: "boolean-literal",
  description: "flip true/false",
  mutate(node) {
    if (node.type !== "Literal" || typeof node.value !== "boolean") return [];
    return [
      { start: node.start, end: node.end, replacement: String(!node.value), description: "flip", kind: "expression" },
    ];
  },
};

export const stringLiteral: Operator = {
  name: "string-literal",
  description: "empty a string",
  mutate(node) {
    if (node.type !== "Literal" || typeof node.value !== "string" || node.value === "") return [];
    return [{ start: node.start, end: node.end, replacement: '""', description: "empty string", kind: "expression" }];
  },
};

export const block: Operator = {
  name: "block",
  description: "empty a block",
  mutate(node) {
    if (node.type !== "BlockStatement" || node.body.length === 0) return [];
    return [
      { start: node.start + 1, end: node.end - 1, replacement: "", description: "empty block", kind: "statement" },
    ];
  },
};

/** Proposes `undefined` for every member expression: exercises the site-safety filter. */
export const memberToUndefined: Operator = {
  name: "member-undefined",
  description: "member → undefined",
  mutate(node) {
    if (node.type !== "MemberExpression") return [];
    return [
      {
        start: node.start,
        end: node.end,
        replacement: "undefined",
        description: "member → undefined",
        kind: "expression",
      },
    ];
  },
};

/** Proposes the same replacement as `arithmetic` (for duplicate dropping). */
export const arithmeticTwin: Operator = { ...arithmetic, name: "arithmetic-twin" };

export const STUBS: readonly Operator[] = [arithmetic, booleanLiteral, stringLiteral, block, memberToUndefined];
export const STUB_NAMES = STUBS.map((op) => op.name);
