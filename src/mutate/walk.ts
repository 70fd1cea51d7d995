// Depth-first walk over an oxc AST that skips everything gremlins must never mutate:
// type-only syntax, import/export specifiers and module strings, directives, decorators,
// non-computed object/class keys, and (by default) console.* calls.
import { visitorKeys } from "oxc-parser";
import type { Node } from "oxc-parser";

export interface WalkOptions {
  /** Skip `console.*(...)` calls and everything inside them (default true). */
  skipConsole?: boolean;
}

export type WalkVisitor = (node: Node, ancestors: readonly Node[], key: string | null) => void;

/** Expression-carrying TS wrappers: walk their `expression`, not their type. */
const TS_VALUE_WRAPPERS = new Set(["TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion", "TSInstantiationExpression"]);

/** Child properties that never hold mutable runtime code. */
const SKIPPED_KEYS = new Set(["typeAnnotation", "returnType", "typeParameters", "typeArguments", "superTypeArguments", "implements", "decorators"]);

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

function isConsoleCall(node: Node): boolean {
  if (node.type !== "CallExpression") return false;
  const callee = node.callee;
  return callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "console";
}

function isSkipped(node: Node, parent: Node | undefined, key: string | null, options: WalkOptions): boolean {
  const type = node.type;
  if (type.startsWith("TS") && !TS_VALUE_WRAPPERS.has(type)) {
    // Enums and namespaces hold runtime values, but enum members feed `const enum` inlining and
    // namespaces are rare: both are left alone, as are all pure type constructs.
    return true;
  }
  if ((node as { declare?: boolean }).declare === true) return true;
  switch (type) {
    case "ImportDeclaration":
    case "ExportAllDeclaration":
    case "ImportExpression":
      return true;
    case "ExportNamedDeclaration":
      return node.source != null || node.declaration == null;
    case "ExpressionStatement":
      if (node.directive != null) return true;
      break;
    case "Decorator":
      return true;
  }
  if (options.skipConsole !== false && (isConsoleCall(node) || (type === "ExpressionStatement" && isConsoleCall(node.expression)))) return true;
  if (parent && key === "key" && (parent.type === "Property" || parent.type === "PropertyDefinition" || parent.type === "MethodDefinition" || parent.type === "AccessorProperty") && !(parent as { computed?: boolean }).computed) {
    return true;
  }
  // `require("x")` arguments are module strings.
  if (type === "CallExpression" && node.callee.type === "Identifier" && node.callee.name === "require") return true;
  return false;
}

/** Visits every mutable node in `root`, parents before children, in source order. */
export function walk(root: Node, visit: WalkVisitor, options: WalkOptions = {}): void {
  const ancestors: Node[] = [];
  const visitNode = (node: Node, key: string | null): void => {
    const parent = ancestors[ancestors.length - 1];
    if (isSkipped(node, parent, key, options)) return;
    visit(node, ancestors, key);
    ancestors.push(node);
    const keys = TS_VALUE_WRAPPERS.has(node.type) ? ["expression"] : (visitorKeys as Record<string, readonly string[]>)[node.type] ?? [];
    for (const childKey of keys) {
      if (SKIPPED_KEYS.has(childKey)) continue;
      const child = (node as unknown as Record<string, unknown>)[childKey];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visitNode(item, childKey);
      } else if (isNode(child)) {
        visitNode(child, childKey);
      }
    }
    ancestors.pop();
  };
  visitNode(root, null);
}
