// The test command as both executors run it: the runner's step alone (read by src/project/command.ts),
// the build and housekeeping steps before it run once in the sandbox before the baseline, and the
// lint / typecheck / format steps skipped with a note.

import type { TestCommand } from "../detect/test-command.ts";
import { readTestCommand, type OtherStep, type RunnerStep } from "../project/command.ts";
import { denoHelperGrants } from "../project/deno-test.ts";
import { plain, quoteWord } from "../project/shell-words.ts";
import { outputTail } from "./baseline.ts";
import { runCommand } from "./spawn.ts";

export interface TestSteps {
  /** What the executors run: the runner's step when the command could be split, else the command whole. */
  test: TestCommand;
  setup: OtherStep[];
  /** For --verbose: what was skipped or split off, and why a command runs whole. */
  notes: string[];
}

/** Splits `chosen` (the project's test command) into the steps gremlins runs. */
export function testSteps(root: string, chosen: TestCommand): TestSteps {
  const reading = readTestCommand(root, chosen.command);
  if (!reading.runner || reading.problem) {
    return { test: chosen, setup: [], notes: [`test command run whole: ${reading.problem ?? "no runner step found"}`] };
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
  return {
    test: { ...chosen, command: grants.length > 0 ? withGrants(reading.runner, grants) : reading.runner.command },
    setup: reading.setup,
    notes,
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

/** Runs the setup steps in order in `cwd`; the first failure is returned with its output's tail (the baseline then decides). */
export async function runSetupSteps(
  steps: readonly OtherStep[],
  cwd: string,
  path: string,
  timeoutMs = 600_000,
): Promise<{ failed?: { command: string; tail: string } }> {
  for (const step of steps) {
    const result = await runCommand(step.command, { cwd, env: { ...process.env, PATH: path }, timeoutMs });
    if (result.exitCode !== 0)
      return { failed: { command: step.command, tail: outputTail(result.startError ?? result.output) } };
  }
  return {};
}
