// The test command as both executors run it: the runner's step alone (with gremlins' grants for deno test, --ci for jest),
// build steps to run once before the baseline, and lint / typecheck / format steps skipped with a note.

import type { TestCommand } from "./test-command.ts";
import { readTestCommand, type CommandReading, type OtherStep, type RunnerStep } from "./command.ts";
import { denoHelperGrants } from "./deno-test.ts";
import { plain, quoteWord } from "./shell-words.ts";

export interface TestSteps {
  /** What the executors run: the runner's step when the command could be split, else the command whole. */
  test: TestCommand;
  setup: OtherStep[];
  /** For --verbose: what was skipped or split off, and why a command runs whole. */
  notes: string[];
  /** How the command was read: the runner's step (null when none), setup and skipped steps. */
  reading: CommandReading;
}

/** Splits `chosen` (the project's test command) into the steps gremlins runs. */
export function testSteps(root: string, chosen: TestCommand): TestSteps {
  const reading = readTestCommand(root, chosen.command);
  if (!reading.runner || reading.problem) {
    return {
      test: chosen,
      setup: [],
      notes: [`test command run whole: ${reading.problem ?? "no runner step found"}`],
      reading,
    };
  }
  const notes = [
    ...(reading.runner.command !== chosen.command ? [`test step: ${reading.runner.command}`] : []),
    ...reading.skipped.map((s) => `skipped "${s.command}" (${s.kind}: it cannot catch a gremlin the tests miss)`),
    ...reading.setup.map((s) => `"${s.command}" (${s.kind}) runs once in the sandbox before the baseline`),
  ];
  const grants = reading.runner.framework === "deno" ? denoHelperGrants(root, reading.runner.args) : [];
  if (grants.length > 0)
    notes.push(
      `added ${grants.join(" ")} to deno test: gremlins' runtime helper reads its variables and writes its state under .gremlins/`,
    );
  // jest --ci: a missing snapshot fails instead of being written (into the sandbox), as the harness compares
  // them; it changes nothing else. vitest's own switch is set in the environment (src/execute/gremlin-run.ts).
  const ci = reading.runner.framework === "jest" && !reading.runner.args.some((a) => a === "--ci" || a === "--ci=true");
  if (ci) notes.push("added --ci to jest: snapshots are compared as in CI (a missing one fails, none is written)");
  const command = grants.length > 0 ? withGrants(reading.runner, grants) : reading.runner.command;
  return {
    test: { ...chosen, command: ci ? `${command} --ci` : command },
    setup: reading.setup,
    notes,
    reading,
  };
}

/** `deno test` with gremlins' own permission flags right after `test`, the user's arguments unchanged after them. */
function withGrants(step: RunnerStep, grants: readonly string[]): string {
  const env = Object.entries(step.env).map(([key, value]) => `${key}=${quoteWord(plain(value))}`);
  return [
    ...env,
    quoteWord(plain(step.program)),
    "test",
    ...grants.map((g) => quoteWord(plain(g))),
    ...step.args.map((a) => quoteWord(plain(a))),
  ].join(" ");
}
