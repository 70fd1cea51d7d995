// The function each gremlin sits in (innermost function, method or arrow), so the test order can
// prefer tests that killed a gremlin in the same function. Re-parses each file once (oxc, fast).
import { isParseFailure, parseSource } from "../parse/parse.ts";
import type { SourceFile } from "../types.ts";

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/** [start, end) spans of every function node in `node`'s tree. */
export function functionSpans(node: unknown, spans: [number, number][] = []): [number, number][] {
  if (Array.isArray(node)) {
    for (const child of node) functionSpans(child, spans);
    return spans;
  }
  if (typeof node !== "object" || node === null) return spans;
  const record = node as Record<string, unknown>;
  if (
    typeof record.type === "string" &&
    FUNCTION_TYPES.has(record.type) &&
    typeof record.start === "number" &&
    typeof record.end === "number"
  ) {
    spans.push([record.start, record.end]);
  }
  for (const key in record) {
    const value = record[key];
    if (typeof value === "object" && value !== null) functionSpans(value, spans);
  }
  return spans;
}

/** Gremlin id → `file@start` of its innermost enclosing function (absent at top level or if the file does not parse). */
export function enclosingFunctions(files: readonly SourceFile[]): Map<string, string> {
  const scopes = new Map<string, string>();
  for (const file of files) {
    if (file.gremlins.length === 0) continue;
    const parsed = parseSource(file.file, file.source);
    if (isParseFailure(parsed)) continue;
    const spans = functionSpans(parsed.program);
    for (const gremlin of file.gremlins) {
      let best: [number, number] | undefined;
      for (const span of spans) {
        if (span[0] <= gremlin.start && gremlin.end <= span[1] && (!best || span[1] - span[0] < best[1] - best[0]))
          best = span;
      }
      if (best) scopes.set(gremlin.id, `${file.file}@${best[0]}`);
    }
  }
  return scopes;
}
