// Builds text by splicing nested wrappers into a source string by UTF-16 offsets: each wrapper
// turns the (already spliced) text of its span into new text; wrappers nest, never partially overlap.
import { GremlinsError } from "../errors.ts";

/**
 * What the last line of a text holds, worked out from the pieces the text is built from (reading
 * the text itself would flatten the rope of nested sites it is made of).
 */
export interface LastLine {
  /** The text contains a line break (\n, \r, U+2028, U+2029). */
  hasBreak: boolean;
  /** `//` occurs after the last line break (anywhere, when there is none). */
  slashes: boolean;
}

/** A non-empty span [start, end) and how to rewrite it. */
export interface Wrapper {
  start: number;
  end: number;
  /** Orders wrappers with identical spans: the lower rank is the outer one. */
  rank: number;
  /** The new text for [start, end), given that span's text with all inner wrappers applied, and its last line. */
  wrap(inner: string, innerLastLine: LastLine): string;
  /**
   * The last line of `wrap`'s text, given the inner text's. Without it, the inner's: right for wrappers
   * that only put brackets or `;` (never `/`, never a line break) around the inner text.
   */
  lastLine?(innerLastLine: LastLine): LastLine;
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
        throw new GremlinsError(
          `${file}: gremlin sites overlap partially ([${p.start}, ${p.end}) and [${wrapper.start}, ${wrapper.end})); this is a bug in gremlins`,
        );
      }
      parent.children.push(node);
    } else {
      roots.push(node);
    }
    stack.push(node);
  }
  return roots;
}

export function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/**
 * The last line of `source[from, to)` followed by a text whose last line is `after`. A `//` cannot
 * straddle a piece boundary: wrapped texts begin and end with brackets, keywords or `;`, never `/`.
 */
function segmentThen(source: string, from: number, to: number, after: LastLine): LastLine {
  if (after.hasBreak) return after;
  let slashes = after.slashes;
  for (let i = to - 1; i >= from; i--) {
    const c = source.charCodeAt(i);
    if (isLineBreak(c)) return { hasBreak: true, slashes };
    if (c === 47 && i > from && source.charCodeAt(i - 1) === 47) slashes = true;
  }
  return { hasBreak: false, slashes };
}

/** `before` followed by a text whose last line is `after`. */
function then(before: LastLine, after: LastLine): LastLine {
  return after.hasBreak ? after : { hasBreak: before.hasBreak, slashes: before.slashes || after.slashes };
}

const EMPTY: LastLine = { hasBreak: false, slashes: false };

interface Rendered {
  text: string;
  lastLine: LastLine;
}

function render(source: string, start: number, end: number, children: readonly TreeNode[]): Rendered {
  if (children.length === 0)
    return { text: source.slice(start, end), lastLine: segmentThen(source, start, end, EMPTY) };
  let text = "";
  let at = start;
  const outputs: LastLine[] = [];
  for (const child of children) {
    const w = child.wrapper;
    const inner = render(source, w.start, w.end, child.children);
    text += source.slice(at, w.start) + w.wrap(inner.text, inner.lastLine);
    outputs.push(w.lastLine ? w.lastLine(inner.lastLine) : inner.lastLine);
    at = w.end;
  }
  // The last line, from the end back: the tail of source, then each wrapped text and the source before it.
  let lastLine = segmentThen(source, at, end, EMPTY);
  for (let i = children.length - 1; i >= 0 && !lastLine.hasBreak; i--) {
    lastLine = then(outputs[i]!, lastLine);
    lastLine = segmentThen(source, i > 0 ? children[i - 1]!.wrapper.end : start, children[i]!.wrapper.start, lastLine);
  }
  return { text: text + source.slice(at, end), lastLine };
}

/** `source.slice(start, end)` with every wrapper applied (wrappers must lie inside [start, end)). */
export function splice(source: string, start: number, end: number, wrappers: readonly Wrapper[], file: string): string {
  return render(source, start, end, nest(wrappers, file)).text;
}
