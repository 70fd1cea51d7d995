// Decides whether a proposed mutation's site can be switched at runtime without changing the
// original program: an expression wrapped in `(g(7) ? (REPL) : (ORIG))`, or a statement wrapped in
// `if (g(7)) {REPL} else {ORIG}`. Unsafe sites (assignment targets, callees, chain links…) are dropped.
import type { Node } from "oxc-parser";
import type { Mutation } from "../types.ts";

/** Where a node sits: its parent chain and the property names that lead to it. */
export interface SitePath {
  node: Node;
  /** Property of the parent holding `node` (null at the root). */
  key: string | null;
  /** Ancestors, outermost first; the last is the parent. */
  ancestors: readonly Node[];
  /** `ancestorKeys[i]` is the property of `ancestors[i - 1]` that holds `ancestors[i]` (null for the root). */
  ancestorKeys: readonly (string | null)[];
  /** The file's source text. */
  source: string;
}

/** Node types that are expressions and may stand anywhere an expression is expected. */
const EXPRESSIONS = new Set([
  "Identifier",
  "Literal",
  "ThisExpression",
  "ArrayExpression",
  "ObjectExpression",
  "FunctionExpression",
  "ArrowFunctionExpression",
  "ClassExpression",
  "TemplateLiteral",
  "TaggedTemplateExpression",
  "MemberExpression",
  "CallExpression",
  "NewExpression",
  "ChainExpression",
  "UpdateExpression",
  "UnaryExpression",
  "BinaryExpression",
  "LogicalExpression",
  "ConditionalExpression",
  "AssignmentExpression",
  "SequenceExpression",
  "YieldExpression",
  "AwaitExpression",
  "ParenthesizedExpression",
  "JSXElement",
  "JSXFragment",
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "TSInstantiationExpression",
]);

/** Statements that may be wrapped in if/else (declarations never: their bindings would move into a block). */
const STATEMENTS = new Set([
  "ExpressionStatement",
  "BlockStatement",
  "EmptyStatement",
  "DebuggerStatement",
  "WithStatement",
  "ReturnStatement",
  "LabeledStatement",
  "BreakStatement",
  "ContinueStatement",
  "IfStatement",
  "SwitchStatement",
  "ThrowStatement",
  "TryStatement",
  "WhileStatement",
  "DoWhileStatement",
  "ForStatement",
  "ForInStatement",
  "ForOfStatement",
]);

const LOOPS = new Set(["WhileStatement", "DoWhileStatement", "ForStatement", "ForInStatement", "ForOfStatement"]);

/** Wrappers that pass their operand's position through (`(x) = 1` and `x! = 1` still assign to x). */
const TRANSPARENT = new Set([
  "ParenthesizedExpression",
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
]);

/** Anonymous functions/classes get their `.name` from these positions; a conditional around them loses it. */
const NAMING_PARENTS = new Set([
  "ExportDefaultDeclaration",
  "VariableDeclarator",
  "AssignmentPattern",
  "Property",
  "PropertyDefinition",
  "AccessorProperty",
  "AssignmentExpression",
]);

// `any` because this module reads fields across many node kinds, always after checking `type`.
type AnyNode = Node & Record<string, any>;

function isConstAssertion(node: AnyNode): boolean {
  if (node.type !== "TSAsExpression" && node.type !== "TSTypeAssertion") return false;
  const t = node.typeAnnotation as AnyNode | null;
  return t?.type === "TSTypeReference" && t.typeName?.type === "Identifier" && t.typeName.name === "const";
}

/** `node` without parentheses, TS wrappers and a chain wrapper around it. */
function unwrap(node: AnyNode): AnyNode {
  let n = node;
  while (TRANSPARENT.has(n.type) || n.type === "ChainExpression") n = n.expression as AnyNode;
  return n;
}

/** Why an expression site is unsafe, or null when `(g ? (REPL) : (ORIG))` may replace it. */
function expressionProblem(path: SitePath): string | null {
  const node = path.node as AnyNode;
  const { ancestors, ancestorKeys } = path;
  if (!EXPRESSIONS.has(node.type)) return `${node.type} is not an expression`;
  // Climb through transparent wrappers to the position that gives the node its meaning.
  let depth = ancestors.length - 1;
  let key = path.key;
  let parent = ancestors[depth] as AnyNode | undefined;
  while (parent && TRANSPARENT.has(parent.type)) {
    if (isConstAssertion(parent)) return "operand of a const assertion";
    key = ancestorKeys[depth] ?? null;
    parent = ancestors[--depth] as AnyNode | undefined;
  }
  if (!parent) return null;
  if (isConstAssertion(parent)) return "operand of a const assertion";
  switch (parent.type) {
    case "AssignmentExpression":
      if (key === "left") return "assignment target";
      break;
    case "UpdateExpression":
      return "update target";
    case "ForInStatement":
    case "ForOfStatement":
      if (key === "left") return "for-in/of target";
      break;
    case "ArrayPattern":
    case "ObjectPattern":
    case "RestElement":
      return "inside a pattern";
    case "AssignmentPattern":
      if (key === "left") return "inside a pattern";
      break;
    case "UnaryExpression":
      if (parent.operator === "delete") return "delete operand";
      if (parent.operator === "typeof" && node.type === "Identifier")
        return "typeof operand (an undeclared name would throw)";
      break;
    case "CallExpression": {
      if (key !== "callee") break;
      const callee = unwrap(node);
      if (callee.type === "MemberExpression") return "member callee (would lose `this`)";
      if (callee.type === "Identifier" && callee.name === "eval") return "direct eval callee";
      break;
    }
    case "TaggedTemplateExpression":
      return "tagged template tag or quasi";
    case "MemberExpression":
      if (key === "property" && !parent.computed) return "non-computed property name";
      break;
    case "Property": {
      const grand = ancestors[depth - 1] as AnyNode | undefined;
      if (grand?.type === "ObjectPattern" && key === "value") return "inside a pattern";
      if (key === "value" && (parent.shorthand || parent.method || parent.kind !== "init"))
        return "shorthand, method or accessor value";
      break;
    }
    case "MethodDefinition":
    case "TSAbstractMethodDefinition":
      if (key === "value") return "method value";
      break;
    case "JSXAttribute":
      return "JSX attribute value";
    case "JSXElement":
    case "JSXFragment":
      if (key === "children") return "JSX child";
      break;
  }
  if (key === "id" || key === "params" || key === "param" || key === "label") return "binding or label position";
  if (
    (node.type === "FunctionExpression" ||
      node.type === "ClassExpression" ||
      node.type === "ArrowFunctionExpression") &&
    node.id == null &&
    NAMING_PARENTS.has(parent.type) &&
    key !== "left" &&
    key !== "key"
  ) {
    return "anonymous function would lose its inferred name";
  }
  return chainProblem(path);
}

/** Links of an optional chain other than its outermost one cannot be wrapped: `(g ? x : a?.b).c` changes short-circuiting. */
function chainProblem(path: SitePath): string | null {
  const { ancestors, ancestorKeys } = path;
  let depth = ancestors.length - 1;
  let key = path.key;
  let steps = 0;
  while (depth >= 0) {
    const parent = ancestors[depth] as AnyNode;
    if (parent.type === "ChainExpression") return steps === 0 ? null : "inside an optional chain";
    const onSpine =
      (parent.type === "MemberExpression" && key === "object") ||
      (parent.type === "CallExpression" && key === "callee") ||
      (parent.type === "TSNonNullExpression" && key === "expression");
    if (!onSpine) return null;
    key = ancestorKeys[depth] ?? null;
    depth--;
    steps++;
  }
  return null;
}

/** Parents whose statement slot may hold an `if` statement in place of the original statement. */
function statementSlotOk(parentType: string, key: string | null): boolean {
  switch (parentType) {
    case "Program":
    case "BlockStatement":
    case "StaticBlock":
      return key === "body";
    case "SwitchCase":
      return key === "consequent";
    case "IfStatement":
      return key === "consequent" || key === "alternate";
    case "WithStatement":
      return key === "body";
    case "LabeledStatement":
      return key === "body";
    default:
      return LOOPS.has(parentType) && key === "body";
  }
}

/** Why a statement site is unsafe, or null when `if (g) {REPL} else {ORIG}` may replace it. */
function statementProblem(mutation: Mutation, path: SitePath): string | null {
  const node = path.node as AnyNode;
  if (mutation.start === node.start && mutation.end === node.end) {
    if (!STATEMENTS.has(node.type)) return `${node.type} is not a statement that may move into a block`;
    const parent = path.ancestors[path.ancestors.length - 1];
    if (!parent || !statementSlotOk(parent.type, path.key)) return "not in a statement position";
    // `continue label` needs the label right on the loop.
    if (parent.type === "LabeledStatement" && LOOPS.has(node.type)) return "labeled loop body";
    return null;
  }
  if (node.type !== "BlockStatement" && node.type !== "StaticBlock") return "span does not match the node";
  // Block contents: the span lies between the braces and covers every statement of the block.
  const open = node.type === "BlockStatement" ? node.start : path.source.indexOf("{", node.start);
  if (mutation.start <= open || mutation.end >= node.end) return "span does not match the node";
  const body = node.body as AnyNode[];
  if (body.length > 0 && (mutation.start > body[0]!.start || mutation.end < body[body.length - 1]!.end))
    return "span covers only part of a block";
  if (body.length > 0 && body[0]!.type === "ExpressionStatement" && body[0]!.directive != null)
    return "block starts with a directive";
  return null;
}

/** Why `mutation` (proposed for `path.node`) cannot be switched safely, or null when it can. */
export function unsafeSiteReason(mutation: Mutation, path: SitePath): string | null {
  if (mutation.kind === "statement") return statementProblem(mutation, path);
  if (mutation.start !== path.node.start || mutation.end !== path.node.end) return "span does not match the node";
  return expressionProblem(path);
}

export function isSafeSite(mutation: Mutation, path: SitePath): boolean {
  return unsafeSiteReason(mutation, path) === null;
}
