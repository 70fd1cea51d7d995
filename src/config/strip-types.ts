// Turns a TypeScript config file into plain JavaScript for runtimes that cannot import .ts (Node 20):
// type-only syntax is blanked out by offsets (line numbers survive); syntax that needs a real compiler fails clearly.
import { parseSync } from "oxc-parser";
import { ConfigError } from "../errors.ts";

/** A half-open source range to blank out. */
interface Span {
  start: number;
  end: number;
}

// Type-only nodes removed whole (their whole span disappears from the output).
const REMOVED_WHOLE = new Set([
  "TSTypeAnnotation",
  "TSTypeParameterDeclaration",
  "TSTypeParameterInstantiation",
  "TSInterfaceDeclaration",
  "TSTypeAliasDeclaration",
  "TSDeclareFunction",
]);

// TypeScript syntax with runtime meaning: stripping cannot handle it, a compiler would be needed.
const UNSUPPORTED: Record<string, string> = {
  TSEnumDeclaration: "an enum",
  TSModuleDeclaration: "a namespace",
  TSParameterProperty: "a constructor parameter property",
  TSImportEqualsDeclaration: "`import x = require()`",
  TSExportAssignment: "`export =`",
};

type Node = { type: string; start: number; end: number; [key: string]: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as Node).type === "string";
}

/** Replaces every non-newline character of each span with a space, keeping offsets and line numbers. */
export function blankSpans(source: string, spans: Span[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = "";
  let cursor = 0;
  for (const span of sorted) {
    if (span.start < cursor) continue; // nested in an earlier span
    out += source.slice(cursor, span.start) + source.slice(span.start, span.end).replace(/[^\n\r]/g, " ");
    cursor = span.end;
  }
  return out + source.slice(cursor);
}

/** The spans of `source` (a TS module) that are type-only; throws ConfigError on syntax that needs compiling. */
export function typeOnlySpans(source: string, file: string): Span[] {
  const result = parseSync(file, source, { lang: "ts", sourceType: "module" });
  const error = result.errors.find((e) => e.severity === "Error");
  if (error) throw new ConfigError(`${file}: cannot parse: ${error.message}`);
  const spans: Span[] = [];
  const visit = (node: Node): void => {
    const unsupported = UNSUPPORTED[node.type];
    if (unsupported && !node.declare) {
      throw new ConfigError(
        `${file}: uses ${unsupported}, which needs a TypeScript compiler under Node; use plain type annotations, a .mjs config, or run gremlins with Bun or Deno`,
      );
    }
    if (REMOVED_WHOLE.has(node.type) || node.declare === true) {
      spans.push({ start: node.start, end: node.end });
      return;
    }
    if (!spliceKnownNode(node, spans, file)) visitChildren(node, visit);
  };
  for (const statement of result.program.body as unknown as Node[]) visit(statement);
  return spans;
}

/** Records the type-only parts of nodes that are partly type-only; returns true when the whole node is gone. */
function spliceKnownNode(node: Node, spans: Span[], file: string): boolean {
  switch (node.type) {
    case "ImportDeclaration":
    case "ExportNamedDeclaration":
    case "ExportAllDeclaration": {
      if (node.importKind === "type" || node.exportKind === "type") {
        spans.push({ start: node.start, end: node.end });
        return true;
      }
      const specifiers = (node.specifiers as Node[] | undefined) ?? [];
      const typeOnly = specifiers.filter((s) => s.importKind === "type" || s.exportKind === "type");
      if (typeOnly.length > 0 && typeOnly.length === specifiers.length && node.type === "ImportDeclaration") {
        // `import { type A } from "x"` is elided entirely by TypeScript.
        spans.push({ start: node.start, end: node.end });
        return true;
      }
      for (const s of typeOnly) spans.push({ start: s.start, end: endOfListItem(node, s) });
      return false;
    }
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSNonNullExpression": {
      const expression = node.expression as Node;
      spans.push({ start: expression.end, end: node.end });
      return false; // the expression is still visited; the type part lies inside the blanked span
    }
    case "TSTypeAssertion": {
      const expression = node.expression as Node;
      spans.push({ start: node.start, end: expression.start });
      return false;
    }
    case "Identifier": {
      // `a?: T` and `a!: T`: blank the `?`/`!` between the name and the annotation.
      const name = String(node.name);
      const annotation = node.typeAnnotation as Node | null;
      if (node.optional === true) {
        spans.push({ start: node.start + name.length, end: annotation ? annotation.start : node.end });
      }
      return false;
    }
    case "VariableDeclarator": {
      if (node.definite === true) {
        const id = node.id as Node;
        spans.push({ start: id.start + String(id.name).length, end: id.start + String(id.name).length + 1 });
      }
      return false;
    }
    case "ClassDeclaration":
    case "ClassExpression":
    case "PropertyDefinition":
    case "MethodDefinition":
    case "AccessorProperty": {
      if (node.abstract || node.accessibility || node.override || node.readonly || (node.implements as unknown[] | undefined)?.length) {
        throw new ConfigError(`${file}: a class with TypeScript modifiers cannot be stripped under Node; use a .mjs config`);
      }
      return false;
    }
    default:
      return false;
  }
}

/** End of a list item including the comma that follows it, so `{ a, type B, c }` stays valid. */
function endOfListItem(parent: Node, item: Node): number {
  const siblings = parent.specifiers as Node[];
  const next = siblings[siblings.indexOf(item) + 1];
  return next ? next.start : item.end;
}

function visitChildren(node: Node, visit: (n: Node) => void): void {
  for (const key of Object.keys(node)) {
    if (key === "parent") continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) {
      visit(value);
    }
  }
}

/** Strips TypeScript-only syntax from `source` and checks that the result is valid JavaScript. */
export function stripTypes(source: string, file: string): string {
  const stripped = blankSpans(source, typeOnlySpans(source, file));
  const check = parseSync(file.replace(/\.[cm]?ts$/, ".mjs"), stripped, { lang: "js", sourceType: "module" });
  const error = check.errors.find((e) => e.severity === "Error");
  if (error) {
    throw new ConfigError(`${file}: could not turn the TypeScript config into JavaScript (${error.message}); use a .mjs config or run with Bun or Deno`);
  }
  return stripped;
}
