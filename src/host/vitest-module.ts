// What vitest's module system (vite's SSR transform) gives an ES module that Node's does not, for suites run by
// vitest in the Node host's workers (ts-hooks.ts's load hook): a named import of a name the project module does
// not export is `undefined` (vitest reads it as a property; Node refuses to link), and `require`, `__filename`
// and `__dirname` exist (immer's tests `require("../package.json")`), and a namespace import of a CommonJS
// package reads the properties of its `module.exports` (`import * as lodash from "lodash"; lodash.set(…)`).

import { isBuiltin } from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { parseSync } from "oxc-parser";
import { blankSpans } from "../config/strip-types.ts";
import { type Node, type Span } from "../config/ts-ast.ts";
import {
  declaredValues,
  exportName,
  mayExportValue,
  resolveRelative,
  valueExportsOf,
} from "../config/value-exports.ts";

/** A quick look before parsing: a named import from a relative module, or a namespace import. */
const NAMED_RELATIVE_IMPORT = /\bimport\b[^;'"]*(?:\{[^}]*\}\s*from\s*["']\.\.?\/|\*\s*as\s)/;
/** The CommonJS names vitest defines in every module. */
const CJS_NAMES = ["require", "__filename", "__dirname"] as const;
const CJS_NAME = /\b(?:require|__filename|__dirname)\b/;

/**
 * `source` (an ES module at `file`) as vitest runs it: each named import of a name its relative module does not
 * export as a value becomes `var name;`, and the CommonJS names it uses but does not declare are defined, on
 * the lines they were (line numbers hold); the source itself when neither applies. (ts-hooks.ts shares the
 * result between workers.)
 */
export function asVitestModule(source: string, file: string): string {
  if (!NAMED_RELATIVE_IMPORT.test(source) && !(CJS_NAME.test(source) && !source.startsWith("#!"))) return source;
  return rewrite(source, file);
}

function rewrite(source: string, file: string): string {
  const lang = file.endsWith(".tsx") ? "tsx" : /\.[cm]?ts$/.test(file) ? "ts" : "js";
  const result = parseSync(file, source, { lang, sourceType: "module" });
  if (result.errors.some((e) => e.severity === "Error")) return source; // Node reports the syntax error itself
  const spans: Span[] = [];
  const body = (result.program as unknown as Node).body as Node[];
  const prelude = cjsPrelude(source, file, body);
  if (prelude) spans.push({ start: 0, end: 0, insert: prelude });
  for (const statement of body) {
    if (statement.type !== "ImportDeclaration" || statement.importKind === "type") continue;
    const specifier = String((statement.source as Node).value);
    if (isPackage(specifier)) {
      interopNamespace(statement, spans, after(source, statement));
      continue;
    }
    const target = resolveRelative(file, specifier);
    if (!target) continue;
    const exports = valueExportsOf(target);
    const missing = ((statement.specifiers as Node[] | undefined) ?? []).filter(
      (s) =>
        s.type === "ImportSpecifier" &&
        s.importKind !== "type" &&
        !mayExportValue(exports, exportName(s.imported as Node)),
    );
    if (missing.length === 0) continue;
    for (const s of missing) spans.push({ start: s.start, end: endOfSpecifier(source, s.end) });
    const names = missing.map((s) => String((s.local as Node).name));
    spans.push({
      start: statement.end,
      end: statement.end,
      insert: `${after(source, statement)}var ${names.join(", ")};`,
    });
  }
  return spans.length === 0 ? source : blankSpans(source, spans, true);
}

/** What goes between an import statement and code added after it on its line (`;` when it has none). */
function after(source: string, statement: Node): string {
  return source[statement.end - 1] === ";" ? " " : "; ";
}

/** Past the comma that follows a specifier, so `{ a, gone, b }` stays a valid list. */
function endOfSpecifier(source: string, end: number): number {
  const comma = /^\s*,/.exec(source.slice(end));
  return comma ? end + comma[0].length : end;
}

/** `require`, `__filename`, `__dirname` as vitest defines them, for those the file names and does not declare. */
function cjsPrelude(source: string, file: string, body: Node[]): string {
  if (source.startsWith("#!")) return "";
  const declared = topLevelNames(body);
  const wanted = CJS_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(source) && !declared.has(name));
  const parts: string[] = [];
  if (wanted.includes("require"))
    parts.push(
      `import { createRequire as __gremlins_createRequire } from "node:module"; const require = __gremlins_createRequire(${JSON.stringify(pathToFileURL(file).href)});`,
    );
  if (wanted.includes("__filename")) parts.push(`const __filename = ${JSON.stringify(file)};`);
  if (wanted.includes("__dirname")) parts.push(`const __dirname = ${JSON.stringify(dirname(file))};`);
  return parts.length === 0 ? "" : `${parts.join(" ")} `;
}

/** The names a module declares at its top level (imports, variables, functions, classes). */
function topLevelNames(body: Node[]): Set<string> {
  const names = new Set<string>();
  for (const statement of body) {
    const node =
      statement.type === "ExportNamedDeclaration" && statement.declaration
        ? (statement.declaration as Node)
        : statement;
    if (node.type === "ImportDeclaration")
      for (const s of (node.specifiers as Node[] | undefined) ?? []) names.add(String((s.local as Node).name));
    else for (const name of declaredValues(node)) names.add(name);
  }
  return names;
}

/** A bare specifier naming a package (not a relative or absolute path, a URL or a Node built-in). */
function isPackage(specifier: string): boolean {
  return !/^(?:\.|\/|[a-z]+:)/i.test(specifier) && !isBuiltin(specifier);
}

/**
 * `import * as ns from "pkg"` → `import * as __gremlins_ns_ns from "pkg"; const ns = __gremlins_interop(…);`, the
 * helper defined on the same line: Node's namespace of a CommonJS package often holds only `default` (its
 * exports when they cannot be read statically), vitest's also holds default's properties.
 */
function interopNamespace(statement: Node, spans: Span[], separator: string): void {
  const namespace = ((statement.specifiers as Node[] | undefined) ?? []).find(
    (s) => s.type === "ImportNamespaceSpecifier",
  );
  if (!namespace) return;
  const local = String((namespace.local as Node).name);
  const inner = `__gremlins_ns_${local}`;
  const id = namespace.local as Node;
  spans.push({ start: id.start, end: id.end }, { start: id.start, end: id.start, insert: inner });
  spans.push({
    start: statement.end,
    end: statement.end,
    insert: `${separator}const ${local} = (${INTEROP})(${inner});`,
  });
}

/** Namespace properties first, then those of a CommonJS module's `default` (vite-node's interop). */
const INTEROP =
  "(ns) => { const d = ns.default; if (d === null || (typeof d !== 'object' && typeof d !== 'function') || '__esModule' in ns) return ns; " +
  "return new Proxy(ns, { get: (t, k) => (k in t ? t[k] : d[k]), has: (t, k) => k in t || k in d }); }";
