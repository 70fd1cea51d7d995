// The baseline: the instrumented suite run once with no gremlin active. It must be green and run at
// least one test; it yields the duration (for time limits) and the set of reached gremlins.

import { GremlinsError } from "../errors.ts";
import { runCommand } from "./spawn.ts";
import { gremlinEnv, readReached, type CommandSpec, type WorkerContext } from "./gremlin-run.ts";
import { failingTestName } from "./verdict.ts";
import { stripAnsi } from "../util/ansi.ts";

export interface Baseline {
  durationMs: number;
  /** Indices of the gremlins some test reached. */
  reached: Set<number>;
  output: string;
}

/** How many lines of a failing baseline's output the error shows. */
const TAIL_LINES = 30;

/** Runner phrases for "no tests ran" (bun, node:test, tape, vitest, jest, mocha, deno, uvu). */
const ZERO_TESTS: RegExp[] = [
  /^\s*Ran 0 tests\b/m,
  /^\s*0 pass\s*$/m,
  /^\s*(#|ℹ)\s*tests 0\s*$/m,
  /No test files found/,
  /No tests found/,
  /No test modules found/,
  /^\s*0 passing\b/m,
  /\b0 passed \| 0 failed\b/,
  /^\s*Total:\s+0\s*$/m,
];
/** Any sign that some tests did run (a combined script may have one empty part). */
const SOME_TESTS = /(^|\s)[1-9]\d*\s+(pass|passed|passing|tests?)\b|(#|ℹ)\s*(tests|pass) [1-9]|Total:\s+[1-9]/m;

/** True when the output says that no test ran. Deliberately modest: unknown runners say nothing. */
export function ranZeroTests(output: string): boolean {
  const text = stripAnsi(output);
  return ZERO_TESTS.some((pattern) => pattern.test(text)) && !SOME_TESTS.test(text);
}

/** A red or empty baseline: a one-line message, plus the output's tail for the caller to show. */
export class BaselineError extends GremlinsError {
  readonly tail: string;
  constructor(message: string, tail: string) {
    super(message, 2);
    this.name = "BaselineError";
    this.tail = tail;
  }
}

export function outputTail(output: string, lines = TAIL_LINES): string {
  const all = stripAnsi(output).replace(/\s+$/, "").split(/\r?\n/);
  return all.slice(-lines).join("\n");
}

/**
 * Runs the baseline `runs` times (flaky-test detection); throws GremlinsError (exit 2) when it is red,
 * cannot start, runs no tests, or passes in one run and fails in another (flaky: the run stops, naming
 * the test, because a flaky test would turn into false kills). Reached gremlins are the union of all runs.
 */
export async function runBaseline(spec: CommandSpec, ctx: WorkerContext | (() => WorkerContext), runs = 1): Promise<Baseline> {
  const contextOf = typeof ctx === "function" ? ctx : () => ctx;
  const first = await runBaselineOnce(spec, contextOf()).catch((error: unknown) => error as Error);
  if (runs <= 1) {
    if (first instanceof Error) throw first;
    return first;
  }
  for (let run = 2; run <= runs; run++) {
    const next = await runBaselineOnce(spec, contextOf()).catch((error: unknown) => error as Error);
    const failed = first instanceof Error ? first : next instanceof Error ? next : null;
    const passed = first instanceof Error ? (next instanceof Error ? null : next) : first;
    if (failed && passed && failed instanceof BaselineError) {
      const name = failingTestName(failed.tail);
      throw new BaselineError(
        `Flaky test${name ? ` "${name}"` : "s"}: the suite passed in one baseline run and failed in another (${runs} runs of "${spec.command}"). ` +
          "A flaky test would kill gremlins at random, so the run stops. Fix or skip it, or set baselineRuns: 1 to skip this check (output of the failing run above).",
        failed.tail,
      );
    }
    if (failed) throw failed;
    if (first instanceof Error || next instanceof Error) continue;
    for (const index of next.reached) first.reached.add(index);
    first.durationMs = Math.max(first.durationMs, next.durationMs);
  }
  if (first instanceof Error) throw first;
  return first;
}

async function runBaselineOnce(spec: CommandSpec, ctx: WorkerContext): Promise<Baseline> {
  const result = await runCommand(spec.command, { cwd: ctx.cwd, env: gremlinEnv(spec, ctx, 0, 0) });
  if (result.startError !== undefined) {
    throw new GremlinsError(`The test command "${spec.command}" could not start: ${result.startError}`);
  }
  const tail = outputTail(result.output);
  if (result.exitCode !== 0) {
    const how = result.exitCode === null ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
    const zero = ranZeroTests(result.output) ? " It found no tests to run." : "";
    throw new BaselineError(
      `The test suite fails without any gremlin: "${spec.command}" ${how}.${zero} ` +
        "Mutation testing needs a green suite; fix the failing tests first (output above).",
      tail,
    );
  }
  if (ranZeroTests(result.output)) {
    throw new BaselineError(
      `The test command "${spec.command}" passed but ran no tests, so no gremlin could be caught. ` +
        "Check the test file patterns of your runner or set testCommand (output above).",
      tail,
    );
  }
  return { durationMs: result.durationMs, reached: readReached(ctx.stateDir), output: result.output };
}

/** The tail framed for the terminal, one `│` per line. */
export function indentTail(text: string): string {
  return text
    .split("\n")
    .map((line) => `  │ ${line}`)
    .join("\n");
}
