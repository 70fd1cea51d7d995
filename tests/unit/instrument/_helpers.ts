// Shared helpers for the instrument tests: hand-made gremlins, single-change mutants, temp dirs,
// and an observer that turns a call's outcome (value, thrown error, promise, iterator) into data.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateGremlins } from "../../../src/mutate/index.ts";
import { languageOf } from "../../../src/parse/parse.ts";
import type { Gremlin, SiteKind, SourceFile } from "../../../src/types.ts";

export const BUN = join(import.meta.dir, "../../../node_modules/.bin/bun");
export const DENO = join(import.meta.dir, "../../../node_modules/.bin/deno");

/** A gremlin replacing the `nth` occurrence (0-based) of `text` in `source`. */
export function handGremlin(
  file: string,
  source: string,
  index: number,
  text: string,
  replacement: string,
  kind: SiteKind = "expression",
  nth = 0,
): Gremlin {
  let start = -1;
  for (let k = 0; k <= nth; k++) {
    start = source.indexOf(text, start + 1);
    if (start < 0) throw new Error(`occurrence ${nth} of ${JSON.stringify(text)} not found`);
  }
  const pos = { line: 1, column: 1 };
  return {
    id: `g${index}`,
    index,
    file,
    start,
    end: start + text.length,
    loc: { start: pos, end: pos },
    operator: "hand",
    original: text,
    replacement,
    description: "",
    kind,
  };
}

export function sourceFile(file: string, source: string, gremlins: Gremlin[]): SourceFile {
  return { file, source, language: languageOf(file) ?? "js", gremlins };
}

/** The file with the real operators' gremlins (throws when the source does not parse). */
export function realFile(file: string, source: string): SourceFile {
  const result = generateGremlins([{ file, source }]);
  if (result.failures.length > 0) throw new Error(`${file}: ${result.failures[0]!.message}`);
  return result.files[0]!;
}

/** The original source with only `gremlin`'s replacement applied. */
export function singleChange(source: string, gremlin: Gremlin): string {
  return source.slice(0, gremlin.start) + gremlin.replacement + source.slice(gremlin.end);
}

export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `gremlins-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export type Observation = ["ok", unknown] | ["throw", string];

/** Calls `fn` and describes what happened; promises are awaited and iterators drained (max 50 items). */
export async function observe(fn: () => unknown): Promise<Observation> {
  try {
    let value = fn();
    if (value instanceof Promise) value = await value;
    if (
      value !== null &&
      typeof value === "object" &&
      typeof (value as Iterator<unknown>).next === "function" &&
      Symbol.iterator in value
    ) {
      const items: unknown[] = [];
      for (const item of value as Iterable<unknown>) {
        items.push(item);
        if (items.length >= 50) break;
      }
      value = { iterated: items };
    }
    return ["ok", value];
  } catch (error) {
    return ["throw", error instanceof Error ? error.name : typeof error];
  }
}
