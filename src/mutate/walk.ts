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
const TS_VALUE_WRAPPERS = new Set([
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "TSInstantiationExpression",
]);

/** Node types skipped wherever they occur (besides the TS type-only ones). */
const SKIPPED_TYPES = new Set(["ImportDeclaration", "ExportAllDeclaration", "ImportExpression", "Decorator"]);

/** Child properties that never hold mutable runtime code. */
const SKIPPED_KEYS = new Set([
  "typeAnnotation",
  "returnType",
  "typeParameters",
  "typeArguments",
  "superTypeArguments",
  "implements",
  "decorators",
]);

/** Parents whose non-computed `key` is a name, not code. */
const KEYED_PARENTS = new Set(["Property", "PropertyDefinition", "MethodDefinition", "AccessorProperty"]);

/** What the walk does with every node of one type, worked out once per type. */
interface TypeRule {
  /** Never visited, nor anything inside. */
  skipped: boolean;
  /** Properties that may hold child nodes to walk, in visiting order. */
  children: readonly string[];
}

const rules = new Map<string, TypeRule>();

function ruleFor(type: string): TypeRule {
  let rule = rules.get(type);
  if (rule === undefined) {
    const wrapper = TS_VALUE_WRAPPERS.has(type);
    // Enums and namespaces hold runtime values, but enum members feed `const enum` inlining and
    // namespaces are rare: both are left alone, as are all pure type constructs.
    const skipped = (type.startsWith("TS") && !wrapper) || SKIPPED_TYPES.has(type);
    const keys = wrapper ? ["expression"] : ((visitorKeys as Record<string, readonly string[]>)[type] ?? []);
    rule = { skipped, children: keys.filter((key) => !SKIPPED_KEYS.has(key)) };
    rules.set(type, rule);
  }
  return rule;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

function isConsoleCall(node: Node): boolean {
  if (node.type !== "CallExpression") return false;
  const callee = node.callee;
  return callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "console";
}

/** The skip rules that depend on the node itself or where it sits (ruleFor covers the rest). */
function isSkippedHere(node: Node, parent: Node | undefined, key: string | null, skipConsole: boolean): boolean {
  if ((node as { declare?: boolean }).declare === true) return true;
  switch (node.type) {
    case "ExportNamedDeclaration":
      return node.source != null || node.declaration == null;
    case "ExpressionStatement":
      return node.directive != null || (skipConsole && isConsoleCall(node.expression));
    case "CallExpression":
      // `require("x")` arguments are module strings.
      if ((skipConsole && isConsoleCall(node)) || (node.callee.type === "Identifier" && node.callee.name === "require"))
        return true;
      break;
  }
  return (
    key === "key" &&
    parent !== undefined &&
    KEYED_PARENTS.has(parent.type) &&
    !(parent as { computed?: boolean }).computed
  );
}

/** Visits every mutable node in `root`, parents before children, in source order. */
export function walk(root: Node, visit: WalkVisitor, options: WalkOptions = {}): void {
  const skipConsole = options.skipConsole !== false;
  const ancestors: Node[] = [];
  const visitNode = (node: Node, key: string | null): void => {
    const rule = ruleFor(node.type);
    if (rule.skipped || isSkippedHere(node, ancestors[ancestors.length - 1], key, skipConsole)) return;
    visit(node, ancestors, key);
    const children = rule.children;
    if (children.length === 0) return;
    ancestors.push(node);
    for (let i = 0; i < children.length; i++) {
      const childKey = children[i]!;
      const child = (node as unknown as Record<string, unknown>)[childKey];
      if (Array.isArray(child)) {
        for (let j = 0; j < child.length; j++) {
          const item: unknown = child[j];
          if (isNode(item)) visitNode(item, childKey);
        }
      } else if (isNode(child)) {
        visitNode(child, childKey);
      }
    }
    ancestors.pop();
  };
  visitNode(root, null);
}
