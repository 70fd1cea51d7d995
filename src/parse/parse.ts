// Parses one JS/TS source file with oxc-parser and turns parse errors into a ParseFailure
// (file, 1-based line/column, message) so callers can skip the file and go on.
import { parseSync, type Comment, type Program } from "oxc-parser";
import type { ParseFailure, SourceLanguage } from "../types.ts";
import { positionAt } from "./positions.ts";

export const SOURCE_EXTENSIONS = ["js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts"] as const;

export interface ParsedFile {
  file: string;
  source: string;
  language: SourceLanguage;
  program: Program;
  comments: Comment[];
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

type OxcResult = ReturnType<typeof parseSync>;

/** Runs oxc with gremlins' options; a thrown parser error becomes a ParseFailure at 1:1. */
function runOxc(file: string, source: string): OxcResult | ParseFailure {
  const language = languageOf(file) ?? "js";
  // JSX is legal in .js files in most projects (React), so plain .js is parsed as jsx.
  const lang = language === "js" ? "jsx" : language;
  try {
    return parseSync(file, source, { lang, sourceType: sourceTypeOf(file), preserveParens: true });
  } catch (error) {
    return { file, line: 1, column: 1, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The first error oxc reported, as a ParseFailure; null when there is none. */
function firstError(file: string, source: string, errors: OxcResult["errors"]): ParseFailure | null {
  const fatal = errors.find((e) => e.severity === "Error") ?? errors[0];
  if (!fatal) return null;
  const pos = positionAt(source, fatal.labels[0]?.start ?? 0);
  return { file, line: pos.line, column: pos.column, message: fatal.message };
}

/** Parses `source`; returns the AST or the first error as a ParseFailure. `file` is used for messages and the language. */
export function parseSource(file: string, source: string): ParsedFile | ParseFailure {
  const result = runOxc(file, source);
  if ("message" in result) return result;
  const failure = firstError(file, source, result.errors);
  if (failure) return failure;
  return { file, source, language: languageOf(file) ?? "js", program: result.program, comments: result.comments };
}

export function isParseFailure(value: ParsedFile | ParseFailure): value is ParseFailure {
  return "message" in value;
}

/**
 * The first parse error of `source`, or null when it parses. Cheaper than parseSource: the AST is
 * never deserialised into JS objects (oxc hands it over as JSON, parsed only on first access).
 */
export function firstParseError(file: string, source: string): ParseFailure | null {
  const result = runOxc(file, source);
  return "message" in result ? result : firstError(file, source, result.errors);
}
