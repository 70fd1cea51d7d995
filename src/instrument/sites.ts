// Gremlin sites: gremlins grouped by identical (start, end, kind), and the switch text each site
// becomes — a conditional expression for expression sites, an if/else chain for statement sites.
import type { Gremlin, SiteKind } from "../types.ts";
import { RUNTIME_FUNCTION } from "./runtime.ts";
import { isLineBreak, type LastLine } from "./splice.ts";

export interface Site {
  start: number;
  end: number;
  kind: SiteKind;
  /** The site's gremlins in index order. */
  gremlins: Gremlin[];
}

/** Groups gremlins by identical span and kind; sites come out in source order. */
export function groupSites(gremlins: readonly Gremlin[]): Site[] {
  return groupSorted(gremlins) ?? groupAny(gremlins);
}

/**
 * The usual case, a file's gremlins as the mutate stage numbers them (by index, and so by start, longer
 * spans first): one pass, as a site's gremlins are adjacent. Null when the input is not in that order.
 */
function groupSorted(gremlins: readonly Gremlin[]): Site[] | null {
  const sites: Site[] = [];
  let spanStart = 0; // index in `sites` of the first site of the current span
  for (let i = 0; i < gremlins.length; i++) {
    const g = gremlins[i]!;
    const previous = gremlins[i - 1];
    if (previous !== undefined) {
      if (g.index <= previous.index || g.start < previous.start || (g.start === previous.start && g.end > previous.end))
        return null;
      if (g.start !== previous.start || g.end !== previous.end) spanStart = sites.length;
    }
    let site: Site | undefined;
    for (let k = spanStart; k < sites.length; k++) if (sites[k]!.kind === g.kind) site = sites[k];
    if (!site) {
      site = { start: g.start, end: g.end, kind: g.kind, gremlins: [] };
      sites.push(site);
    }
    site.gremlins.push(g);
  }
  return sites;
}

/** Any order: sites by span and kind in first-seen order, then each site's gremlins by index and sites by position. */
function groupAny(gremlins: readonly Gremlin[]): Site[] {
  const sites: Site[] = [];
  const byStart = new Map<number, Site[]>();
  for (const gremlin of gremlins) {
    let atStart = byStart.get(gremlin.start);
    if (!atStart) {
      atStart = [];
      byStart.set(gremlin.start, atStart);
    }
    let site = atStart.find((s) => s.end === gremlin.end && s.kind === gremlin.kind);
    if (!site) {
      site = { start: gremlin.start, end: gremlin.end, kind: gremlin.kind, gremlins: [] };
      atStart.push(site);
      sites.push(site);
    }
    site.gremlins.push(gremlin);
  }
  for (const site of sites) if (site.gremlins.length > 1) site.gremlins.sort((a, b) => a.index - b.index);
  return sites.sort((a, b) => a.start - b.start || b.end - a.end);
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** Does the last line of `text` hold `//` (which would comment out a closing bracket appended to it)? */
function endsInLineComment(text: string): boolean {
  // Scan back from the end to the last line break: replacement texts are short.
  for (let i = text.length - 1; i > 0; i--) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) return false;
    if (c === 47 && text.charCodeAt(i - 1) === 47) return true;
  }
  return false;
}

/** Text that ends in a line comment would swallow the closing bracket that follows it. */
function closable(text: string, endsInComment = endsInLineComment(text)): string {
  return endsInComment ? text + "\n" : text;
}

function call(index: number): string {
  return `${RUNTIME_FUNCTION}(${index})`;
}

/** `(g(7) ? (R7) : g(8) ? (R8) : (ORIG))`; `original` ends in a line comment when `originalLastLine.slashes`. */
export function expressionSwitch(gremlins: readonly Gremlin[], original: string, originalLastLine: LastLine): string {
  let out = "(";
  for (const g of gremlins) out += `${call(g.index)} ? (${closable(g.replacement)}) : `;
  return out + `(${closable(original, originalLastLine.slashes)}))`;
}

/** `if (g(7)) {R7} else if (g(8)) {R8} else {ORIG}`; `original` ends in a line comment when `originalLastLine.slashes`. */
export function statementSwitch(gremlins: readonly Gremlin[], original: string, originalLastLine: LastLine): string {
  let out = "";
  for (const g of gremlins) out += `if (${call(g.index)}) {${closable(g.replacement)}} else `;
  return out + `{${closable(original, originalLastLine.slashes)}}`;
}

/** The switch text of a site, given its original text with inner sites already instrumented, and that text's last line. */
export function siteSwitch(site: Site, original: string, originalLastLine: LastLine): string {
  return site.kind === "expression"
    ? expressionSwitch(site.gremlins, original, originalLastLine)
    : statementSwitch(site.gremlins, original, originalLastLine);
}

/**
 * The last line of a site's switch text. It never holds `//`: every text in it that might (ORIG, each
 * REPL) gets a line break after it when it does, and the scaffolding has none. It holds a line break when
 * ORIG or a REPL does (or got one).
 */
export function switchLastLine(site: Site, originalLastLine: LastLine): LastLine {
  let hasBreak = originalLastLine.hasBreak || originalLastLine.slashes;
  for (let i = 0; i < site.gremlins.length && !hasBreak; i++) {
    const replacement = site.gremlins[i]!.replacement;
    hasBreak = LINE_BREAK.test(replacement) || endsInLineComment(replacement);
  }
  return { hasBreak, slashes: false };
}
