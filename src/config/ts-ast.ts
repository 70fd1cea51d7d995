// The shape of oxc's ESTree nodes as the TypeScript stripper walks them (strip-types.ts, import-elision.ts):
// a loose record with a type and a span, and a walk over the child nodes.

/** A half-open source range to blank out, or (with `insert`) text to put at `start` (then `end === start`). */
export interface Span {
  start: number;
  end: number;
  insert?: string;
}

export type Node = { type: string; start: number; end: number; [key: string]: unknown };

export function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as Node).type === "string";
}

/** Calls `visit` on each child node of `node` (in arrays or single), skipping the keys in `skip`. */
export function visitChildren(node: Node, visit: (n: Node) => void, skip?: ReadonlySet<string>): void {
  for (const key of Object.keys(node)) {
    if (key === "parent" || skip?.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) {
      visit(value);
    }
  }
}
