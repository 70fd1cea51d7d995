// The runner options that run only the tests of given titles (per-test selection in the spawn executor),
// for the titles a test probe records (src/execute/select/probe-sources.ts): each title matched exactly,
// as the runner matches its filter, so a run can only ever take in more tests than asked, never fewer.

import { avaMatchPattern } from "../../project/ava.ts";
import type { RunnerName as SpawnRunner } from "../../project/command.ts";

/** How each runner's filter is named in the log. */
export const TITLE_FILTER_NAME: Partial<Record<SpawnRunner, string>> = {
  ava: "--match",
  mocha: "--grep",
  "node-test": "--test-name-pattern",
  vitest: "-t",
  jest: "-t",
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** One alternative per title, escaped. */
function alternatives(titles: readonly string[]): string {
  return `(?:${titles.map(escapeRegExp).join("|")})`;
}

/**
 * The options that make `runner` run only the tests titled `titles`, or null when it cannot filter titles.
 * mocha's --grep matches a test's full title; node's --test-name-pattern its own name (Node ≥ 20.13 also the
 * name after its suites'), a subtest's parents' names matching too; vitest's and jest's -t the names of its suites and its own joined by spaces (a
 * file's name in front on some versions, hence the space or start before it; jest ignores case).
 */
export function titleFilter(runner: SpawnRunner, titles: readonly string[]): string[] | null {
  const words = filterWords(runner, titles);
  // A command line cannot carry a NUL (ufo's tests have one in their titles), and one word has a size limit.
  if (!words || words.some((w) => w.includes("\u0000")) || words.join(" ").length > FILTER_LIMIT) return null;
  return words;
}

/** The longest filter passed on (characters); a longer one runs the covering files whole. */
const FILTER_LIMIT = 32 * 1024;

function filterWords(runner: SpawnRunner, titles: readonly string[]): string[] | null {
  switch (runner) {
    case "ava":
      return titles.flatMap((title) => ["--match", avaMatchPattern(title)]);
    case "mocha":
      return ["--grep", `^${alternatives(titles)}$`];
    case "node-test":
      // A subtest's title holds its parents' names too (NUL-separated): each must match for it to run.
      return [`--test-name-pattern=^${alternatives([...new Set(titles.flatMap((t) => t.split("\u0000")))])}$`];
    case "vitest":
    case "jest":
      return ["-t", `(?:^| )${alternatives(titles)}$`];
    default:
      return null;
  }
}
