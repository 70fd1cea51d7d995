// Which verdicts rest on a flaky test: the baseline named tests whose result changed with no gremlin
// active; a gremlin Killed by such tests alone (no steady test failed) may have been killed by chance.
import type { FlakyTest, Outcome, RunResult } from "../types.ts";

/** A flaky test as the baseline found it (before the gremlins ran). */
export type BaselineFlake = Omit<FlakyTest, "gremlins">;

/**
 * The baseline's flaky tests with the gremlins whose Killed verdict rests on them: every test that killed
 * the gremlin is flaky. An unnamed flaky test (the runner's output did not say which) claims the kills no
 * test is named for.
 */
export function flakyTestsWithVerdicts(
  flakes: readonly BaselineFlake[],
  outcomes: ReadonlyMap<string, Outcome>,
  tests: RunResult["tests"],
): FlakyTest[] {
  if (flakes.length === 0) return [];
  const named = new Map<string, FlakyTest>();
  const unnamed: FlakyTest[] = [];
  const result: FlakyTest[] = [];
  for (const flake of flakes) {
    const entry: FlakyTest = { ...flake, gremlins: [] };
    result.push(entry);
    if (flake.name === null) unnamed.push(entry);
    else if (!named.has(flake.name)) named.set(flake.name, entry);
  }
  for (const [id, outcome] of outcomes) {
    if (outcome.status !== "Killed") continue;
    const killers = (outcome.killedBy ?? []).map((test) => tests.get(test)?.name ?? test);
    if (killers.length === 0) {
      for (const entry of unnamed) entry.gremlins.push(id);
      continue;
    }
    if (!killers.every((name) => named.has(name))) continue;
    for (const name of new Set(killers)) named.get(name)?.gremlins.push(id);
  }
  return result;
}
