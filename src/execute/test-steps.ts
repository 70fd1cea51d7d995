// Runs the build and housekeeping steps of the test command (src/project/test-steps.ts splits them off)
// once in the sandbox, before the baseline.

import type { OtherStep } from "../project/command.ts";
import { outputTail } from "./baseline.ts";
import { runCommand } from "./spawn.ts";

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
