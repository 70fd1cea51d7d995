// The test command as both executors run it: the runner's step alone (read by src/project/command.ts),
// the build and housekeeping steps before it run once in the sandbox before the baseline, and the
// lint / typecheck / format steps skipped with a note.

import type { TestCommand } from "../detect/test-command.ts";
import { readTestCommand, type OtherStep } from "../project/command.ts";
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
  return { test: { ...chosen, command: reading.runner.command }, setup: reading.setup, notes };
}

/** Runs the setup steps in order in `cwd`; the first failure is returned with its output's tail (the baseline then decides). */
export async function runSetupSteps(steps: readonly OtherStep[], cwd: string, path: string, timeoutMs = 600_000): Promise<{ failed?: { command: string; tail: string } }> {
  for (const step of steps) {
    const result = await runCommand(step.command, { cwd, env: { ...process.env, PATH: path }, timeoutMs });
    if (result.exitCode !== 0) return { failed: { command: step.command, tail: outputTail(result.startError ?? result.output) } };
  }
  return {};
}
