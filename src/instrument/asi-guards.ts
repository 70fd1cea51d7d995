// Guards against automatic-semicolon-insertion hazards: an expression site's text starts with `(`
// and ends with `)`, which can glue it to the line before (`a = b\n(g ? … : x++)` is a call of b)
// or the line after (`x++\n[1].map(f)` would index the site). Affected statements get braces or `;`.
import { visitorKeys, type Node, type Program } from "oxc-parser";
import type { Wrapper } from "./splice.ts";

/** Ranks for wrappers that share a span with a site: statement sites > guards > expression sites. */
export const RANK_STATEMENT_SITE = 0;
export const RANK_GUARD = 1;
export const RANK_EXPRESSION_SITE = 2;

/** Statements (and class members) that end where their last expression ends when `;` is omitted. */
const SEMICOLON_ENDED = new Set(["VariableDeclaration", "ReturnStatement", "ThrowStatement", "ExportDefaultDeclaration", "PropertyDefinition", "AccessorProperty"]);

interface Span {
  start: number;
  end: number;
}

interface StatementEnds {
  /** ExpressionStatements by start offset and by end offset. */
  expressionByStart: Map<number, Span>;
  expressionByEnd: Map<number, Span>;
  /** Semicolon-less SEMICOLON_ENDED statements by end offset. */
  openByEnd: Map<number, Span>;
}

type AnyNode = Node & Record<string, unknown>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

function isForHead(parent: AnyNode | null, key: string | null): boolean {
  if (!parent) return false;
  return (parent.type === "ForStatement" && key === "init") || ((parent.type === "ForInStatement" || parent.type === "ForOfStatement") && key === "left");
}

function collect(program: Program, source: string): StatementEnds {
  const ends: StatementEnds = { expressionByStart: new Map(), expressionByEnd: new Map(), openByEnd: new Map() };
  const keysOf = visitorKeys as Record<string, readonly string[]>;
  const visit = (node: AnyNode, parent: AnyNode | null, key: string | null): void => {
    const span = { start: node.start, end: node.end };
    if (node.type === "ExpressionStatement") {
      ends.expressionByStart.set(span.start, span);
      ends.expressionByEnd.set(span.end, span);
    } else if (SEMICOLON_ENDED.has(node.type) && source.charCodeAt(span.end - 1) !== 59 /* ; */ && !isForHead(parent, key)) {
      const declaration = node.type === "ExportDefaultDeclaration" ? (node.declaration as AnyNode | null) : null;
      if (!declaration || !/Declaration$/.test(declaration.type)) ends.openByEnd.set(span.end, span);
    }
    for (const childKey of keysOf[node.type] ?? []) {
      const child = node[childKey];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visit(item, node, childKey);
      } else if (isNode(child)) {
        visit(child, node, childKey);
      }
    }
  };
  visit(program as unknown as AnyNode, null, null);
  return ends;
}

/**
 * Wrappers that make the planted expression sites ASI-safe: an ExpressionStatement that begins or
 * ends with a site is wrapped in `{…}`; a semicolon-less declaration/return/throw/field that ends
 * with a site gets a `;`. Statements untouched by a site boundary are left alone.
 */
export function asiGuards(program: Program, source: string, expressionSites: readonly Span[]): Wrapper[] {
  if (expressionSites.length === 0) return [];
  const ends = collect(program, source);
  const braced = new Set<Span>();
  const closed = new Set<Span>();
  for (const site of expressionSites) {
    const first = ends.expressionByStart.get(site.start);
    if (first) braced.add(first);
    const last = ends.expressionByEnd.get(site.end);
    if (last) braced.add(last);
    const open = ends.openByEnd.get(site.end);
    if (open) closed.add(open);
  }
  const guards: Wrapper[] = [];
  for (const s of braced) guards.push({ start: s.start, end: s.end, rank: RANK_GUARD, wrap: (inner) => `{${inner}}` });
  for (const s of closed) guards.push({ start: s.start, end: s.end, rank: RANK_GUARD, wrap: (inner) => `${inner};` });
  return guards;
}
