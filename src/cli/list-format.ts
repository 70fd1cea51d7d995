// Renders `gremlins list`: one line per gremlin and per parse failure, then counts per operator and per file;
// or the same as one JSON object.
import type { Gremlin, ParseFailure } from "../types.ts";

export interface ListData {
  files: string[];
  gremlins: Gremlin[];
  failures: ParseFailure[];
}

/** One line of source text, whitespace collapsed and shortened, for a column of the list. */
export function oneLine(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? flat.slice(0, max - 1) + "…" : flat;
}

function countBy(gremlins: Gremlin[], key: (g: Gremlin) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const gremlin of gremlins) counts.set(key(gremlin), (counts.get(key(gremlin)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function table(title: string, rows: [string, number][]): string[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map(([name]) => name.length));
  return ["", title, ...rows.map(([name, count]) => `  ${name.padEnd(width)}  ${String(count).padStart(5)}`)];
}

export function formatListText(data: ListData): string {
  const lines: string[] = [];
  for (const g of data.gremlins) {
    const where = `${g.file}:${g.loc.start.line}:${g.loc.start.column}`;
    const change = `${oneLine(g.original)} → ${g.replacement.trim() === "" ? "(removed)" : oneLine(g.replacement)}`;
    lines.push(`${where}  ${g.operator}  ${change}${g.ignoredReason ? `  [ignored: ${g.ignoredReason}]` : ""}`);
  }
  for (const f of data.failures) lines.push(`${f.file}:${f.line}:${f.column}  parse error: ${f.message}`);
  const ignored = data.gremlins.filter((g) => g.ignoredReason).length;
  lines.push(
    ...table(
      "Gremlins per operator:",
      countBy(data.gremlins, (g) => g.operator),
    ),
  );
  lines.push(
    ...table(
      "Gremlins per file:",
      countBy(data.gremlins, (g) => g.file),
    ),
  );
  lines.push(
    "",
    `${data.gremlins.length} gremlin${data.gremlins.length === 1 ? "" : "s"} in ${data.files.length} file${data.files.length === 1 ? "" : "s"}` +
      (ignored ? ` (${ignored} ignored)` : "") +
      (data.failures.length ? `, ${data.failures.length} file${data.failures.length === 1 ? "" : "s"} not parsed` : ""),
  );
  return lines.join("\n") + "\n";
}

export function formatListJson(data: ListData): string {
  const json = {
    files: data.files,
    gremlins: data.gremlins.map((g) => ({
      id: g.id,
      index: g.index,
      file: g.file,
      line: g.loc.start.line,
      column: g.loc.start.column,
      end: g.loc.end,
      operator: g.operator,
      original: g.original,
      replacement: g.replacement,
      description: g.description,
      kind: g.kind,
      ...(g.ignoredReason ? { ignoredReason: g.ignoredReason } : {}),
    })),
    parseFailures: data.failures,
    counts: {
      total: data.gremlins.length,
      ignored: data.gremlins.filter((g) => g.ignoredReason).length,
      byOperator: Object.fromEntries(countBy(data.gremlins, (g) => g.operator)),
      byFile: Object.fromEntries(countBy(data.gremlins, (g) => g.file)),
    },
  };
  return JSON.stringify(json, null, 2) + "\n";
}
