// Builds text by splicing nested wrappers into a source string by UTF-16 offsets: each wrapper
// turns the (already spliced) text of its span into new text; wrappers nest, never partially overlap.
import { GremlinsError } from "../errors.ts";

/** A non-empty span [start, end) and how to rewrite it. */
export interface Wrapper {
  start: number;
  end: number;
  /** Orders wrappers with identical spans: the lower rank is the outer one. */
  rank: number;
  /** The new text for [start, end), given that span's text with all inner wrappers applied. */
  wrap(inner: string): string;
}

interface TreeNode {
  wrapper: Wrapper;
  children: TreeNode[];
}

function compare(a: Wrapper, b: Wrapper): number {
  return a.start - b.start || b.end - a.end || a.rank - b.rank;
}

/** Arranges wrappers into a forest by containment; throws on a partial overlap (a caller bug). */
function nest(wrappers: readonly Wrapper[], file: string): TreeNode[] {
  const roots: TreeNode[] = [];
  const stack: TreeNode[] = [];
  for (const wrapper of [...wrappers].sort(compare)) {
    while (stack.length > 0 && stack[stack.length - 1]!.wrapper.end <= wrapper.start) stack.pop();
    const node: TreeNode = { wrapper, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) {
      if (wrapper.end > parent.wrapper.end) {
        const p = parent.wrapper;
        throw new GremlinsError(`${file}: gremlin sites overlap partially ([${p.start}, ${p.end}) and [${wrapper.start}, ${wrapper.end})); this is a bug in gremlins`);
      }
      parent.children.push(node);
    } else {
      roots.push(node);
    }
    stack.push(node);
  }
  return roots;
}

function render(source: string, start: number, end: number, children: readonly TreeNode[]): string {
  let out = "";
  let at = start;
  for (const child of children) {
    const w = child.wrapper;
    out += source.slice(at, w.start);
    out += w.wrap(render(source, w.start, w.end, child.children));
    at = w.end;
  }
  return out + source.slice(at, end);
}

/** `source.slice(start, end)` with every wrapper applied (wrappers must lie inside [start, end)). */
export function splice(source: string, start: number, end: number, wrappers: readonly Wrapper[], file: string): string {
  return render(source, start, end, nest(wrappers, file));
}
