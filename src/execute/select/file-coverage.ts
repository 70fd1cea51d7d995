// The spawn executor's per-file baseline: every test file run on its own, in parallel over the worker
// sandboxes, records which gremlins it reaches and how long it takes. One process per file needs no
// hook inside any runner, so it works the same for every runner, for runners that spread files over
// worker processes (jest, vitest, node --test) and for code the tests reach in child processes.

import { runPool } from "../pool.ts";
import { runCommand } from "../spawn.ts";
import { gremlinEnv, readReached, type CommandSpec, type WorkerContext } from "../gremlin-run.ts";
import { commandFor, type RunnerCommand } from "./runner-command.ts";
import { stripVTControlCharacters } from "node:util";
import { testProbeFor, type TestsByGremlin } from "./test-probe.ts";

export interface FileCoverage {
  /** Project-relative test files; positions are the file indices used below. */
  files: string[];
  /** Wall time of each file's own run (ms). */
  durations: number[];
  /** Gremlin index → indices of the files that reach it. */
  coverage: Map<number, number[]>;
  /** Each file's output in its own run (colourless), to tell which file a failing test's name belongs to. */
  outputs: string[];
  /** Per file, which tests reached which gremlins (runners with a test probe, src/execute/select/test-probe.ts). */
  tests?: (TestsByGremlin | null)[];
}

export interface FileCoverageInput {
  command: RunnerCommand;
  files: string[];
  spec: CommandSpec;
  workers: number;
  context: (worker: number) => WorkerContext;
  /** Time limit of one file's run (ms). */
  timeoutMs: number;
  /** Learn which tests reach each gremlin (runners with a test probe). */
  perTest?: boolean;
  /** Run with the runner's bail flag, as the gremlins' runs will (so the exact command shape is proven green). */
  bail: boolean;
}

/** How much of each file's output is kept for naming killers. */
const OUTPUT_LIMIT = 64 * 1024;

/** Runs every file on its own; the reason per-file selection cannot be used when one fails. */
export async function coverFiles(input: FileCoverageInput): Promise<FileCoverage | { reason: string }> {
  const { files } = input;
  const durations: number[] = new Array(files.length).fill(0);
  const outputs: string[] = new Array(files.length).fill("");
  const coverage = new Map<number, number[]>();
  const probe = input.perTest === false ? null : testProbeFor(input.command);
  const tests: (TestsByGremlin | null)[] = new Array(files.length).fill(null);
  const probedCommand = probe
    ? { ...input.command, options: [...input.command.options, ...probe.options] }
    : input.command;
  let failure: string | null = null;
  await runPool(
    files,
    input.workers,
    async (file, worker, position) => {
      const run = async (probed: boolean) => {
        const ctx = input.context(worker);
        const command = commandFor(probed ? probedCommand : input.command, [file], input.bail);
        const env = gremlinEnv(input.spec, ctx, 0, 0);
        const result = await runCommand(command, {
          cwd: ctx.cwd,
          env: probed && probe ? probe.env(ctx.tmpDir, env) : env,
          timeoutMs: input.timeoutMs,
        });
        return { ctx, command, result };
      };
      let { ctx, command, result } = await run(probe !== null);
      // A file that fails with the probe (ava --serial) may still pass as the runs will go: per file only.
      if (probe && result.exitCode !== 0) ({ ctx, command, result } = await run(false));
      else if (probe) tests[position] = probe.read(ctx.stateDir);
      if (result.exitCode !== 0) {
        const how = result.timedOut
          ? `took longer than ${Math.round(input.timeoutMs)} ms`
          : result.startError
            ? `could not start (${result.startError})`
            : `failed (exit code ${result.exitCode ?? result.signal})`;
        failure ??= `${file} ${how} when run on its own ("${command}")`;
        return;
      }
      durations[position] = result.durationMs;
      outputs[position] = stripVTControlCharacters(result.output).slice(0, OUTPUT_LIMIT);
      for (const index of readReached(ctx.stateDir)) {
        const list = coverage.get(index);
        if (list) list.push(position);
        else coverage.set(index, [position]);
      }
    },
    () => failure !== null,
  );
  if (failure !== null) return { reason: failure };
  for (const list of coverage.values()) list.sort((a, b) => a - b);
  return { files, durations, coverage, outputs, ...(probe ? { tests } : {}) };
}
