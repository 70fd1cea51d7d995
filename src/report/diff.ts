// A gremlin as a unified-diff-like snippet: the original source lines (`-`) and the same lines with
// the replacement spliced in (`+`), with line numbers. Works from a source text and a 1-based location,
// so it serves both a live RunResult and a mutation.json read back (`gremlins explain`).
import type { Position } from "../types.ts";
import { padStart, type Paint } from "./format.ts";

export interface DiffInput {
  source: string;
  /** 1-based lines, 1-based UTF-16 columns, end exclusive (the report schema's convention). */
  location: { start: Position; end: Position };
  replacement: string;
}

export interface DiffLine {
  sign: "-" | "+";
  /** Line number in the original (for `-`) or the mutated file (for `+`). */
  line: number;
  text: string;
}

/** Lines shown per side before the rest is summarised. */
const MAX_LINES = 8;

/** UTF-16 offset of a 1-based position in `lines` (clamped to the text). */
function offsetIn(lines: string[], starts: number[], position: Position): number {
  const index = Math.min(Math.max(position.line, 1), lines.length) - 1;
  const column = Math.min(Math.max(position.column, 1) - 1, lines[index]!.length);
  return starts[index]! + column;
}

/** The `-` lines (whole original lines the gremlin touches) and the `+` lines (the same, mutated). */
export function diffLines(input: DiffInput): DiffLine[] {
  const lines = input.source.split("\n");
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  const first = Math.min(Math.max(input.location.start.line, 1), lines.length);
  const last = Math.min(Math.max(input.location.end.line, first), lines.length);
  const start = offsetIn(lines, starts, input.location.start);
  const end = Math.max(start, offsetIn(lines, starts, input.location.end));
  const blockStart = starts[first - 1]!;
  const blockEnd = starts[last - 1]! + lines[last - 1]!.length;
  const original = input.source.slice(blockStart, blockEnd);
  const mutated = input.source.slice(blockStart, start) + input.replacement + input.source.slice(end, blockEnd);
  const strip = (text: string): string => text.replace(/\r$/, "");
  const minus = original.split("\n").map((text, i): DiffLine => ({ sign: "-", line: first + i, text: strip(text) }));
  const plus = mutated.split("\n").map((text, i): DiffLine => ({ sign: "+", line: first + i, text: strip(text) }));
  // A removal that leaves only whitespace on its line reads better as nothing at all.
  const plusShown = plus.length === 1 && plus[0]!.text.trim() === "" ? [] : plus;
  return [...minus, ...plusShown];
}

/** The snippet as text lines: `   12 - original`, `   12 + mutated`, coloured when `paint` colours. */
export function formatDiff(input: DiffInput, paint: Paint, indent = "    "): string[] {
  const lines = diffLines(input);
  const width = Math.max(...lines.map((l) => String(l.line).length));
  const out: string[] = [];
  for (const sign of ["-", "+"] as const) {
    const side = lines.filter((l) => l.sign === sign);
    const colour = sign === "-" ? paint.red : paint.green;
    for (const l of side.slice(0, MAX_LINES)) {
      out.push(`${indent}${paint.dim(padStart(String(l.line), width))} ${colour(`${sign} ${l.text}`)}`);
    }
    if (side.length > MAX_LINES)
      out.push(`${indent}${" ".repeat(width)} ${paint.dim(`  … ${side.length - MAX_LINES} more lines`)}`);
    if (sign === "+" && side.length === 0) out.push(`${indent}${" ".repeat(width)} ${colour("+ (removed)")}`);
  }
  return out;
}
