// Statement boundaries the instrumenter needs for its ASI guards: expression statements, and
// declarations/returns/throws/fields written without a closing `;`. Collected while the mutate stage
// walks the AST (so the instrumenter need not parse the file again), or by a walk of its own.
import { visitorKeys, type Node, type Program } from "oxc-parser";
import type { StatementBounds } from "../types.ts";

/** Statements (and class members) that end where their last expression ends when `;` is omitted. */
const SEMICOLON_ENDED = new Set([
  "VariableDeclaration",
  "ReturnStatement",
  "ThrowStatement",
  "ExportDefaultDeclaration",
  "PropertyDefinition",
  "AccessorProperty",
]);

type AnyNode = Node & Record<string, unknown>;

function isForHead(parent: Node | undefined, key: string | null): boolean {
  if (!parent) return false;
  return (
    (parent.type === "ForStatement" && key === "init") ||
    ((parent.type === "ForInStatement" || parent.type === "ForOfStatement") && key === "left")
  );
}

/** Records `node` in `bounds` when it is a statement whose edges matter to ASI. */
export function noteStatement(
  bounds: StatementBounds,
  node: Node,
  parent: Node | undefined,
  key: string | null,
  source: string,
): void {
  if (node.type === "ExpressionStatement") {
    bounds.expressionStatements.push([node.start, node.end]);
  } else if (
    SEMICOLON_ENDED.has(node.type) &&
    source.charCodeAt(node.end - 1) !== 59 /* ; */ &&
    !isForHead(parent, key)
  ) {
    const declaration = node.type === "ExportDefaultDeclaration" ? (node.declaration as Node | null) : null;
    if (!declaration || !declaration.type.endsWith("Declaration")) bounds.openStatements.push([node.start, node.end]);
  }
}

export function emptyStatementBounds(): StatementBounds {
  return { expressionStatements: [], openStatements: [] };
}

/** Every relevant statement of a whole program (for callers that did not collect during a walk). */
export function collectStatementBounds(program: Program, source: string): StatementBounds {
  const bounds = emptyStatementBounds();
  const keysOf = visitorKeys as Record<string, readonly string[]>;
  const visit = (node: AnyNode, parent: AnyNode | undefined, key: string | null): void => {
    noteStatement(bounds, node, parent, key, source);
    for (const childKey of keysOf[node.type] ?? []) {
      const child = node[childKey];
      if (Array.isArray(child)) {
        for (const item of child)
          if (item && typeof item === "object" && typeof item.type === "string") visit(item, node, childKey);
      } else if (child && typeof child === "object" && typeof (child as AnyNode).type === "string") {
        visit(child as AnyNode, node, childKey);
      }
    }
  };
  visit(program as unknown as AnyNode, undefined, null);
  return bounds;
}

/** Keeps only the statements that begin or end where one of `sites` begins or ends. */
export function boundsTouching(
  bounds: StatementBounds,
  sites: readonly { start: number; end: number }[],
): StatementBounds {
  const starts = new Set<number>();
  const ends = new Set<number>();
  for (const s of sites) {
    starts.add(s.start);
    ends.add(s.end);
  }
  return {
    expressionStatements: bounds.expressionStatements.filter(([s, e]) => starts.has(s) || ends.has(e)),
    openStatements: bounds.openStatements.filter(([, e]) => ends.has(e)),
  };
}
