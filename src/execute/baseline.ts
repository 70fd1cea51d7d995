// The baseline: the instrumented suite run once with no gremlin active. It must be green and run at
// least one test; it yields the duration (for time limits) and the set of reached gremlins.

import { GremlinsError } from "../errors.ts";
import { runCommand } from "./spawn.ts";
import { gremlinEnv, readReached, type CommandSpec, type WorkerContext } from "./gremlin-run.ts";
import { stripAnsi } from "./verdict.ts";

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

/** Runs the baseline; throws GremlinsError (exit 2) when it is red, cannot start or runs no tests. */
export async function runBaseline(spec: CommandSpec, ctx: WorkerContext): Promise<Baseline> {
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
