// Turns TypeScript into plain JavaScript for runtimes that cannot import .ts (Node 20): config files, and the
// project's files in the Node host's worker threads (src/host/ts-hooks.ts). Type-only syntax is removed by
// offsets, newlines kept (line numbers survive); what has runtime meaning is rewritten on the same line (parameter properties,
// plain enums); imports used only as types are elided (import-elision.ts); what needs a real compiler
// (namespaces, `import x = require()`) fails with a clear reason.
import { parseSync } from "oxc-parser";
import { ConfigError } from "../errors.ts";
import { importSpans, localTypeNames, valueReferences } from "./import-elision.ts";
import { type Node, visitChildren } from "./ts-ast.ts";
import { mayExportValue, type ModuleExports, resolveRelative, valueExportsOf } from "./value-exports.ts";
import { enumCode } from "./strip-enum.ts";

import type { Span } from "./ts-ast.ts";

export type { Span };

/** What a config file can do instead, named in the error for syntax that needs compiling. */
const CONFIG_ADVICE = "use plain type annotations, a .mjs config, or run gremlins with Bun or Deno";

// Type-only nodes removed whole (their whole span disappears from the output).
const REMOVED_WHOLE = new Set([
  "TSTypeAnnotation",
  "TSTypeParameterDeclaration",
  "TSTypeParameterInstantiation",
  "TSInterfaceDeclaration",
  "TSTypeAliasDeclaration",
  "TSDeclareFunction",
  "TSIndexSignature",
  "TSAbstractPropertyDefinition",
  "TSAbstractMethodDefinition",
  "TSAbstractAccessorProperty",
]);

// TypeScript syntax with runtime meaning that stripping cannot handle: a compiler would be needed.
const UNSUPPORTED: Record<string, string> = {
  TSModuleDeclaration: "a namespace",
  TSImportEqualsDeclaration: "`import x = require()`",
  TSExportAssignment: "`export =`",
};

/** Modifier keywords that only TypeScript knows, blanked in front of class members and parameters. */
const TS_MODIFIERS = /\b(?:public|private|protected|readonly|override|abstract|declare)\b/g;

/** How imports are elided: `verbatimModuleSyntax` (tsconfig) keeps every import binding not marked `type`. */
export interface StripOptions {
  verbatimModuleSyntax?: boolean;
  /**
   * Read the modules that `export { … } from "./x"` names and drop the names they export only as types, as tsc
   * does; the runners that compile one file at a time keep them, and their module systems tolerate the missing
   * binding that Node's ES modules refuse. Off for config files.
   */
  followReExports?: boolean;
}

/** What the import and export lists of a file are elided against. */
interface ModuleNames {
  /** Names read as values; null under verbatimModuleSyntax (nothing elided but `type` names). */
  used: ReadonlySet<string> | null;
  /** Top-level interfaces and type aliases, which `export { … }` lists drop. */
  typeOnly: ReadonlySet<string>;
  /** The value exports of the module a specifier names (null: unknown, keep every name). */
  exportsOf: (specifier: string) => ModuleExports | null;
}

/** Characters that would merge into one token if a removed span left them side by side. */
const JOINS_WORD = /[\p{ID_Continue}$\\]/u;
const JOINS_OPERATOR = /[+\-*/%=<>!&|^~?.]/;

/** Whether `left` and `right`, with nothing between them, would read as one token. */
function wouldJoin(left: string | undefined, right: string | undefined): boolean {
  if (left === undefined || right === undefined) return false;
  return (JOINS_WORD.test(left) && JOINS_WORD.test(right)) || (JOINS_OPERATOR.test(left) && JOINS_OPERATOR.test(right));
}

/** A span's text with everything but its newlines removed (one space kept where tokens would merge). */
function removeKeepingLines(text: string, left: string | undefined, right: string | undefined): string {
  const lines = text.replace(/[^\n\r]/g, "");
  return lines === "" && wouldJoin(left, right) ? " " : lines;
}

/**
 * Replaces every non-newline character of each span with a space (and inserts `insert` texts), keeping line
 * numbers. With `keepColumns` false the spans' characters are removed instead (newlines still kept), so that
 * `function sum(a: number, b: number)` reads `function sum(a, b)` to `Function.prototype.toString`, as it does
 * after the runners' own transforms (esbuild, Bun, babel); tests that serialise functions compare that text.
 */
export function blankSpans(source: string, spans: Span[], keepColumns = true): string {
  const sorted = [...spans].sort(
    (a, b) => a.start - b.start || (a.insert === undefined ? 1 : 0) - (b.insert === undefined ? 1 : 0),
  );
  let out = "";
  let cursor = 0;
  for (const span of sorted) {
    if (span.insert !== undefined) {
      if (span.start < cursor) continue;
      out += source.slice(cursor, span.start) + span.insert;
      cursor = span.start;
      continue;
    }
    if (span.start < cursor) continue; // nested in an earlier span
    out += source.slice(cursor, span.start);
    const text = source.slice(span.start, span.end);
    out += keepColumns ? text.replace(/[^\n\r]/g, " ") : removeKeepingLines(text, out.at(-1), source[span.end]);
    cursor = span.end;
  }
  return out + source.slice(cursor);
}

interface Analysis {
  spans: Span[];
  /** The file has import/export syntax (an ES module whatever its extension or package type says). */
  hasModuleSyntax: boolean;
}

function analyse(source: string, file: string, advice: string, options: StripOptions = {}): Analysis {
  const lang = file.endsWith(".tsx") ? "tsx" : "ts";
  const result = parseSync(file, source, { lang, sourceType: "module" });
  const error = result.errors.find((e) => e.severity === "Error");
  if (error) throw new ConfigError(`${file}: cannot parse: ${error.message}`);
  const refuse = (what: string): never => {
    throw new ConfigError(`${file}: uses ${what}, which needs a TypeScript compiler under Node; ${advice}`);
  };
  const program = result.program as unknown as Node;
  const names: ModuleNames = {
    used: options.verbatimModuleSyntax ? null : valueReferences(program),
    typeOnly: localTypeNames(program),
    exportsOf: (specifier) => {
      const target = options.followReExports ? resolveRelative(file, specifier) : null;
      return target ? valueExportsOf(target) : null;
    },
  };
  const spans: Span[] = [];
  const visit = (node: Node): void => {
    const unsupported = UNSUPPORTED[node.type];
    if (unsupported && !node.declare) refuse(unsupported);
    if (node.type === "JSXElement" || node.type === "JSXFragment") refuse("JSX");
    if (REMOVED_WHOLE.has(node.type) || node.declare === true || isOverloadSignature(node)) {
      spans.push({ start: node.start, end: node.end });
      return;
    }
    if (!spliceKnownNode(node, spans, source, refuse, names)) visitChildren(node, visit);
  };
  for (const statement of program.body as Node[]) visit(statement);
  return { spans, hasModuleSyntax: result.module.hasModuleSyntax };
}

/** The spans of `source` (a TS module) that are type-only; throws ConfigError on syntax that needs compiling. */
export function typeOnlySpans(
  source: string,
  file: string,
  advice: string = CONFIG_ADVICE,
  options: StripOptions = {},
): Span[] {
  return analyse(source, file, advice, options).spans;
}

/** `f(a: string): void;` inside a class: an overload signature, no body. */
function isOverloadSignature(node: Node): boolean {
  return node.type === "MethodDefinition" && (node.value as Node | undefined)?.type === "TSEmptyBodyFunctionExpression";
}

/** A statement whose declaration disappears whole (`export interface I {}`, `export function f(): void;`). */
function declarationGone(node: Node): boolean {
  const declaration = node.declaration as Node | null | undefined;
  return !!declaration && (REMOVED_WHOLE.has(declaration.type) || declaration.declare === true);
}

/** Records the type-only parts of nodes that are partly type-only; returns true when the whole node is handled. */
function spliceKnownNode(
  node: Node,
  spans: Span[],
  source: string,
  refuse: (what: string) => never,
  names: ModuleNames,
): boolean {
  switch (node.type) {
    case "ImportDeclaration":
      importSpans(node, source, names.used, spans);
      return true;
    case "ExportNamedDeclaration":
    case "ExportAllDeclaration": {
      if (node.exportKind === "type" || declarationGone(node)) {
        spans.push({ start: node.start, end: node.end });
        return true;
      }
      const specifiers = (node.specifiers as Node[] | undefined) ?? [];
      // `export { type A }`, `export { I }` of a local interface or type alias (no `from`), and `export { T } from`
      // a module that exports T only as a type.
      const target = node.source ? names.exportsOf(String((node.source as Node).value)) : null;
      let typesOnlyThere = false;
      const gone = specifiers.filter((s) => {
        const local = String((s.local as Node).name ?? (s.local as Node).value);
        if (s.exportKind === "type") return true;
        if (!node.source) return names.typeOnly.has(local);
        const dropped = !mayExportValue(target, local);
        typesOnlyThere ||= dropped;
        return dropped;
      });
      if (gone.length > 0 && gone.length === specifiers.length && (!node.source || typesOnlyThere)) {
        spans.push({ start: node.start, end: node.end });
        return true;
      }
      for (const s of gone) spans.push({ start: s.start, end: endOfListItem(node, s) });
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
    case "FunctionDeclaration":
    case "FunctionExpression": {
      // `function f(this: T, a)`: the `this` parameter is a type only (with its comma).
      const params = (node.params as Node[] | undefined) ?? [];
      const first = params[0];
      if (first?.type === "Identifier" && first.name === "this")
        spans.push({ start: first.start, end: params[1]?.start ?? first.end });
      return false;
    }
    case "ClassDeclaration":
    case "ClassExpression":
      blankClassHead(node, spans, source);
      return false;
    case "PropertyDefinition":
    case "MethodDefinition":
    case "AccessorProperty":
      blankMemberModifiers(node, spans, source);
      if (node.kind === "constructor") parameterProperties(node, spans, source, refuse);
      return false;
    case "TSEnumDeclaration":
      spans.push(
        { start: node.start, end: node.end },
        { start: node.start, end: node.start, insert: enumCode(node, source, refuse) },
      );
      return true;
    default:
      return false;
  }
}

/** Blanks the TS-only modifier words found in `source[from, to)`. */
function blankModifiers(source: string, from: number, to: number, spans: Span[]): void {
  for (const match of source.slice(from, to).matchAll(TS_MODIFIERS)) {
    spans.push({ start: from + match.index, end: from + match.index + match[0].length });
  }
}

/** After the last decorator (`@x() private a`), where modifier words may start. */
function afterDecorators(node: Node): number {
  const decorators = (node.decorators as Node[] | undefined) ?? [];
  return decorators.length > 0 ? (decorators[decorators.length - 1] as Node).end : node.start;
}

/** `abstract class A<T> extends B implements I, J {`: blanks `abstract` and the `implements` clause. */
function blankClassHead(node: Node, spans: Span[], source: string): void {
  const body = node.body as Node;
  const head = source.slice(afterDecorators(node), body.start);
  const classAt = afterDecorators(node) + head.search(/\bclass\b/);
  if (node.abstract === true) blankModifiers(source, afterDecorators(node), classAt, spans);
  const implemented = (node.implements as Node[] | undefined) ?? [];
  if (implemented.length > 0) {
    const first = implemented[0] as Node;
    const keyword = source.lastIndexOf("implements", first.start);
    spans.push({ start: keyword, end: (implemented[implemented.length - 1] as Node).end });
  }
}

/** `private static readonly x?: T` / `override m()`: blanks the TS modifiers, and the `?`/`!` after the key. */
function blankMemberModifiers(node: Node, spans: Span[], source: string): void {
  const key = node.key as Node;
  const keyStart = node.computed === true ? source.lastIndexOf("[", key.start) : key.start;
  blankModifiers(source, afterDecorators(node), keyStart, spans);
  if (node.optional === true || node.definite === true) {
    const keyEnd = node.computed === true ? source.indexOf("]", key.end) + 1 : key.end;
    const mark = source.slice(keyEnd).search(/[?!]/);
    if (mark >= 0) spans.push({ start: keyEnd + mark, end: keyEnd + mark + 1 });
  }
}

/** `constructor(private a: number)`: blanks the modifiers and assigns `this.a = a;` where TypeScript does. */
function parameterProperties(node: Node, spans: Span[], source: string, refuse: (what: string) => never): void {
  const fn = node.value as Node;
  const names: string[] = [];
  for (const param of (fn.params as Node[] | undefined) ?? []) {
    if (param.type !== "TSParameterProperty") continue;
    const inner = param.parameter as Node;
    const id = (inner.type === "AssignmentPattern" ? inner.left : inner) as Node;
    if (id.type !== "Identifier") refuse("a destructured constructor parameter property");
    blankModifiers(source, afterDecorators(param), inner.start, spans);
    names.push(String(id.name));
  }
  if (names.length === 0) return;
  const body = fn.body as Node;
  // After a top-level `super(…);` (derived classes), else at the start of the body.
  const superCall = ((body.body as Node[] | undefined) ?? []).find(
    (s) =>
      s.type === "ExpressionStatement" &&
      (s.expression as Node).type === "CallExpression" &&
      ((s.expression as Node).callee as Node).type === "Super",
  );
  const at = superCall ? superCall.end : body.start + 1;
  spans.push({ start: at, end: at, insert: ` ${names.map((n) => `this.${n} = ${n};`).join(" ")}` });
}

/** End of a list item including the comma that follows it, so `{ a, type B, c }` stays valid. */
function endOfListItem(parent: Node, item: Node): number {
  const siblings = parent.specifiers as Node[];
  const next = siblings[siblings.indexOf(item) + 1];
  return next ? next.start : item.end;
}

/** Strips TypeScript-only syntax from `source` and checks that the result is valid JavaScript. */
export function stripTypes(source: string, file: string): string {
  return stripTypeScript(source, file).code;
}

/**
 * Strips `source` (TypeScript) to JavaScript, parsed again to be sure; `advice` ends the error for syntax that
 * needs a compiler. Also says whether the file has import/export syntax.
 */
export function stripTypeScript(
  source: string,
  file: string,
  advice: string = CONFIG_ADVICE,
  options: StripOptions = {},
): { code: string; hasModuleSyntax: boolean } {
  const { spans, hasModuleSyntax } = analyse(source, file, advice, options);
  const stripped = blankSpans(source, spans, false);
  const check = parseSync(file.replace(/\.[cm]?tsx?$/, ".mjs"), stripped, { lang: "js", sourceType: "module" });
  const error = check.errors.find((e) => e.severity === "Error");
  if (error) {
    throw new ConfigError(
      `${file}: could not turn TypeScript into JavaScript by stripping types (${error.message}); ${advice}`,
    );
  }
  return { code: stripped, hasModuleSyntax };
}
