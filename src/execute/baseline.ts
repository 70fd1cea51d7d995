// The baseline: the instrumented suite run once with no gremlin active. It must be green and run at
// least one test; it yields the duration (for time limits) and the set of reached gremlins.

import { GremlinsError } from "../errors.ts";
import { runCommand } from "./spawn.ts";
import { gremlinEnv, readReached, type CommandSpec, type WorkerContext } from "./gremlin-run.ts";
import { failingTestName } from "./verdict.ts";
import { snapshotChanges, snapshotFiles } from "./snapshot-guard.ts";
import { stripVTControlCharacters } from "node:util";

export interface Baseline {
  durationMs: number;
  /** Indices of the gremlins some test reached. */
  reached: Set<number>;
  output: string;
  /** Set when one baseline run failed and another passed: the failing test (null when unnamed). */
  flaky?: { name: string | null; detail: string; tail: string };
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
  const text = stripVTControlCharacters(output);
  return ZERO_TESTS.some((pattern) => pattern.test(text)) && !SOME_TESTS.test(text);
}

/** A red or empty baseline: a one-line message, plus the output's tail for the caller to show. */
export class BaselineError extends GremlinsError {
  readonly tail: string;
  /** "red": the suite failed; "empty": it passed but ran no test; "snapshots": it wrote snapshot files. */
  readonly kind: "red" | "empty" | "snapshots";
  constructor(message: string, tail: string, kind: "red" | "empty" | "snapshots" = "red") {
    super(message, 2);
    this.name = "BaselineError";
    this.tail = tail;
    this.kind = kind;
  }
}

export function outputTail(output: string, lines = TAIL_LINES): string {
  const all = stripVTControlCharacters(output).replace(/\s+$/, "").split(/\r?\n/);
  return all.slice(-lines).join("\n");
}

/**
 * Runs the baseline `runs` times (flaky-test detection); throws GremlinsError (exit 2) when it is red in
 * every run, cannot start or runs no tests. A suite that passes in one run and fails in another goes on with
 * the green runs: the failing test is returned as flaky (named when the runner's output says which), so the
 * reports can name it and the verdicts that rest on it. Reached gremlins are the union of the green runs.
 */
export async function runBaseline(
  spec: CommandSpec,
  ctx: WorkerContext | (() => WorkerContext),
  runs = 1,
): Promise<Baseline> {
  const contextOf = typeof ctx === "function" ? ctx : () => ctx;
  let green: Baseline | null = null;
  let red: Error | null = null;
  for (let run = 1; run <= Math.max(1, runs); run++) {
    const next = await runBaselineOnce(spec, contextOf()).catch((error: unknown) => error as Error);
    if (next instanceof Error) {
      // A baseline that cannot start, runs no test or writes snapshots (the next run would find them) is
      // not flaky: it stops the run at once.
      if (!(next instanceof BaselineError) || next.kind !== "red") throw next;
      red ??= next;
    } else if (green === null) green = next;
    else {
      for (const index of next.reached) green.reached.add(index);
      green.durationMs = Math.max(green.durationMs, next.durationMs);
    }
  }
  if (green === null) throw red as Error;
  if (red instanceof BaselineError) {
    const name = failingTestName(red.tail);
    green.flaky = {
      name,
      detail: `passed in one of ${runs} baseline runs of "${spec.command}" and failed in another`,
      tail: red.tail,
    };
  }
  return green;
}

async function runBaselineOnce(spec: CommandSpec, ctx: WorkerContext): Promise<Baseline> {
  const snapshots = snapshotFiles(ctx.cwd);
  const result = await runCommand(spec.command, { cwd: ctx.cwd, env: gremlinEnv(spec, ctx, 0, 0) });
  if (result.startError !== undefined) {
    throw new GremlinsError(`The test command "${spec.command}" could not start: ${result.startError}`);
  }
  const tail = outputTail(result.output);
  if (result.exitCode !== 0) {
    const how = result.exitCode === null ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
    const zero = ranZeroTests(result.output) ? " It found no tests to run." : "";
    const helper = helperFailure(result.output);
    throw new BaselineError(
      `The test suite fails without any gremlin: "${spec.command}" ${how}.${zero}${helper ? ` ${helper}` : ""} ` +
        "Mutation testing needs a green suite; fix the failing tests first (output above).",
      tail,
    );
  }
  if (ranZeroTests(result.output)) {
    throw new BaselineError(
      `The test command "${spec.command}" passed but ran no tests, so no gremlin could be caught. ` +
        "Check the test file patterns of your runner or set testCommand (output above).",
      tail,
      "empty",
    );
  }
  const written = snapshotChanges(snapshots, snapshotFiles(ctx.cwd));
  if (written.length > 0) {
    const more = written.length > 1 ? ` and ${written.length - 1} more` : "";
    throw new BaselineError(
      `The test command "${spec.command}" wrote snapshots without any gremlin: ${written[0]}${more}. ` +
        "gremlins compares snapshots as CI does and never writes one (a gremlin's run would pass against a snapshot " +
        "of its own output): update your snapshots with your runner (e.g. vitest -u, jest -u) and commit them, " +
        "or remove the update flag from the test command.",
      tail,
      "snapshots",
    );
  }
  return { durationMs: result.durationMs, reached: readReached(ctx.stateDir), output: result.output };
}

/**
 * gremlins' own runtime helper failing in the tests' process (e.g. Deno refusing it the environment): its
 * first error line, which the output's tail may not show; null when it did not fail.
 */
export function helperFailure(output: string): string | null {
  const line = /gremlins: (?:cannot read the environment variable|no synchronous file system API)[^\n]*/.exec(
    stripVTControlCharacters(output),
  );
  return line ? `gremlins' runtime helper failed in the tests: ${line[0].trim()}` : null;
}

/** The tail framed for the terminal, one `│` per line. */
export function indentTail(text: string): string {
  return text
    .split("\n")
    .map((line) => `  │ ${line}`)
    .join("\n");
}
