// Caches the mutate stage per file (`<cacheDir>/gremlins.json`): a file whose content hash is unchanged
// gets its gremlins back without parsing; every record is validated against the source before use.
import { readFileSync } from "node:fs";
import { join, resolve } from "pathe";
import { generateGremlins, type GenerateResult } from "../mutate/index.ts";
import type { Gremlin, ResolvedConfig, SiteKind, SourceFile, SourceLanguage, StatementBounds } from "../types.ts";
import { VERSION } from "../version.ts";
import { hashContent, hashParts } from "./hash.ts";
import { DEFAULT_CACHE_DIR, saveCache as saveJson } from "./store.ts";

const FORMAT = "gremlins-generation-cache";
const FORMAT_VERSION = 1;
export const GENERATION_FILE = "gremlins.json";

interface FileEntry {
  hash: string;
  language: SourceLanguage;
  gremlins: Gremlin[];
  statementBounds?: StatementBounds;
}

interface GenerationDocument {
  format: typeof FORMAT;
  version: number;
  gremlins: string;
  /** Operator selection the gremlins were generated with. */
  operators: string;
  files: Record<string, FileEntry>;
}

const LANGUAGES = new Set(["js", "jsx", "ts", "tsx"]);
const KINDS = new Set<SiteKind>(["expression", "statement"]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isPosition = (v: unknown): boolean => isObject(v) && isInt(v.line) && isInt(v.column);
const isPairs = (v: unknown): boolean =>
  Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && isInt(p[0]) && isInt(p[1]));

/** A cached gremlin, checked field by field and against the current source (its original text must match). */
function readGremlin(raw: unknown, file: string, source: string): Gremlin | null {
  if (
    !isObject(raw) ||
    raw.file !== file ||
    !isInt(raw.start) ||
    !isInt(raw.end) ||
    raw.end > source.length ||
    raw.start > raw.end
  )
    return null;
  for (const key of ["id", "operator", "original", "replacement", "description"] as const)
    if (typeof raw[key] !== "string") return null;
  if (!KINDS.has(raw.kind as SiteKind) || !isObject(raw.loc) || !isPosition(raw.loc.start) || !isPosition(raw.loc.end))
    return null;
  if (raw.ignoredReason !== undefined && typeof raw.ignoredReason !== "string") return null;
  if (source.slice(raw.start, raw.end) !== raw.original) return null;
  const loc = raw.loc as { start: { line: number; column: number }; end: { line: number; column: number } };
  const gremlin: Gremlin = {
    id: raw.id as string,
    index: 0,
    file,
    start: raw.start,
    end: raw.end,
    loc: {
      start: { line: loc.start.line, column: loc.start.column },
      end: { line: loc.end.line, column: loc.end.column },
    },
    operator: raw.operator as string,
    original: raw.original as string,
    replacement: raw.replacement as string,
    description: raw.description as string,
    kind: raw.kind as SiteKind,
  };
  if (raw.ignoredReason !== undefined) gremlin.ignoredReason = raw.ignoredReason as string;
  return gremlin;
}

function readEntry(raw: unknown, file: string, source: string, hash: string): SourceFile | null {
  if (!isObject(raw) || raw.hash !== hash || !LANGUAGES.has(raw.language as string) || !Array.isArray(raw.gremlins))
    return null;
  const gremlins: Gremlin[] = [];
  for (const item of raw.gremlins) {
    const gremlin = readGremlin(item, file, source);
    if (!gremlin) return null;
    gremlins.push(gremlin);
  }
  const sourceFile: SourceFile = { file, source, language: raw.language as SourceLanguage, gremlins };
  if (raw.statementBounds !== undefined) {
    const bounds = raw.statementBounds;
    if (!isObject(bounds) || !isPairs(bounds.expressionStatements) || !isPairs(bounds.openStatements)) return null;
    sourceFile.statementBounds = bounds as unknown as StatementBounds;
  }
  return sourceFile;
}

function loadDocument(path: string, operators: string): Record<string, unknown> {
  try {
    const raw = JSON.parse(readFileSync(path, "utf8")) as unknown;
    if (
      isObject(raw) &&
      raw.format === FORMAT &&
      raw.version === FORMAT_VERSION &&
      raw.gremlins === VERSION &&
      raw.operators === operators &&
      isObject(raw.files)
    ) {
      return raw.files;
    }
  } catch {
    // Missing or corrupt: everything is generated afresh (and the file rewritten).
  }
  return {};
}

/**
 * generateGremlins with a per-file cache: unchanged files are not parsed again. Indices are assigned
 * 1..N over sorted paths exactly as generateGremlins does. `useCache: false` reads nothing (still writes).
 */
export function generateWithCache(
  config: ResolvedConfig,
  inputs: { file: string; source: string }[],
  useCache: boolean,
): GenerateResult {
  const path = join(resolve(config.root, config.cacheDir ?? DEFAULT_CACHE_DIR), GENERATION_FILE);
  const operators = hashParts([
    JSON.stringify(config.operators.include ?? null),
    JSON.stringify(config.operators.exclude ?? null),
  ]);
  const cached = useCache ? loadDocument(path, operators) : {};
  const reused = new Map<string, SourceFile>();
  const hashes = new Map<string, string>();
  const missing: { file: string; source: string }[] = [];
  for (const input of inputs) {
    const hash = hashContent(input.source);
    hashes.set(input.file, hash);
    const entry = Object.hasOwn(cached, input.file)
      ? readEntry(cached[input.file], input.file, input.source, hash)
      : null;
    if (entry) reused.set(input.file, entry);
    else missing.push(input);
  }
  const fresh =
    missing.length > 0
      ? generateGremlins(missing, { operators: config.operators })
      : { files: [], gremlins: [], failures: [], warnings: [] };
  if (reused.size === 0) {
    if (missing.length > 0)
      saveGeneration(path, operators, fresh.files, hashes, new Set(fresh.warnings.map((w) => w.file)));
    return fresh;
  }
  const freshFiles = new Map(fresh.files.map((f) => [f.file, f]));
  const files = inputs
    .map((i) => reused.get(i.file) ?? freshFiles.get(i.file))
    .filter((f): f is SourceFile => f !== undefined);
  const gremlins: Gremlin[] = [];
  for (const file of files) {
    for (const gremlin of file.gremlins) {
      gremlin.index = gremlins.length + 1;
      gremlins.push(gremlin);
    }
  }
  if (missing.length > 0) saveGeneration(path, operators, files, hashes, new Set(fresh.warnings.map((w) => w.file)));
  return { files, gremlins, failures: fresh.failures, warnings: fresh.warnings };
}

/** Writes the per-file entries (files with disable-comment warnings are left out, so the warnings are shown again). */
export function saveGeneration(
  path: string,
  operators: string,
  files: readonly SourceFile[],
  hashes: ReadonlyMap<string, string>,
  withWarnings: ReadonlySet<string>,
): void {
  const doc: GenerationDocument = { format: FORMAT, version: FORMAT_VERSION, gremlins: VERSION, operators, files: {} };
  for (const file of files) {
    const hash = hashes.get(file.file);
    if (hash === undefined || withWarnings.has(file.file)) continue;
    const entry: FileEntry = { hash, language: file.language, gremlins: file.gremlins };
    if (file.statementBounds) entry.statementBounds = file.statementBounds;
    doc.files[file.file] = entry;
  }
  try {
    saveJson(path, doc); // same atomic JSON write as the result cache
  } catch {
    // A read-only project still runs; it just is not faster next time.
  }
}
