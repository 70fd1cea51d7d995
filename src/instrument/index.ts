// Mutation switching: turns one source file and its gremlins into ONE instrumented copy in which
// every planted gremlin is selected at runtime through the `__gremlins_g(index)` helper.
import { GremlinsError } from "../errors.ts";
import { firstParseError, isParseFailure, parseSource } from "../parse/parse.ts";
import { collectStatementBounds } from "../parse/statement-bounds.ts";
import type { Gremlin, SourceFile, StatementBounds } from "../types.ts";
import { asiGuards, RANK_EXPRESSION_SITE, RANK_STATEMENT_SITE } from "./asi-guards.ts";
import { RUNTIME_SOURCE } from "./runtime.ts";
import { groupSites, siteSwitch, switchLastLine } from "./sites.ts";
import { splice, type LastLine, type Wrapper } from "./splice.ts";

export {
  HIT_LIMIT_ERROR,
  RUNTIME_FUNCTION,
  RUNTIME_SOURCE,
  SWITCH_ACTIVE,
  SWITCH_HITS,
  SWITCH_HIT_LIMIT,
  SWITCH_LENGTH,
  SWITCH_TEST,
  hitLimitFileName,
  reachedFileName,
  type GremlinsGlobals,
  type GremlinsRuntime,
} from "./runtime.ts";

/** End of a leading `#!` line, including its line break (0 when there is none). */
function hashbangEnd(source: string): number {
  if (!source.startsWith("#!")) return 0;
  const match = /\r\n|[\n\r\u2028\u2029]/.exec(source);
  return match ? match.index + match[0].length : source.length;
}

/** TS files always get `// @ts-nocheck` (the helper is untyped); JS files only when they opt into checking. */
function needsNoCheck(file: SourceFile): boolean {
  return file.language === "ts" || file.language === "tsx" || /@ts-check\b/.test(file.source);
}

/** The text before the body: the `#!` line, then `// @ts-nocheck` when asked (TS reads it only there). */
function noCheckHead(source: string, noCheck: boolean): string {
  const head = source.slice(0, hashbangEnd(source));
  if (!noCheck) return head;
  return head + (head.length > 0 && !/[\n\r\u2028\u2029]$/.test(head) ? "\n" : "") + "// @ts-nocheck\n";
}

/** `source` with `// @ts-nocheck` added after its `#!` line (one line more). */
export function withNoCheck(source: string): string {
  return noCheckHead(source, true) + source.slice(hashbangEnd(source));
}

/** A gremlin must cover exactly its `original` text: anything else means stale or miscounted offsets. */
function checkSpan(file: SourceFile, gremlin: Gremlin): void {
  const { start, end } = gremlin;
  const valid =
    Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= file.source.length;
  if (valid && end - start === gremlin.original.length && file.source.startsWith(gremlin.original, start)) return;
  throw new GremlinsError(
    `${file.file}: gremlin ${gremlin.index} (${gremlin.operator}) does not match the source at [${start}, ${end}); this is a bug in gremlins`,
  );
}

/** Statement edges for the ASI guards, for a SourceFile that was not built by the mutate stage. */
function statementBoundsOf(file: SourceFile): StatementBounds {
  const parsed = parseSource(file.file, file.source);
  if (isParseFailure(parsed))
    throw new GremlinsError(
      `${file.file}:${parsed.line}:${parsed.column}: cannot instrument a file that does not parse: ${parsed.message}`,
    );
  return collectStatementBounds(parsed.program, file.source);
}

/** The whole instrumented source text of `file`; gremlins with an `ignoredReason` are not planted. */
export function instrumentFile(file: SourceFile): string {
  const { source } = file;
  const planted = file.gremlins.filter((g) => g.ignoredReason === undefined);
  for (const gremlin of planted) checkSpan(file, gremlin);
  const sites = groupSites(planted);
  const wrappers: Wrapper[] = sites.map((site) => ({
    start: site.start,
    end: site.end,
    rank: site.kind === "statement" ? RANK_STATEMENT_SITE : RANK_EXPRESSION_SITE,
    // REPL texts are plain replacements; only ORIG (`inner`) carries nested sites.
    wrap: (inner: string, innerLastLine: LastLine) => siteSwitch(site, inner, innerLastLine),
    lastLine: (innerLastLine: LastLine) => switchLastLine(site, innerLastLine),
  }));
  const expressionSites = sites.filter((s) => s.kind === "expression");
  if (expressionSites.length > 0)
    wrappers.push(...asiGuards(file.statementBounds ?? statementBoundsOf(file), expressionSites));

  const bodyStart = hashbangEnd(source);
  for (const w of wrappers) {
    if (w.start < bodyStart)
      throw new GremlinsError(
        `${file.file}: a gremlin site starts inside the hashbang line; this is a bug in gremlins`,
      );
  }
  const text = noCheckHead(source, needsNoCheck(file)) + splice(source, bodyStart, source.length, wrappers, file.file);

  // The guard re-parses everything but the helper: RUNTIME_SOURCE is a fixed list of complete
  // declarations (tests pin that it parses alone and starts with `function`), and such a list after a
  // line break cannot make a parsing program fail (it can only rescue a broken one, `x =` at the end).
  const check = firstParseError(file.file, text);
  if (check) {
    throw new GremlinsError(
      `${file.file}: the instrumented copy does not parse (${check.line}:${check.column}: ${check.message}); this is a bug in gremlins`,
    );
  }
  return `${text}\n${RUNTIME_SOURCE}`;
}
