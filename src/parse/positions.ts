// Converts UTF-16 offsets (oxc's, and JS string indices) to 1-based line/column positions.
import type { Position } from "../types.ts";

/** Offsets at which each line starts; line breaks are \n, \r\n and lone \r. */
export function lineStarts(source: string): number[] {
  const starts = [0];
  if (!source.includes("\r")) {
    // The common case, found with the native indexOf instead of a loop over every character.
    for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (source.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Position of `offset` given precomputed line starts (binary search). */
export function positionFromStarts(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

export function positionAt(source: string, offset: number): Position {
  return positionFromStarts(lineStarts(source), offset);
}
