// Incremental runs' public API: which gremlins keep a cached verdict and which are tested (startIncremental),
// and the files of a run narrowed to the gremlins in scope.
import type { Gremlin, SourceFile } from "../types.ts";

export { startIncremental, type Incremental, type IncrementalOptions } from "./incremental.ts";

/** The files of a run restricted to the gremlins in scope (files left without any are dropped). */
export function scopeFiles(files: readonly SourceFile[], inScope: readonly Gremlin[]): SourceFile[] {
  const ids = new Set(inScope.map((g) => g.id));
  const scoped: SourceFile[] = [];
  for (const file of files) {
    const gremlins = file.gremlins.filter((g) => ids.has(g.id));
    if (gremlins.length === file.gremlins.length) scoped.push(file);
    else if (gremlins.length > 0) scoped.push({ ...file, gremlins });
  }
  return scoped;
}
