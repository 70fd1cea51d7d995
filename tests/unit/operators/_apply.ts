// Test helper for operators: runs one operator over every walked node of a snippet and returns the
// proposed `[original, replacement]` pairs, after checking each mutation against the site contract.
import { walk } from "../../../src/mutate/walk.ts";
import type { Node, Operator, OperatorContext } from "../../../src/mutate/operator.ts";
import { isParseFailure, parseSource } from "../../../src/parse/parse.ts";
import type { Mutation } from "../../../src/types.ts";

export type Pair = [original: string, replacement: string];

const STATEMENT_LISTS = new Set(["Program", "BlockStatement", "StaticBlock", "SwitchCase"]);

function spanKey(start: number, end: number): string {
  return `${start}:${end}`;
}

interface Proposal {
  node: Node;
  mutation: Mutation;
}

/** Every mutation `operator` proposes for `source`, with the node it was proposed for, in walk order. */
function proposalsOf(operator: Operator, source: string, file: string): Proposal[] {
  const parsed = parseSource(file, source);
  if (isParseFailure(parsed)) throw new Error(`snippet does not parse: ${parsed.message}\n${source}`);
  const proposals: Proposal[] = [];
  walk(parsed.program as unknown as Node, (node, ancestors, key) => {
    const ctx: OperatorContext = { source, ancestors, key, text: (n) => source.slice(n.start, n.end) };
    for (const mutation of operator.mutate(node, ctx)) proposals.push({ node, mutation });
  });
  return proposals;
}

/** Every mutation `operator` proposes for `source`, in walk order (parents before children). */
export function mutationsOf(operator: Operator, source: string, file = "snippet.ts"): Mutation[] {
  return proposalsOf(operator, source, file).map((p) => p.mutation);
}

function assertParses(file: string, text: string, what: string): void {
  const result = parseSource(file, text);
  if (isParseFailure(result)) throw new Error(`${what} does not parse (${result.message}):\n${text}`);
}

/** Checks one mutation against the site contract: node span, no-op, and that the result still parses. */
function check(
  source: string,
  file: string,
  { node, mutation: m }: Proposal,
  expressionSpans: Set<string>,
  statementSpans: Set<string>,
): void {
  // The generator's contract: an expression site is the visited node; a statement site is the
  // visited statement or the inside of the visited block.
  const ownSpan = m.start === node.start && m.end === node.end;
  const blockInside = node.type === "BlockStatement" && m.start === node.start + 1 && m.end === node.end - 1;
  if (!(ownSpan || (m.kind === "statement" && blockInside)))
    throw new Error(`mutation span ${m.start}-${m.end} is not the visited ${node.type}`);
  const original = source.slice(m.start, m.end);
  if (m.replacement === original) throw new Error(`no-op mutation at ${m.start}: ${original}`);
  if (!m.description) throw new Error(`mutation without description at ${m.start}`);
  const spans = m.kind === "expression" ? expressionSpans : statementSpans;
  if (!spans.has(spanKey(m.start, m.end)))
    throw new Error(`${m.kind} mutation span ${m.start}-${m.end} (${original}) is not a ${m.kind} site`);
  const before = source.slice(0, m.start);
  const after = source.slice(m.end);
  assertParses(file, before + m.replacement + after, `mutated source for ${original} → ${m.replacement}`);
  // What the instrumenter will emit around the site must parse too.
  const planted =
    m.kind === "expression"
      ? `(globalThis.g ? (${m.replacement}) : (${original}))`
      : `if (globalThis.g) {${m.replacement}} else {${original}}`;
  assertParses(file, before + planted + after, `instrumented source for ${original} → ${m.replacement}`);
}

/** Spans where expression and statement sites may legally be. */
function siteSpans(source: string, file: string): { expressionSpans: Set<string>; statementSpans: Set<string> } {
  const parsed = parseSource(file, source);
  if (isParseFailure(parsed)) throw new Error(parsed.message);
  const expressionSpans = new Set<string>();
  const statementSpans = new Set<string>();
  walk(parsed.program as unknown as Node, (node, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    const isStatement = node.type.endsWith("Statement") || node.type.endsWith("Declaration") || node.type === "Program";
    (isStatement ? statementSpans : expressionSpans).add(spanKey(node.start, node.end));
    if (node.type === "BlockStatement") statementSpans.add(spanKey(node.start + 1, node.end - 1));
    if (parent && STATEMENT_LISTS.has(parent.type)) statementSpans.add(spanKey(node.start, node.end));
  });
  return { expressionSpans, statementSpans };
}

/**
 * Runs `operator` over `source`, validates every mutation (span is a site, result parses, no
 * duplicates) and returns `[original, replacement]` pairs in walk order.
 */
export function apply(operator: Operator, source: string, file = "snippet.ts"): Pair[] {
  const proposals = proposalsOf(operator, source, file);
  const { expressionSpans, statementSpans } = siteSpans(source, file);
  const seen = new Set<string>();
  for (const proposal of proposals) {
    check(source, file, proposal, expressionSpans, statementSpans);
    const m = proposal.mutation;
    const key = `${m.start}:${m.end}:${m.replacement}`;
    if (seen.has(key)) throw new Error(`duplicate mutation ${key}`);
    seen.add(key);
  }
  return proposals.map(({ mutation: m }): Pair => [source.slice(m.start, m.end), m.replacement]);
}
