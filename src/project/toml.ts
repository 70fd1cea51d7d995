// A small TOML reader for bunfig.toml: [section] headers, `key = value` with strings, numbers,
// booleans and (possibly multi-line) arrays of those. Anything else is reported, not guessed.

export type TomlValue = string | number | boolean | TomlValue[];

export function readSimpleToml(text: string): Record<string, Record<string, TomlValue>> | string {
  const out: Record<string, Record<string, TomlValue>> = { "": {} };
  let section = "";
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    let line = stripComment(lines[n] as string).trim();
    if (line === "") continue;
    const header = /^\[([A-Za-z0-9_.-]+)\]$/.exec(line);
    if (header) {
      section = header[1] as string;
      out[section] ??= {};
      continue;
    }
    const pair = /^([A-Za-z0-9_-]+|"[^"]+")\s*=\s*(.*)$/.exec(line);
    if (!pair) return `line ${n + 1} is not a "key = value" line gremlins reads`;
    let value = pair[2] as string;
    // Multi-line arrays: gather lines until the brackets balance.
    while (value.startsWith("[") && depth(value) > 0 && n + 1 < lines.length)
      value += ` ${stripComment(lines[++n] as string).trim()}`;
    line = value;
    const parsed = tomlValue(line);
    if (parsed === undefined) return `line ${n + 1}: the value ${line} is not one gremlins reads`;
    (out[section] as Record<string, TomlValue>)[(pair[1] as string).replace(/^"|"$/g, "")] = parsed;
  }
  return out;
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return line.slice(0, i);
  }
  return line;
}

function depth(text: string): number {
  let d = 0;
  let quote: string | null = null;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") d++;
    else if (c === "]") d--;
  }
  return d;
}

function tomlValue(text: string): TomlValue | undefined {
  const t = text.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(t)) return JSON.parse(t) as string;
  if (/^'[^']*'$/.test(t)) return t.slice(1, -1);
  if (t === "true" || t === "false") return t === "true";
  if (/^[+-]?\d[\d_]*(\.\d+)?$/.test(t)) return Number(t.replace(/_/g, ""));
  if (t.startsWith("[") && t.endsWith("]")) {
    const items: TomlValue[] = [];
    const inner = t.slice(1, -1);
    for (const part of splitTop(inner)) {
      if (part.trim() === "") continue;
      const v = tomlValue(part);
      if (v === undefined) return undefined;
      items.push(v);
    }
    return items;
  }
  return undefined;
}

function splitTop(text: string): string[] {
  const parts: string[] = [];
  let d = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") d++;
    else if (c === "]") d--;
    else if (c === "," && d === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
