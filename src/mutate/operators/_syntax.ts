// Shared helpers for the operators: node predicates, operator-token lookup in the source, and
// text surgery that keeps a replacement valid where it lands (parentheses when tokens would merge).
import type { BigIntLiteral, BooleanLiteral, NumericLiteral, RegExpLiteral, StringLiteral } from "oxc-parser";
import type { Mutation } from "../../types.ts";
import type { Node, OperatorContext } from "../operator.ts";

interface Span {
  start: number;
  end: number;
}

export function isStringLiteral(node: Node | null | undefined): node is StringLiteral {
  return node?.type === "Literal" && typeof node.value === "string";
}

export function isBooleanLiteral(node: Node | null | undefined): node is BooleanLiteral {
  return node?.type === "Literal" && typeof node.value === "boolean";
}

export function isNumericLiteral(node: Node | null | undefined): node is NumericLiteral {
  return node?.type === "Literal" && typeof node.value === "number";
}

export function isBigIntLiteral(node: Node | null | undefined): node is BigIntLiteral {
  return node?.type === "Literal" && "bigint" in node && typeof node.bigint === "string";
}

export function isRegExpLiteral(node: Node | null | undefined): node is RegExpLiteral {
  return node?.type === "Literal" && "regex" in node && node.regex != null;
}

/** The expression inside any number of parentheses. */
export function unwrapParens(node: Node): Node {
  let current = node;
  while (current.type === "ParenthesizedExpression") current = current.expression;
  return current;
}

/** The direct parent of the visited node, if any. */
export function parentOf(ctx: OperatorContext): Node | undefined {
  return ctx.ancestors[ctx.ancestors.length - 1];
}

/** The nearest ancestor that is not a ParenthesizedExpression. */
export function parentThroughParens(ctx: OperatorContext): Node | undefined {
  for (let i = ctx.ancestors.length - 1; i >= 0; i--) {
    const ancestor = ctx.ancestors[i];
    if (ancestor.type !== "ParenthesizedExpression") return ancestor;
  }
  return undefined;
}

/** `undefined` or `void <literal>`: an expression that already evaluates to undefined. */
export function isUndefinedLike(node: Node): boolean {
  const inner = unwrapParens(node);
  if (inner.type === "Identifier") return inner.name === "undefined";
  return (
    inner.type === "UnaryExpression" && inner.operator === "void" && unwrapParens(inner.argument).type === "Literal"
  );
}

/** True for expressions that are certainly strings: literals, templates, and `+` chains containing one. */
export function isStringTyped(node: Node): boolean {
  let inner = unwrapParens(node);
  while (
    inner.type === "TSAsExpression" ||
    inner.type === "TSSatisfiesExpression" ||
    inner.type === "TSNonNullExpression"
  ) {
    inner = unwrapParens(inner.expression);
  }
  if (isStringLiteral(inner) || inner.type === "TemplateLiteral" || inner.type === "TaggedTemplateExpression")
    return true;
  if (inner.type === "BinaryExpression" && inner.operator === "+") {
    return isStringTyped(inner.left as Node) || isStringTyped(inner.right);
  }
  return false;
}

/** Index of the first character after whitespace and comments, starting at `from` (never past `to`). */
export function skipTrivia(source: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const ch = source.charCodeAt(i);
    if (
      ch === 32 ||
      ch === 9 ||
      ch === 10 ||
      ch === 13 ||
      ch === 0xa0 ||
      ch === 0xfeff ||
      ch === 0x2028 ||
      ch === 0x2029
    ) {
      i++;
    } else if (source.startsWith("//", i)) {
      const eol = source.slice(i).search(/[\n\r\u2028\u2029]/);
      i = eol < 0 ? to : i + eol;
    } else if (source.startsWith("/*", i)) {
      const close = source.indexOf("*/", i + 2);
      i = close < 0 ? to : close + 2;
    } else {
      break;
    }
  }
  return Math.min(i, to);
}

/** Offset of the operator token `op` between two operands (`from` = left end, `to` = right start), or -1. */
export function findOperator(source: string, from: number, to: number, op: string): number {
  const at = skipTrivia(source, from, to);
  return source.startsWith(op, at) ? at : -1;
}

// ZWNJ and ZWJ are identifier characters on their own , not a joined sequence as the rule fears.
// oxlint-disable-next-line no-misleading-character-class
const IDENT_CHAR = /[\p{ID_Continue}$\u200c\u200d\\]/u;

/** Can `ch` (one UTF-16 unit) continue an identifier (or start an escape)? ASCII without a regex: this runs per gremlin. */
function isIdentChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c >= 128) return IDENT_CHAR.test(ch);
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 /* _ */ ||
    c === 36 /* $ */ ||
    c === 92
  ); /* \\ */
}

/** Would the characters `a` then `b`, written side by side, lex as one token (or open a comment)? */
export function wouldJoin(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  if (a === b && (a === "+" || a === "-")) return true;
  if (a === "/" && (b === "/" || b === "*")) return true;
  if (b === "." && a >= "0" && a <= "9") return true;
  return isIdentChar(a) && isIdentChar(b);
}

/** `text` as it may replace source[start, end): parenthesised when it would merge with a neighbouring token. */
export function fit(source: string, start: number, end: number, text: string): string {
  if (wouldJoin(source[start - 1], text[0]) || wouldJoin(text[text.length - 1], source[end])) return `(${text})`;
  return text;
}

/** The source text of `node` with the operator token at `at` (of length `oldLength`) replaced by `op`. */
export function spliceOperator(source: string, node: Span, at: number, oldLength: number, op: string): string {
  const before = source[at - 1];
  const after = source[at + oldLength];
  const lead = wouldJoin(before, op[0]) ? " " : "";
  const trail = wouldJoin(op[op.length - 1], after) ? " " : "";
  return source.slice(node.start, at) + lead + op + trail + source.slice(at + oldLength, node.end);
}

/**
 * The text of a binary-like node (`left op right`) with its operator swapped for `op`,
 * or null when the operator token cannot be found where expected.
 */
export function swapOperator(
  ctx: OperatorContext,
  node: Span,
  left: Span,
  right: Span,
  oldOp: string,
  op: string,
): string | null {
  const at = findOperator(ctx.source, left.end, right.start, oldOp);
  if (at < 0) return null;
  return spliceOperator(ctx.source, node, at, oldOp.length, op);
}

/** Text that, at the start of a statement, would read as a declaration or a block. */
const STATEMENT_LOOKALIKE = /^(function\b|class\b|\{|let\s*\[|async\s+function\b)/;

/** Does `node` begin an expression statement (or an arrow's expression body, for `{`)? */
function beginsStatement(ctx: OperatorContext, node: Span, text: string): boolean {
  for (let i = ctx.ancestors.length - 1; i >= 0; i--) {
    const ancestor = ctx.ancestors[i];
    if (ancestor.type === "ArrowFunctionExpression" && ancestor.body.start === node.start) return text.startsWith("{");
    if (ancestor.start !== node.start) return false;
    if (ancestor.type === "ExpressionStatement" || ancestor.type === "ExportDefaultDeclaration") return true;
  }
  return false;
}

/** An expression-site mutation for `node`, with the replacement made safe for its surroundings. */
export function expressionMutation(
  ctx: OperatorContext,
  node: Span,
  replacement: string,
  description: string,
): Mutation {
  let text = fit(ctx.source, node.start, node.end, replacement);
  if (STATEMENT_LOOKALIKE.test(text) && beginsStatement(ctx, node, text)) text = `(${text})`;
  return { start: node.start, end: node.end, replacement: text, description, kind: "expression" };
}

/** A statement-site mutation over [start, end). */
export function statementMutation(start: number, end: number, replacement: string, description: string): Mutation {
  return { start, end, replacement, description, kind: "statement" };
}

/** `value` as a JS string literal using `quote` (' or "); non-ASCII characters are kept as they are. */
export function quoteString(value: string, quote: string): string {
  let out = quote;
  for (const ch of value) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + quote;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\u2028") out += "\\u2028";
    else if (ch === "\u2029") out += "\\u2029";
    else out += ch;
  }
  return out + quote;
}

/** The quote character a string literal was written with. */
export function quoteOf(ctx: OperatorContext, node: Span): string {
  return ctx.source[node.start] === "'" ? "'" : '"';
}
