// Turns source files into gremlins: parse, walk, ask every operator about every node, keep the
// mutations whose site can be switched safely, number them, locate them and apply disable comments.
import type { Node } from "oxc-parser";
import { isParseFailure, parseSource } from "../parse/parse.ts";
import { lineStarts, positionFromStarts } from "../parse/positions.ts";
import { boundsTouching, emptyStatementBounds, noteStatement } from "../parse/statement-bounds.ts";
import type { Gremlin, Mutation, ParseFailure, SourceFile, StatementBounds } from "../types.ts";
import { applyDisableDirectives, parseDisableComments, type DisableProblem } from "./disable.ts";
import { gremlinId } from "./ids.ts";
import type { Operator, OperatorContext } from "./operator.ts";
import { isSafeSite, type SitePath } from "./site-safety.ts";
import { walk } from "./walk.ts";

export interface MutateOptions {
  /** Skip `console.*(...)` calls (default true). */
  skipConsole?: boolean;
  /** Every valid operator name, to check names in disable comments (default: the names of `operators`). */
  knownOperators?: readonly string[];
}

/** One file's gremlins (indices 1..n within the file) and its disable-comment problems. */
export type FileResult = { file: SourceFile; warnings: DisableProblem[] } | { failure: ParseFailure };

export interface GenerateResult {
  /** Parsed files in sorted path order, each with its gremlins. */
  files: SourceFile[];
  /** All gremlins of the run, index 1..N in order (sorted paths, then position). */
  gremlins: Gremlin[];
  /** Files that did not parse; they have no gremlins. */
  failures: ParseFailure[];
  /** Malformed disable comments (missing reason, unknown operator or directive). */
  warnings: DisableProblem[];
}

interface Candidate {
  mutation: Mutation;
  operator: string;
}

/** Order inside a file: start ascending, outer (longer) spans first, then operator, then replacement. */
function compareCandidates(a: Candidate, b: Candidate): number {
  const x = a.mutation;
  const y = b.mutation;
  if (x.start !== y.start) return x.start - y.start;
  if (x.end !== y.end) return y.end - x.end;
  if (a.operator !== b.operator) return a.operator < b.operator ? -1 : 1;
  return x.replacement < y.replacement ? -1 : x.replacement > y.replacement ? 1 : 0;
}

interface Dispatcher {
  forNode(type: string, key: string | null): readonly Operator[];
}

const dispatchers = new WeakMap<readonly Operator[], Dispatcher>();

/** Does `operator` declare that it may mutate a node of `type` held in its parent's `key`? */
function mayApply(operator: Operator, type: string, key: string | null): boolean {
  if (operator.nodeTypes !== undefined && !operator.nodeTypes.includes(type)) return false;
  return operator.keys === undefined || (key !== null && operator.keys.includes(key));
}

/** Operators to ask about a node, by its type and key, in registry order (cached per operator list). */
function dispatcherFor(operators: readonly Operator[]): Dispatcher {
  let dispatcher = dispatchers.get(operators);
  if (dispatcher) return dispatcher;
  const byType = new Map<string, Map<string | null, readonly Operator[]>>();
  dispatcher = {
    forNode(type, key) {
      let byKey = byType.get(type);
      if (!byKey) {
        byKey = new Map();
        byType.set(type, byKey);
      }
      let list = byKey.get(key);
      if (!list) {
        list = operators.filter((op) => mayApply(op, type, key));
        byKey.set(key, list);
      }
      return list;
    },
  };
  dispatchers.set(operators, dispatcher);
  return dispatcher;
}

/** Runs every operator over every mutable node; returns the safe, de-duplicated mutations. */
function collectCandidates(
  program: Node,
  source: string,
  file: string,
  operators: readonly Operator[],
  skipConsole: boolean | undefined,
  bounds: StatementBounds,
): Candidate[] {
  const candidates: Candidate[] = [];
  // Mutations kept so far, by start offset, to drop a later one with the same span and replacement.
  const keptAt = new Map<number, Mutation[]>();
  const dispatch = dispatcherFor(operators);
  // One context and one site path per file, updated in place: no allocation per node.
  const ctx: OperatorContext = { source, ancestors: [], key: null, text: (n) => source.slice(n.start, n.end) };
  const keys: (string | null)[] = [];
  const path: SitePath = { node: program, key: null, ancestors: [], ancestorKeys: keys, source };
  let current: Node = program;
  let currentOperator = "";
  try {
    walk(
      program,
      (node, ancestors, key) => {
        // Pre-order walk: slot i always holds the key of the latest node visited at depth i.
        keys[ancestors.length] = key;
        current = node;
        noteStatement(bounds, node, ancestors[ancestors.length - 1], key, source);
        ctx.ancestors = ancestors;
        ctx.key = key;
        for (const operator of dispatch.forNode(node.type, key)) {
          currentOperator = operator.name;
          const mutations = operator.mutate(node, ctx);
          if (mutations.length === 0) continue;
          path.node = node;
          path.key = key;
          path.ancestors = ancestors;
          for (const mutation of mutations) {
            if (!isSafeSite(mutation, path)) continue;
            const kept = keptAt.get(mutation.start);
            if (kept === undefined) keptAt.set(mutation.start, [mutation]);
            else if (kept.some((k) => k.end === mutation.end && k.replacement === mutation.replacement)) continue;
            else kept.push(mutation);
            candidates.push({ mutation, operator: operator.name });
          }
        }
      },
      { skipConsole },
    );
  } catch (error) {
    const at = positionFromStarts(lineStarts(source), current.start);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `operator \`${currentOperator}\` failed on ${file}:${at.line}:${at.column} (${current.type}): ${message}`,
      { cause: error },
    );
  }
  return candidates;
}

/** Parses one file and returns its gremlins, numbered 1..n within the file. */
export function mutateFile(
  file: string,
  source: string,
  operators: readonly Operator[],
  options: MutateOptions = {},
): FileResult {
  const parsed = parseSource(file, source);
  if (isParseFailure(parsed)) return { failure: parsed };
  const allBounds = emptyStatementBounds();
  const candidates = collectCandidates(parsed.program, source, file, operators, options.skipConsole, allBounds);
  candidates.sort(compareCandidates);
  const starts = lineStarts(source);
  const gremlins: Gremlin[] = new Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    const { mutation, operator } = candidates[i]!;
    const { start, end, replacement } = mutation;
    gremlins[i] = {
      id: gremlinId({ file, operator, start, end, replacement }),
      index: i + 1,
      file,
      start,
      end,
      loc: { start: positionFromStarts(starts, start), end: positionFromStarts(starts, end) },
      operator,
      original: source.slice(start, end),
      replacement,
      description: mutation.description,
      kind: mutation.kind,
    };
  }
  const known = options.knownOperators ?? operators.map((op) => op.name);
  // Every directive holds "gremlins-": without it in the source there are no comments to read.
  const { directives, problems } = source.includes("gremlins-")
    ? parseDisableComments(file, parsed.comments, starts, known)
    : { directives: [], problems: [] };
  applyDisableDirectives(gremlins, directives);
  const statementBounds = boundsTouching(
    allBounds,
    gremlins.filter((g) => g.kind === "expression"),
  );
  return { file: { file, source, language: parsed.language, gremlins, statementBounds }, warnings: problems };
}

/** Makes ids unique over a run; a 48-bit hash collision is astronomically rare but must not merge two gremlins. */
function ensureUniqueIds(gremlins: readonly Gremlin[]): void {
  const used = new Set<string>();
  for (const g of gremlins) {
    let salt = 0;
    while (used.has(g.id)) {
      salt++;
      g.id = gremlinId({
        file: g.file,
        operator: g.operator,
        start: g.start,
        end: g.end,
        replacement: `${g.replacement}\0${salt}`,
      });
    }
    used.add(g.id);
  }
}

/** Gremlins for a whole run with the given operators; files in sorted path order, index 1..N. */
export function generateWithOperators(
  inputs: readonly { file: string; source: string }[],
  operators: readonly Operator[],
  options: MutateOptions = {},
): GenerateResult {
  const sorted = [...inputs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const result: GenerateResult = { files: [], gremlins: [], failures: [], warnings: [] };
  for (const input of sorted) {
    const outcome = mutateFile(input.file, input.source, operators, options);
    if ("failure" in outcome) {
      result.failures.push(outcome.failure);
      continue;
    }
    result.files.push(outcome.file);
    result.warnings.push(...outcome.warnings);
    for (const g of outcome.file.gremlins) {
      g.index = result.gremlins.length + 1;
      result.gremlins.push(g);
    }
  }
  ensureUniqueIds(result.gremlins);
  return result;
}
