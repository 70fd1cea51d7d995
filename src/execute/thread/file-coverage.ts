// The thread baseline's coverage seen per test file: which test files reach each gremlin and how long
// each file's tests took. The spawn re-check of a thread verdict (--verify) runs just those files in the user's runner.
import { relative } from "pathe";
import type { FileCoverage } from "../select/index.ts";
import type { ThreadBaseline } from "./baseline.ts";

/**
 * Per-file coverage from the thread baseline. Gremlins reached while modules load (static) or outside
 * any test (file-level hooks) have no entry: only the whole command can check them.
 */
export function fileCoverageOf(
  baseline: Pick<ThreadBaseline, "tests" | "coverage" | "durations" | "staticGremlins" | "outside">,
  dir: string,
): FileCoverage {
  const files: string[] = [];
  const position = new Map<string, number>();
  const durations: number[] = [];
  const fileOfTest = new Map<number, number>();
  for (const [index, test] of baseline.tests) {
    const file = test.file.startsWith("/") ? relative(dir, test.file) : test.file;
    let at = position.get(file);
    if (at === undefined) {
      at = files.length;
      position.set(file, at);
      files.push(file);
      durations.push(0);
    }
    fileOfTest.set(index, at);
    // Subtests' time is inside their parent's: count top-level tests only.
    if (test.parent === undefined) durations[at] = (durations[at] as number) + (baseline.durations.get(index) ?? 0);
  }
  const coverage = new Map<number, number[]>();
  for (const [gremlin, tests] of baseline.coverage) {
    if (baseline.staticGremlins.has(gremlin) || baseline.outside.has(gremlin)) continue;
    const covering = new Set<number>();
    for (const test of tests) {
      const at = fileOfTest.get(test);
      if (at !== undefined) covering.add(at);
    }
    if (covering.size > 0) coverage.set(gremlin, [...covering]);
  }
  return { files, durations, coverage, outputs: files.map(() => "") };
}
