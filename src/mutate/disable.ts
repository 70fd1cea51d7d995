// Disable comments: `gremlins-disable-next-line`, `gremlins-disable` … `gremlins-enable` regions and
// `gremlins-disable-file`, each with an optional operator list and a REQUIRED reason. Malformed
// directives are reported as problems and disable nothing; disabled gremlins keep an ignoredReason.
import type { Comment } from "oxc-parser";
import { positionFromStarts } from "../parse/positions.ts";
import type { Gremlin } from "../types.ts";
import { didYouMean } from "../util/nearest.ts";

/** A directive that was ignored or only partly understood, for a warning line `file:line:column message`. */
export interface DisableProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type DirectiveKind = "disable-next-line" | "disable" | "enable" | "disable-file";

const DIRECTIVE_NAMES: readonly string[] = [
  "gremlins-disable-next-line",
  "gremlins-disable",
  "gremlins-enable",
  "gremlins-disable-file",
];

/** One well-formed directive. `operators` null means "every operator". */
export interface DisableDirective {
  kind: DirectiveKind;
  operators: ReadonlySet<string> | null;
  reason: string;
  /** 1-based line of the comment's start (used in ignoredReason). */
  line: number;
  /** Offset from which the directive takes effect (regions: comment end; enable: comment start). */
  offset: number;
  /** For disable-next-line: the line whose gremlins it disables (the line after the comment ends). */
  targetLine: number;
}

export interface ParsedDirectives {
  directives: DisableDirective[];
  problems: DisableProblem[];
}

const HEAD = /^gremlins-([A-Za-z0-9_-]*)/;

/** Directive text of a comment: its value without decoration (`*` of JSDoc-style block comments). */
function directiveText(comment: Comment): string {
  const text =
    comment.type === "Block" ? comment.value.replace(/^[\s*]+/, "").replace(/[\s*]+$/, "") : comment.value.trim();
  return text;
}

/**
 * Reads the gremlins directives out of a file's comments. `knownOperators` are all valid operator
 * names (not just the enabled ones), for validating operator lists.
 */
export function parseDisableComments(
  file: string,
  comments: readonly Comment[],
  starts: readonly number[],
  knownOperators: readonly string[],
): ParsedDirectives {
  const directives: DisableDirective[] = [];
  const problems: DisableProblem[] = [];
  const known = new Set(knownOperators);
  for (const comment of comments) {
    // Cheap pre-filter: most comments are not directives.
    if (!comment.value.includes("gremlins-")) continue;
    const text = directiveText(comment);
    const head = HEAD.exec(text);
    if (!head) continue;
    const at = positionFromStarts(starts, comment.start);
    const problem = (message: string): void => {
      problems.push({ file, line: at.line, column: at.column, message });
    };
    const name = head[0];
    const kind = head[1] as DirectiveKind;
    if (!DIRECTIVE_NAMES.includes(name)) {
      problem(`unknown directive \`${name}\`${didYouMean(name, DIRECTIVE_NAMES)}; it is ignored`);
      continue;
    }
    const rest = text.slice(name.length);
    const colon = rest.indexOf(":");
    const listText = (colon === -1 ? rest : rest.slice(0, colon)).trim().replace(/^\[/, "").replace(/\]$/, "");
    const reason =
      colon === -1
        ? ""
        : rest
            .slice(colon + 1)
            .replace(/\s+/g, " ")
            .trim();
    if (kind !== "enable" && reason === "") {
      problem(`\`${name}\` needs a reason, as in \`// ${name} [operator, …]: why this is fine\`; it is ignored`);
      continue;
    }
    let operators: Set<string> | null = null;
    const listed = listText.split(/[\s,]+/).filter((s) => s !== "");
    if (listed.length > 0) {
      operators = new Set();
      for (const op of listed) {
        if (known.has(op)) operators.add(op);
        else problem(`\`${name}\`: unknown operator \`${op}\`${didYouMean(op, knownOperators)}`);
      }
      // Listing only unknown operators must not turn into "disable everything".
      if (operators.size === 0) continue;
    }
    const endLine = positionFromStarts(starts, comment.end).line;
    directives.push({
      kind,
      operators,
      reason,
      line: at.line,
      offset: kind === "enable" ? comment.start : comment.end,
      targetLine: endLine + 1,
    });
  }
  return { directives, problems };
}

/** Which region directive, if any, currently disables each operator, as regions open and close. */
class RegionState {
  private all: DisableDirective | null = null;
  /** Operators re-enabled while `all` is open. */
  private readonly allExcept = new Set<string>();
  private readonly byOperator = new Map<string, DisableDirective>();

  apply(d: DisableDirective): void {
    if (d.kind === "disable") {
      if (d.operators === null) {
        this.all = d;
        this.allExcept.clear();
      } else {
        for (const op of d.operators) {
          this.byOperator.set(op, d);
          this.allExcept.delete(op);
        }
      }
    } else if (d.operators === null) {
      this.all = null;
      this.allExcept.clear();
      this.byOperator.clear();
    } else {
      for (const op of d.operators) {
        this.byOperator.delete(op);
        if (this.all) this.allExcept.add(op);
      }
    }
  }

  disabling(operator: string): DisableDirective | undefined {
    if (this.all && !this.allExcept.has(operator)) return this.all;
    return this.byOperator.get(operator);
  }
}

function covers(d: DisableDirective, operator: string): boolean {
  return d.operators === null || d.operators.has(operator);
}

function reasonOf(d: DisableDirective): string {
  return `disabled by comment at line ${d.line}: ${d.reason}`;
}

/**
 * Sets `ignoredReason` on every gremlin a directive disables (gremlins already ignored keep their
 * reason). A gremlin is matched by where its span starts. Order of `gremlins` does not matter.
 */
export function applyDisableDirectives(gremlins: Gremlin[], directives: readonly DisableDirective[]): void {
  if (directives.length === 0 || gremlins.length === 0) return;
  const fileWide: DisableDirective[] = [];
  const nextLine = new Map<number, DisableDirective[]>();
  const regions: DisableDirective[] = [];
  for (const d of directives) {
    if (d.kind === "disable-file") fileWide.push(d);
    else if (d.kind === "disable-next-line") {
      const list = nextLine.get(d.targetLine);
      if (list) list.push(d);
      else nextLine.set(d.targetLine, [d]);
    } else regions.push(d);
  }
  regions.sort((a, b) => a.offset - b.offset);
  const order = gremlins.map((_, i) => i).sort((a, b) => gremlins[a]!.start - gremlins[b]!.start);
  const state = new RegionState();
  let next = 0;
  for (const i of order) {
    const g = gremlins[i]!;
    while (next < regions.length && regions[next]!.offset <= g.start) state.apply(regions[next++]!);
    if (g.ignoredReason !== undefined) continue;
    const hit =
      fileWide.find((d) => covers(d, g.operator)) ??
      nextLine.get(g.loc.start.line)?.find((d) => covers(d, g.operator)) ??
      state.disabling(g.operator);
    if (hit) g.ignoredReason = reasonOf(hit);
  }
}
