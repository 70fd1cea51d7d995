// How flaky tests read in the console, Markdown and HTML summaries: each test named with how it showed,
// and the gremlins whose Killed verdict rests on it alone.
import type { FlakyTest } from "../types.ts";

/** How many gremlin ids a line lists before "… and N more". */
const LISTED = 10;

export function flakyName(test: FlakyTest): string {
  return test.name === null ? "an unnamed test (the runner's output did not say which)" : `"${test.name}"`;
}

/** "2 gremlins (a, b) were Killed by it alone" or "no verdict rests on it alone". */
export function restingVerdicts(test: FlakyTest): string {
  const n = test.gremlins.length;
  if (n === 0) return "no verdict rests on it alone";
  const listed = test.gremlins.slice(0, LISTED).join(", ");
  const more = n > LISTED ? `, … and ${n - LISTED} more` : "";
  return `${n} gremlin${n === 1 ? " was" : "s were"} Killed by it alone, so by chance perhaps: ${listed}${more}`;
}

/** The console lines: a heading, then one line per flaky test. Empty when there is none. */
export function formatFlakyTests(tests: readonly FlakyTest[] | undefined): string[] {
  if (!tests || tests.length === 0) return [];
  const lines = [`Flaky tests (${tests.length}): their result changed between baseline runs with no gremlin active.`];
  for (const test of tests) lines.push(`  ${flakyName(test)} ${test.detail}; ${restingVerdicts(test)}.`);
  return lines;
}
