// Per-file test selection for the spawn executor: takes the test command apart, lists its test files,
// runs each on its own to learn what it reaches, then gives each gremlin a command that runs only the
// files reaching it, the likely killers first. Any doubt (a command it cannot take apart, a file that
// fails alone, a gremlin no single file reaches) leaves that run whole, as before.

import type { Gremlin } from "../../types.ts";
import { KillerMemory } from "../../plan/order.ts";
import { runCommand } from "../spawn.ts";
import { gremlinEnv, type CommandSpec, type WorkerContext } from "../gremlin-run.ts";
import { commandFor, readRunnerCommand, type RunnerCommand } from "./runner-command.ts";
import { listTestFiles } from "./test-files.ts";
import { RUNNER_TEST_TIMEOUT } from "../../project/command.ts";
import { coverFiles, type FileCoverage } from "./file-coverage.ts";
import { testProbeFor } from "./test-probe.ts";
import { titleFilter } from "./title-filter.ts";

export {
  commandFor,
  readRunnerCommand,
  splitRunnerArgs,
  shellQuote,
  type RunnerCommand,
  type SpawnRunner,
} from "./runner-command.ts";
export { listTestFiles } from "./test-files.ts";
export { coverFiles, type FileCoverage } from "./file-coverage.ts";

/** One gremlin's selected run. */
export interface SelectedRun {
  command: string;
  /** The test files it runs, in order. */
  files: string[];
  /** The titles of the only tests it runs in those files (per-test selection), else every test of the files. */
  tests?: string[];
  /** Time limit (ms). */
  timeoutMs: number;
}

export interface FileSelection {
  runner: RunnerCommand["runner"];
  /** The runner's command taken apart. */
  command: RunnerCommand;
  coverage: FileCoverage;
  /**
   * The run for `gremlin`, or null when no single test file reached it (the whole command runs); with
   * `wholeFiles`, every test of its files, never only the tests reaching it.
   */
  runFor(gremlin: Gremlin, bail: boolean, how?: { wholeFiles?: boolean }): SelectedRun | null;
  /** How many of `reached` run only the tests that reach them (per-test selection). */
  perTest(reached: Iterable<number>): number;
  /** Tells which tests killed `gremlin` in `run`, so those files go first for its neighbours. */
  killed(gremlin: Gremlin, run: SelectedRun, killers: readonly string[]): void;
}

export interface SelectionInput {
  /** The test command as configured (package scripts are expanded here). */
  spec: CommandSpec;
  /** The sandbox copy (absolute) the files are listed in. */
  dir: string;
  workers: number;
  context: (worker: number) => WorkerContext;
  /** Time limit of one file's baseline run (ms). */
  fileTimeoutMs: number;
  /** Time limit of a run whose files took `ms` in the baseline. */
  limitFor: (ms: number) => number;
  /** The gremlin's enclosing function (for killers-first ordering). */
  scopeOf?: (gremlin: Gremlin) => string | undefined;
  /** False (--no-bail): the runs go without the runner's bail flag. */
  bail: boolean;
  /** Learn which tests reach each gremlin where the runner can filter titles (default true). */
  perTest?: boolean;
}

/** Sets up per-file selection, or says why the whole command must run for every gremlin. */
export async function selectFiles(input: SelectionInput): Promise<FileSelection | { reason: string }> {
  const command = readRunnerCommand(input.dir, input.spec.command);
  if ("reason" in command) return command;
  const expanded = [...command.head, ...command.options, ...command.specs].join(" ");
  const listing = await listTestFiles(input.dir, command, async (line) => {
    const ctx = input.context(0);
    const result = await runCommand(line, {
      cwd: ctx.cwd,
      env: gremlinEnv(input.spec, ctx, 0, 0),
      timeoutMs: input.fileTimeoutMs,
    });
    return { exitCode: result.exitCode, output: result.output };
  });
  if (!Array.isArray(listing)) return listing;
  const perTest = input.perTest !== false && testProbeFor(command) !== null;
  // One file is worth selecting only by its tests.
  if (listing.length === 0 || (listing.length === 1 && !perTest))
    return {
      reason: listing.length === 0 ? `no test files found for "${expanded}"` : `"${expanded}" runs a single test file`,
    };
  const coverage = await coverFiles({
    command,
    files: listing,
    spec: input.spec,
    workers: input.workers,
    context: input.context,
    timeoutMs: input.fileTimeoutMs,
    bail: input.bail,
    perTest,
  });
  if ("reason" in coverage) return coverage;
  return fileSelection(command, coverage, input.limitFor, input.scopeOf);
}

/** The selection over a finished per-file baseline (exported for tests). */
export function fileSelection(
  command: RunnerCommand,
  coverage: FileCoverage,
  limitFor: (ms: number) => number,
  scopeOf?: (gremlin: Gremlin) => string | undefined,
): FileSelection {
  const durations = new Map(coverage.durations.map((ms, i) => [i, ms]));
  const memory = new KillerMemory(durations, scopeOf);
  const positions = new Map<string, number>(coverage.files.map((f, i) => [f, i]));
  return {
    runner: command.runner,
    command,
    coverage,
    runFor(gremlin, bail, how) {
      const covering = coverage.coverage.get(gremlin.index);
      if (!covering || covering.length === 0) return null;
      const ordered = memory.order(gremlin, covering);
      const files = ordered.map((i) => coverage.files[i] as string);
      const ms = ordered.reduce((sum, i) => sum + (coverage.durations[i] ?? 0), 0);
      const tests = how?.wholeFiles ? undefined : testsOf(command.runner, coverage, gremlin.index, ordered);
      // A test that hangs fails at the runner's own per-test timeout: the run must be allowed to get there
      // (else a Killed under the runner would read as a Timeout here), as the thread executor's limit allows.
      return {
        command: commandFor(command, files, bail, tests),
        files,
        ...(tests ? { tests } : {}),
        timeoutMs: limitFor(ms) + (RUNNER_TEST_TIMEOUT[command.runner] ?? 0),
      };
    },
    perTest(reached) {
      let count = 0;
      for (const index of reached) {
        const covering = coverage.coverage.get(index);
        if (covering && testsOf(command.runner, coverage, index, covering)) count++;
      }
      return count;
    },
    killed(gremlin, run, killers) {
      const owners = new Set<number>();
      for (const name of killers) {
        const owner = ownerOf(name, run.files, coverage);
        if (owner !== undefined) owners.add(positions.get(owner) as number);
      }
      if (owners.size === 0 && run.files[0] !== undefined) owners.add(positions.get(run.files[0]) as number);
      memory.killed(gremlin, [...owners]);
    },
  };
}

/**
 * The titles of the tests that reach gremlin `index` in the files at `positions`, or undefined when its
 * files must run whole: a file with no per-test record, or code outside any test reached it there.
 */
function testsOf(
  runner: RunnerCommand["runner"],
  coverage: FileCoverage,
  index: number,
  positions: readonly number[],
): string[] | undefined {
  if (!coverage.tests) return undefined;
  const titles = new Set<string>();
  for (const position of positions) {
    const tests = coverage.tests[position]?.get(index);
    if (!tests) return undefined;
    for (const title of tests) titles.add(title);
  }
  // A filter the command line cannot carry (a NUL in a title, too long) runs the files whole.
  return titles.size > 0 && titleFilter(runner, [...titles]) ? [...titles] : undefined;
}

/** The file among `files` whose own run printed the test `name` (or its last part). */
function ownerOf(name: string, files: readonly string[], coverage: FileCoverage): string | undefined {
  const last = name.split(/\s+(?:>|›|→)\s+|: /).filter(Boolean);
  const needles = [name, ...last.reverse()].filter((n) => n.length >= 3);
  for (const needle of needles) {
    const found = files.filter(
      (f) => f.includes(needle) || coverage.outputs[coverage.files.indexOf(f)]?.includes(needle),
    );
    if (found.length === 1) return found[0];
  }
  return undefined;
}
