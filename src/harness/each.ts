// `test.each` / `describe.each` tables: rows from arrays, objects or a tagged template, and the
// printf-style (`%s %d %i %f %j %o %p %#`) or `$name` test titles jest, bun and vitest produce.

import { inspect } from "node:util";

export interface EachCase {
  title: string;
  /** Arguments passed to the callback. */
  args: unknown[];
}

const isTemplate = (v: unknown): v is TemplateStringsArray =>
  Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, "raw");

/** Normalises `each(table)` or each`tagged template` into rows of callback arguments. */
export function eachRows(table: unknown, values: unknown[], spread: boolean): unknown[][] {
  if (isTemplate(table)) {
    const headings = table[0]!
      .split("|")
      .map((h) => h.trim())
      .filter(Boolean);
    const rows: unknown[][] = [];
    for (let i = 0; i + headings.length <= values.length; i += headings.length) {
      const row: Record<string, unknown> = {};
      headings.forEach((h, j) => (row[h] = values[i + j]));
      rows.push([row]);
    }
    return rows;
  }
  if (!Array.isArray(table)) throw new TypeError("each: expected an array or a tagged template table");
  // A row is spread into arguments only when every row is an array (jest-each's and vitest's rule): in
  // `[{}, [], fn]` the `[]` is one argument.
  const spreadRows = spread && table.every((row) => Array.isArray(row));
  return table.map((row) => (spreadRows ? (row as unknown[]) : [row]));
}

function pretty(v: unknown): string {
  return inspect(v, { depth: 3, breakLength: Infinity, compact: true });
}

function lookup(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const key of path.split("."))
    v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[key];
  return v;
}

/** Formats one title: placeholders consume arguments in order; `$a.b` reads the row object. */
export function formatTitle(title: string, args: unknown[], index: number): string {
  let next = 0;
  let out = title.replace(/%([sdifjoOp#%$])/g, (m, c: string) => {
    if (c === "%") return "%";
    if (c === "#") return String(index);
    if (c === "$") return String(index + 1);
    if (next >= args.length) return m;
    const v = args[next++];
    switch (c) {
      case "s":
        // A function's own source text, as util.format (jest) and vitest's format print it.
        return typeof v === "string" || typeof v === "function" ? String(v) : pretty(v);
      case "d":
      case "i":
        return typeof v === "number" || typeof v === "bigint" ? String(c === "i" ? Math.trunc(Number(v)) : v) : "NaN";
      case "f":
        return String(Number(v));
      case "j":
        try {
          return JSON.stringify(v);
        } catch {
          return "[Circular]";
        }
      default:
        return pretty(v);
    }
  });
  const row = args[0];
  if (args.length === 1 && row !== null && typeof row === "object") {
    out = out.replace(/\$([A-Za-z_$][\w$]*(?:\.[\w$]+)*)/g, (m, path: string) => {
      const v = lookup(row, path);
      return v === undefined && !(path.split(".")[0]! in (row as object)) ? m : typeof v === "string" ? v : pretty(v);
    });
  }
  return out;
}

export function eachCases(title: string, table: unknown, values: unknown[], spread = true): EachCase[] {
  return eachRows(table, values, spread).map((args, i) => ({ title: formatTitle(title, args, i), args }));
}
