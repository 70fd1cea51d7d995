// Gremlin sites: gremlins grouped by identical (start, end, kind), and the switch text each site
// becomes — a conditional expression for expression sites, an if/else chain for statement sites.
import type { Gremlin, SiteKind } from "../types.ts";
import { RUNTIME_FUNCTION } from "./runtime.ts";

export interface Site {
  start: number;
  end: number;
  kind: SiteKind;
  /** The site's gremlins in index order. */
  gremlins: Gremlin[];
}

/** Groups gremlins by identical span and kind; sites come out in source order. */
export function groupSites(gremlins: readonly Gremlin[]): Site[] {
  const byKey = new Map<string, Site>();
  for (const gremlin of gremlins) {
    const key = `${gremlin.start}:${gremlin.end}:${gremlin.kind}`;
    let site = byKey.get(key);
    if (!site) {
      site = { start: gremlin.start, end: gremlin.end, kind: gremlin.kind, gremlins: [] };
      byKey.set(key, site);
    }
    site.gremlins.push(gremlin);
  }
  const sites = [...byKey.values()];
  for (const site of sites) site.gremlins.sort((a, b) => a.index - b.index);
  return sites.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Text that ends in a line comment would swallow the closing bracket that follows it. */
function closable(text: string): string {
  return /\/\/[^\n\r\u2028\u2029]*$/.test(text) ? text + "\n" : text;
}

function call(index: number): string {
  return `${RUNTIME_FUNCTION}(${index})`;
}

/** `(g(7) ? (R7) : g(8) ? (R8) : (ORIG))` */
export function expressionSwitch(gremlins: readonly Gremlin[], original: string): string {
  let out = "(";
  for (const g of gremlins) out += `${call(g.index)} ? (${closable(g.replacement)}) : `;
  return out + `(${closable(original)}))`;
}

/** `if (g(7)) {R7} else if (g(8)) {R8} else {ORIG}` */
export function statementSwitch(gremlins: readonly Gremlin[], original: string): string {
  let out = "";
  for (const g of gremlins) out += `if (${call(g.index)}) {${closable(g.replacement)}} else `;
  return out + `{${closable(original)}}`;
}

/** The switch text of a site, given its original text with inner sites already instrumented. */
export function siteSwitch(site: Site, original: string): string {
  return site.kind === "expression" ? expressionSwitch(site.gremlins, original) : statementSwitch(site.gremlins, original);
}
