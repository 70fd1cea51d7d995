// Guards against automatic-semicolon-insertion hazards: an expression site's text starts with `(`
// and ends with `)`, which can glue it to the line before (`a = b\n(g ? … : x++)` is a call of b)
// or the line after (`x++\n[1].map(f)` would index the site). Affected statements get braces or `;`.
import type { StatementBounds } from "../types.ts";
import type { Wrapper } from "./splice.ts";

/** Ranks for wrappers that share a span with a site: statement sites > guards > expression sites. */
export const RANK_STATEMENT_SITE = 0;
export const RANK_GUARD = 1;
export const RANK_EXPRESSION_SITE = 2;

interface Span {
  start: number;
  end: number;
}

interface StatementEnds {
  expressionByStart: Map<number, Span>;
  expressionByEnd: Map<number, Span>;
  openByEnd: Map<number, Span>;
}

function index(bounds: StatementBounds): StatementEnds {
  const ends: StatementEnds = { expressionByStart: new Map(), expressionByEnd: new Map(), openByEnd: new Map() };
  for (const [start, end] of bounds.expressionStatements) {
    const span = { start, end };
    ends.expressionByStart.set(start, span);
    ends.expressionByEnd.set(end, span);
  }
  for (const [start, end] of bounds.openStatements) ends.openByEnd.set(end, { start, end });
  return ends;
}

/**
 * Wrappers that make the planted expression sites ASI-safe: an ExpressionStatement that begins or
 * ends with a site is wrapped in `{…}`; a semicolon-less declaration/return/throw/field that ends
 * with a site gets a `;`. Statements untouched by a site boundary are left alone.
 */
export function asiGuards(bounds: StatementBounds, expressionSites: readonly Span[]): Wrapper[] {
  if (expressionSites.length === 0) return [];
  const ends = index(bounds);
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
