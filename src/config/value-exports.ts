// Which names a project module exports at run time, read from its source and followed through relative
// re-exports: what tsc knows when it drops `export { A } from "./x"` because A is only a type there. Asked by
// the stripper (strip-types.ts) for `export { … } from "./x"` lists, which a one-file view cannot judge, by
// vitest's module semantics (host/vitest-module.ts), and for the names a bun mock's stand-in must export.

import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseSync } from "oxc-parser";
import { localTypeNames } from "./import-elision.ts";
import { type Node, visitChildren } from "./ts-ast.ts";

export interface ModuleExports {
  /** Names exported as values ("default" included). */
  values: Set<string>;
  /** Some names are not known here (`export * from "pkg"`, a module that could not be read or parsed). */
  open: boolean;
  /** The module has import or export statements (else it is CommonJS or a script: its exports are unknown). */
  esm: boolean;
}

/** How modules are read and relative specifiers resolved (by default: from disk, as TypeScript runners resolve). */
export interface ExportReader {
  read(file: string): string;
  resolve(from: string, specifier: string): string | null;
}

const DISK: ExportReader = { read: (file) => readFileSync(file, "utf8"), resolve: resolveRelative };

/** Whether `name` may be a value export of a module (an unknown module may export anything). */
export function mayExportValue(exports: ModuleExports | null, name: string): boolean {
  return exports === null || exports.open || exports.values.has(name);
}

/** TypeScript files a relative specifier may mean, in the order TypeScript runners try them. */
export function typeScriptCandidates(specifier: string): string[] {
  const js = /\.(m|c)?jsx?$/.exec(specifier);
  if (js) {
    const base = specifier.slice(0, js.index);
    return js[1] === "m" ? [`${base}.mts`] : js[1] === "c" ? [`${base}.cts`] : [`${base}.ts`, `${base}.tsx`];
  }
  if (/\.[a-z]+$/i.test(specifier.split("/").pop() ?? "")) return [];
  return [".ts", ".tsx", ".mts", ".cts", "/index.ts", "/index.tsx"].map((ext) => `${specifier}${ext}`);
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file a relative specifier in `fromFile` names (as is, then as TypeScript, then as .js); null otherwise. */
export function resolveRelative(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return null;
  const from = dirname(fromFile);
  const candidates = [specifier, ...typeScriptCandidates(specifier), `${specifier}.js`, `${specifier}/index.js`];
  for (const candidate of candidates) {
    const path = join(from, candidate);
    if (isFile(path)) return path;
  }
  return null;
}

// A sandbox's files do not change while its workers run, so each module is read from disk once per worker.
const cache = new Map<string, ModuleExports>();
const UNKNOWN = (): ModuleExports => ({ values: new Set(), open: true, esm: false });

/** The run-time exports of the module in `file` (one that cannot be read or parsed is open: it may export anything). */
export function valueExportsOf(
  file: string,
  reader: ExportReader = DISK,
  seen: Set<string> = new Set(),
): ModuleExports {
  const cacheable = reader === DISK;
  const cached = cacheable ? cache.get(file) : undefined;
  if (cached) return cached;
  if (seen.has(file)) return UNKNOWN(); // a cycle: what it adds is not known yet
  seen.add(file);
  let exports: ModuleExports;
  try {
    const result = parseSync(file, reader.read(file), { sourceType: "module" });
    const failed = result.errors.some((e) => e.severity === "Error");
    exports = failed ? UNKNOWN() : collect(result.program as unknown as Node, file, reader, seen);
    if (!failed && !result.module.hasModuleSyntax) exports.esm = false;
  } catch {
    exports = UNKNOWN();
  }
  if (cacheable) cache.set(file, exports);
  return exports;
}

/**
 * The run-time export names of the ES module `file`, sorted; null when they cannot all be read statically
 * (CommonJS, a star re-export of a package). `read` and `resolve` as in ExportReader.
 */
export function exportNames(
  file: string,
  read: ExportReader["read"],
  resolve: ExportReader["resolve"],
): string[] | null {
  const exports = valueExportsOf(file, { read, resolve });
  return exports.esm && !exports.open ? [...exports.values].sort() : null;
}

function collect(program: Node, file: string, reader: ExportReader, seen: Set<string>): ModuleExports {
  const out: ModuleExports = { values: new Set(), open: false, esm: true };
  const imports = importedBindings(program);
  const types = localTypeNames(program);
  const from = (specifier: string): ModuleExports | null => {
    const target = reader.resolve(file, specifier);
    return target ? valueExportsOf(target, reader, seen) : null;
  };
  // A local name exported by `export { x }`: a value unless it is only a type here or an imported type.
  const localIsValue = (name: string): boolean => {
    const imported = imports.get(name);
    if (imported)
      return !imported.type && (imported.name === null || mayExportValue(from(imported.source), imported.name));
    return !types.has(name);
  };
  for (const statement of (program.body as Node[] | undefined) ?? []) {
    if (statement.type === "ExportDefaultDeclaration") {
      const declaration = statement.declaration as Node;
      if (declaration.type !== "TSInterfaceDeclaration") out.values.add("default");
    } else if (statement.type === "ExportAllDeclaration") {
      if (statement.exportKind === "type") continue;
      const exported = statement.exported as Node | null;
      if (exported) out.values.add(exportName(exported));
      else mergeStar(out, from(String((statement.source as Node).value)));
    } else if (statement.type === "ExportNamedDeclaration") {
      if (statement.exportKind === "type") continue;
      const declaration = statement.declaration as Node | null;
      if (declaration) for (const name of declaredValues(declaration)) out.values.add(name);
      const source = statement.source as Node | null;
      const target = source ? from(String(source.value)) : null;
      for (const s of (statement.specifiers as Node[] | undefined) ?? []) {
        if (s.exportKind === "type") continue;
        const local = exportName(s.local as Node);
        const isValue = source ? mayExportValue(target, local) : localIsValue(local);
        if (isValue) out.values.add(exportName(s.exported as Node));
      }
    } else if (statement.type === "TSExportAssignment") {
      out.open = true;
    }
  }
  return out;
}

/** `export * from "x"`: x's names but its default; an unknown or CommonJS module leaves the list open. */
function mergeStar(out: ModuleExports, target: ModuleExports | null): void {
  if (target === null || target.open || !target.esm) out.open = true;
  for (const name of target?.values ?? []) if (name !== "default") out.values.add(name);
}

/** The name an import or export specifier gives (`x`, or the string of `"a-b" as x`). */
export function exportName(node: Node): string {
  return node.type === "Identifier" ? String(node.name) : String(node.value);
}

/** The value names an exported declaration binds (none for interfaces, type aliases and `declare`). */
export function declaredValues(node: Node): string[] {
  if (node.declare === true) return [];
  switch (node.type) {
    case "VariableDeclaration": {
      const names: string[] = [];
      for (const d of node.declarations as Node[]) bindingNames(d.id as Node, names);
      return names;
    }
    case "FunctionDeclaration":
    case "ClassDeclaration":
    case "TSEnumDeclaration":
    case "TSModuleDeclaration": {
      const id = node.id as Node | null;
      return id && id.type === "Identifier" ? [String(id.name)] : [];
    }
    default:
      return [];
  }
}

/** The names a binding pattern declares (`{ a, b: [c], ...d } = …` declares a, c and d). */
function bindingNames(pattern: Node, into: string[]): void {
  switch (pattern.type) {
    case "Identifier":
      into.push(String(pattern.name));
      return;
    case "Property":
      bindingNames(pattern.value as Node, into);
      return;
    case "AssignmentPattern":
      bindingNames(pattern.left as Node, into);
      return;
    default: // ObjectPattern, ArrayPattern, RestElement
      visitChildren(pattern, (child) => bindingNames(child, into), TYPE_ONLY);
  }
}

const TYPE_ONLY = new Set(["typeAnnotation", "decorators"]);

interface ImportedBinding {
  source: string;
  /** The imported name; null for a namespace (`* as ns`), always a value. */
  name: string | null;
  /** `import type`: never a value. */
  type: boolean;
}

/** Local names bound by imports, and what they import. */
function importedBindings(program: Node): Map<string, ImportedBinding> {
  const bindings = new Map<string, ImportedBinding>();
  for (const statement of (program.body as Node[] | undefined) ?? []) {
    if (statement.type !== "ImportDeclaration") continue;
    const source = String((statement.source as Node).value);
    for (const s of (statement.specifiers as Node[] | undefined) ?? []) {
      const type = statement.importKind === "type" || s.importKind === "type";
      const name =
        s.type === "ImportSpecifier"
          ? exportName(s.imported as Node)
          : s.type === "ImportDefaultSpecifier"
            ? "default"
            : null;
      bindings.set(String((s.local as Node).name), { source, name, type });
    }
  }
  return bindings;
}
