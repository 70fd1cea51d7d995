// The few ESTree helpers the module-mock planners share: a loose node type over oxc's AST, a depth-first
// walk that passes each node's parent, and the literal module path of a call argument.

export interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as Node).type === "string";
}

/** Every node of an ESTree value, depth first, with its parent node. */
export function visit(value: unknown, fn: (node: Node, parent: Node | null) => void, parent: Node | null = null): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, fn, parent);
    return;
  }
  if (!isNode(value)) return;
  fn(value, parent);
  for (const key in value) {
    if (key === "type" || key === "start" || key === "end" || key === "range" || key === "loc") continue;
    const child = value[key];
    if (typeof child === "object" && child !== null) visit(child, fn, value);
  }
}

/** A string literal or a template without expressions; null for anything computed. */
export function literalPath(node: unknown): string | null {
  if (!isNode(node)) return null;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral" && (node.expressions as unknown[]).length === 0) {
    const quasi = (node.quasis as Node[])[0];
    return ((quasi?.value as { cooked?: string } | undefined)?.cooked ?? null) as string | null;
  }
  return null;
}
