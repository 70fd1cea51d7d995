// The names an ES module exports, read from its source (and, for `export * from "./x"`, from the modules it
// re-exports): what a module standing in for it must export too. TypeScript's type-only exports are left
// out (they do not exist at run time); a CommonJS module, or a star re-export of a package, gives null.

import { isParseFailure, parseSource } from "../../parse/parse.ts";
import { isNode, type Node } from "./ast.ts";

/** Names a binding pattern declares. */
function bindingNames(pattern: unknown, out: string[]): void {
  if (!isNode(pattern)) return;
  if (pattern.type === "Identifier") out.push(pattern.name as string);
  else if (pattern.type === "ObjectPattern")
    for (const p of pattern.properties as Node[]) bindingNames(p.type === "RestElement" ? p.argument : p.value, out);
  else if (pattern.type === "ArrayPattern") for (const e of pattern.elements as unknown[]) bindingNames(e, out);
  else if (pattern.type === "RestElement") bindingNames(pattern.argument, out);
  else if (pattern.type === "AssignmentPattern") bindingNames(pattern.left, out);
}

const nameOf = (node: Node): string => (node.type === "Identifier" ? node.name : node.value) as string;

/** Names a declaration after `export` declares at run time (none for types, interfaces and `declare`). */
function declaredNames(declaration: Node): string[] {
  if (declaration.declare === true) return [];
  if (declaration.type === "VariableDeclaration") {
    const out: string[] = [];
    for (const d of declaration.declarations as Node[]) bindingNames(d.id, out);
    return out;
  }
  if (/^(FunctionDeclaration|ClassDeclaration|TSEnumDeclaration|TSModuleDeclaration)$/.test(declaration.type))
    return isNode(declaration.id) ? [nameOf(declaration.id)] : [];
  return [];
}

/**
 * The run-time export names of the module `file` (absolute), sorted; null when they cannot be read statically.
 * `resolve(from, specifier)`: the file a relative specifier names (null for packages and missing files).
 */
export function exportNames(
  file: string,
  read: (file: string) => string,
  resolve: (from: string, specifier: string) => string | null,
  seen: Set<string> = new Set(),
): string[] | null {
  if (seen.has(file)) return [];
  seen.add(file);
  const parsed = parseSource(file, read(file));
  if (isParseFailure(parsed)) return null;
  const names = new Set<string>();
  let esm = false;
  for (const statement of parsed.program.body as unknown as Node[]) {
    if (statement.type === "ImportDeclaration") esm = true;
    if (statement.type === "TSExportAssignment") return null;
    if (statement.type === "ExportDefaultDeclaration") {
      esm = true;
      names.add("default");
    }
    if (statement.type === "ExportNamedDeclaration") {
      esm = true;
      if (statement.exportKind === "type") continue;
      if (isNode(statement.declaration)) for (const n of declaredNames(statement.declaration)) names.add(n);
      for (const s of (statement.specifiers as Node[] | undefined) ?? [])
        if (s.exportKind !== "type") names.add(nameOf(s.exported as Node));
    }
    if (statement.type === "ExportAllDeclaration") {
      esm = true;
      if (statement.exportKind === "type") continue;
      if (isNode(statement.exported)) {
        names.add(nameOf(statement.exported));
        continue;
      }
      const target = resolve(file, (statement.source as Node).value as string);
      const inner = target === null ? null : exportNames(target, read, resolve, seen);
      if (inner === null) return null;
      // `export *` passes on every name but the default.
      for (const n of inner) if (n !== "default") names.add(n);
    }
  }
  return esm ? [...names].sort() : null;
}
