// The colour level of the matcher messages (expect's chalk): what the runner's test processes get, which
// snapshots of error messages record (jest --color=true gives its workers FORCE_COLOR=1).

import chalk from "chalk";

/** supports-color's reading of FORCE_COLOR ("", "true" → 1; "false" → 0; a number, at most 3); undefined: not a level. */
export function forcedLevel(value: string | undefined): 0 | 1 | 2 | 3 | undefined {
  if (value === undefined) return undefined;
  if (value === "" || value === "true") return 1;
  if (value === "false") return 0;
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? undefined : (Math.min(Math.max(n, 0), 3) as 0 | 1 | 2 | 3);
}

/**
 * Sets the matchers' colour level from a FORCE_COLOR the runner sets for its tests. chalk read the
 * environment when the harness loaded, before the runner's environment was applied.
 */
export function applyRunnerColors(env: Readonly<Record<string, string>>): void {
  const level = forcedLevel(env.FORCE_COLOR);
  if (level !== undefined) chalk.level = level;
}
