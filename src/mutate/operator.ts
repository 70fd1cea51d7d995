// The uniform interface every mutation operator implements: a pure function from one AST node
// (plus the source text and its ancestors) to the replacements it proposes for that node.
import type { Node } from "oxc-parser";
import type { Mutation } from "../types.ts";

export type { Node };

export interface OperatorContext {
  /** The whole original source text of the file (UTF-16 offsets index into it). */
  source: string;
  /** Ancestors of the node, outermost first; the last one is the direct parent. */
  ancestors: readonly Node[];
  /** Name of the property of the parent that holds this node (e.g. "test", "left"), or null at the root. */
  key: string | null;
  /** Source text of a node. */
  text(node: { start: number; end: number }): string;
}

export interface Operator {
  /** Stable, kebab-case name used in reports, disable comments and config (`operators.include`). */
  name: string;
  /**
   * The only node types `mutate` can return mutations for; generation skips the call for other nodes.
   * Omit it when the operator decides by position (`ctx.key`) rather than by node type.
   */
  nodeTypes?: readonly string[];
  /**
   * The only `ctx.key` values (the parent's property holding the node) `mutate` can return mutations
   * for; generation skips the call for nodes held elsewhere. Omit it when any position may do.
   */
  keys?: readonly string[];
  /** One line for `--help`, docs and reports. */
  description: string;
  /** Replacements for `node`; an empty array when the operator does not apply. Must not throw. */
  mutate(node: Node, ctx: OperatorContext): Mutation[];
}
