// Parses one JS/TS source file with oxc-parser and turns parse errors into a ParseFailure
// (file, 1-based line/column, message) so callers can skip the file and go on.
import type { Comment, OxcError, ParserOptions, Program } from "oxc-parser";
// oxc's addon and JSON-to-AST step, called directly: oxc's `parseSync` wrapper also converts the ESM
// import/export tables (`module`), which gremlins never reads. build.ts swaps bindings.js for the binary.
import { parseSync as parseNative, type NativeParseResult } from "oxc-parser/src-js/bindings";
import { jsonParseAst } from "oxc-parser/src-js/wrap.js";
import type { ParseFailure, SourceLanguage } from "../types.ts";
import { positionAt } from "./positions.ts";

export const SOURCE_EXTENSIONS = ["js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts"] as const;

export interface ParsedFile {
  file: string;
  source: string;
  language: SourceLanguage;
  program: Program;
  /** Read lazily from oxc's result (converting them costs time most callers need not spend). */
  readonly comments: Comment[];
}

/** The oxc language of a path, by extension; `null` for files that are not JS/TS sources. */
export function languageOf(file: string): SourceLanguage | null {
  const ext = file.slice(file.lastIndexOf(".") + 1).toLowerCase();
  if (ext === "ts" || ext === "mts" || ext === "cts") return file.endsWith(".d." + ext) ? null : "ts";
  if (ext === "tsx") return "tsx";
  if (ext === "jsx") return "jsx";
  if (ext === "js" || ext === "mjs" || ext === "cjs") return "js";
  return null;
}

function sourceTypeOf(file: string): "module" | "commonjs" | "unambiguous" {
  if (/\.c[jt]s$/i.test(file)) return "commonjs";
  if (/\.m[jt]s$/i.test(file)) return "module";
  return "unambiguous";
}

/**
 * Runs oxc with gremlins' options; a thrown parser error becomes a ParseFailure at 1:1.
 * `astType: "js"` is for callers that only read `errors`: the AST JSON then leaves out TypeScript-only
 * fields, which makes oxc's serialisation cheaper; it does not change what parses.
 */
function runOxc(file: string, source: string, astType?: ParserOptions["astType"]): NativeParseResult | ParseFailure {
  const language = languageOf(file) ?? "js";
  // JSX is legal in .js files in most projects (React), so plain .js is parsed as jsx.
  const lang = language === "js" ? "jsx" : language;
  try {
    return parseNative(file, source, { lang, sourceType: sourceTypeOf(file), preserveParens: true, astType });
  } catch (error) {
    return { file, line: 1, column: 1, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The first error oxc reported, as a ParseFailure; null when there is none. */
function firstError(file: string, source: string, errors: readonly OxcError[]): ParseFailure | null {
  const fatal = errors.find((e) => e.severity === "Error") ?? errors[0];
  if (!fatal) return null;
  const pos = positionAt(source, fatal.labels[0]?.start ?? 0);
  return { file, line: pos.line, column: pos.column, message: fatal.message };
}

/** Parses `source`; returns the AST or the first error as a ParseFailure. `file` is used for messages and the language. */
export function parseSource(file: string, source: string): ParsedFile | ParseFailure {
  const result = runOxc(file, source);
  if ("message" in result) return result;
  const { errors, program } = result;
  const failure = firstError(file, source, errors);
  if (failure) return failure;
  // Comments are converted on first use only: most callers never read them (the addon frees them with the result).
  let comments: Comment[] | undefined;
  return {
    file,
    source,
    language: languageOf(file) ?? "js",
    program: jsonParseAst(program),
    get comments(): Comment[] {
      comments ??= result.comments;
      return comments;
    },
  };
}

export function isParseFailure(value: ParsedFile | ParseFailure): value is ParseFailure {
  return "message" in value;
}

/**
 * The first parse error of `source`, or null when it parses. Cheaper than parseSource: the AST JSON
 * is slimmer (no TypeScript-only fields) and is never turned into JS objects.
 */
export function firstParseError(file: string, source: string): ParseFailure | null {
  const result = runOxc(file, source, "js");
  if ("message" in result) return result;
  // Taking `program` hands its JSON over to JS, where it is garbage at once; left in the addon it would
  // live until a GC finalises the result, and a run's worth of them grows memory (and time) a lot.
  const { errors, program: _json } = result;
  return firstError(file, source, errors);
}
