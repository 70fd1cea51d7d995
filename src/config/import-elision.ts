// Import elision, as TypeScript, esbuild and vitest do it: an import binding never used as a value is dropped,
// and a declaration whose bindings all go is dropped (`import "x"` stays); under `verbatimModuleSyntax` only the
// names marked `type` go. `export { X }` counts as a use of X, as it does for compilers that see one file at a
// time (isolatedModules); a local interface or type alias in `export { … }` goes. Line numbers are kept.

import { type Node, type Span, visitChildren } from "./ts-ast.ts";

/** Keys holding types only, never read for value references. */
const TYPE_KEYS = new Set([
  "typeAnnotation",
  "typeParameters",
  "typeArguments",
  "returnType",
  "superTypeArguments",
  "superTypeParameters",
  "implements",
]);

/** TypeScript nodes that hold runtime expressions (their type parts are under TYPE_KEYS). */
const TS_WITH_VALUES = new Set([
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "TSInstantiationExpression",
  "TSParameterProperty",
  "TSEnumDeclaration",
  "TSEnumBody",
  "TSEnumMember",
  "TSExportAssignment",
]);

/**
 * The names read as values anywhere in `program`, by name (a shadowed use counts too: the import then stays,
 * as it would without elision). Property names, labels and import/export-from lists are not uses.
 */
export function valueReferences(program: Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node): void => {
    if (node.type.startsWith("TS") && !TS_WITH_VALUES.has(node.type)) return;
    if (node.declare === true) return;
    switch (node.type) {
      case "Identifier":
        names.add(String(node.name));
        return;
      case "ImportDeclaration":
      case "ExportAllDeclaration":
      case "MetaProperty":
        return;
      case "ExportNamedDeclaration":
        if (node.exportKind === "type") return;
        if (node.source) return; // `export { a } from "x"` names the other module's bindings
        if (node.declaration) visit(node.declaration as Node);
        for (const s of (node.specifiers as Node[] | undefined) ?? [])
          if (s.exportKind !== "type") visit(s.local as Node);
        return;
      case "MemberExpression":
        visit(node.object as Node);
        if (node.computed === true) visit(node.property as Node);
        return;
      case "Property":
      case "PropertyDefinition":
      case "MethodDefinition":
      case "AccessorProperty":
        visitChildren(node, visit, node.computed === true ? TYPE_KEYS : KEY_AND_TYPES);
        return;
      case "LabeledStatement":
      case "BreakStatement":
      case "ContinueStatement":
        visitChildren(node, visit, LABEL_AND_TYPES);
        return;
      default:
        visitChildren(node, visit, TYPE_KEYS);
    }
  };
  visit(program);
  return names;
}

const KEY_AND_TYPES = new Set([...TYPE_KEYS, "key"]);
const LABEL_AND_TYPES = new Set([...TYPE_KEYS, "label"]);

/** Top-level interfaces and type aliases that name no value (no class, function, variable or enum of that name). */
export function localTypeNames(program: Node): Set<string> {
  const types = new Set<string>();
  const values = new Set<string>();
  for (const statement of (program.body as Node[] | undefined) ?? []) {
    const node =
      (statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration") &&
      statement.declaration
        ? (statement.declaration as Node)
        : statement;
    const id = node.id as Node | null | undefined;
    if (node.type === "TSInterfaceDeclaration" || node.type === "TSTypeAliasDeclaration") {
      if (id) types.add(String(id.name));
    } else if (node.type === "VariableDeclaration") {
      for (const d of node.declarations as Node[]) collectBindings(d.id as Node, values);
    } else if (node.type === "ImportDeclaration") {
      for (const s of (node.specifiers as Node[] | undefined) ?? []) values.add(String((s.local as Node).name));
    } else if (id?.type === "Identifier") {
      values.add(String(id.name)); // function, class, enum
    }
  }
  for (const name of values) types.delete(name);
  return types;
}

/** Every name a binding pattern declares, or (for odd shapes) every identifier in it: more values is safe. */
function collectBindings(pattern: Node, into: Set<string>): void {
  if (pattern.type === "Identifier") into.add(String(pattern.name));
  else visitChildren(pattern, (child) => collectBindings(child, into), TYPE_KEYS);
}

/**
 * The spans that elide what `import …` declaration `node` brings in only for types. `used` holds the names
 * read as values, or is null under verbatimModuleSyntax (then only `type`-marked names go, and the module
 * still loads: `import { type A } from "a"` becomes `import {} from "a"`).
 */
export function importSpans(node: Node, source: string, used: ReadonlySet<string> | null, spans: Span[]): void {
  if (node.importKind === "type") {
    spans.push({ start: node.start, end: node.end });
    return;
  }
  const specifiers = (node.specifiers as Node[] | undefined) ?? [];
  if (specifiers.length === 0 || node.phase) return; // `import "x"`, `import {} from "x"`, `import defer …`
  const kept = specifiers.filter(
    (s) => s.importKind !== "type" && (used === null || used.has(String((s.local as Node).name))),
  );
  if (kept.length === specifiers.length) return;
  if (kept.length === 0 && used !== null) {
    spans.push({ start: node.start, end: node.end });
    return;
  }
  // Blank `import| A, { b, c } |from "x"` and write the kept bindings on its first line.
  const clauseStart = node.start + "import".length;
  const clauseEnd = source.lastIndexOf("from", (node.source as Node).start);
  spans.push(
    { start: clauseStart, end: clauseStart, insert: ` ${importClause(kept, source)} ` },
    { start: clauseStart, end: clauseEnd },
  );
}

/** `A, { b as c }`, `* as ns`, `{}` (nothing kept under verbatimModuleSyntax). */
function importClause(kept: Node[], source: string): string {
  const parts: string[] = [];
  const named: string[] = [];
  for (const s of kept) {
    if (s.type === "ImportDefaultSpecifier") parts.unshift(String((s.local as Node).name));
    else if (s.type === "ImportNamespaceSpecifier") parts.push(`* as ${String((s.local as Node).name)}`);
    else named.push(source.slice(s.start, s.end));
  }
  if (named.length > 0 || parts.length === 0) parts.push(`{ ${named.join(", ")} }`);
  return parts.join(", ");
}
