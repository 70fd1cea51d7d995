// The project model for run, host and init: package.json (read once), the test command, its runner step and
// runtime; markers.ts, suite.ts and the runners' file functions answer the rest (markers, config, test files).

import { readPackageJson, dependencies, stringEntries, type PackageJson } from "../util/package-json.ts";
import { existsSync } from "node:fs";
import { join } from "pathe";
import { GremlinsError } from "../errors.ts";
import { projectPath } from "./binaries.ts";
import { expandCommand } from "./scripts.ts";
import { readTestCommand, type RunnerStep } from "./command.ts";
import { currentRuntime, detectRuntime, type RuntimeChoice, type RuntimeName } from "./runtime.ts";
import { chooseTestCommand, detectTestCommand, testScript, type TestCommand } from "./test-command.ts";
import { testSteps, type TestSteps } from "./test-steps.ts";

export interface ProjectModel {
  root: string;
  /** The project's package.json (null when it has none or it cannot be parsed). */
  packageJson: PackageJson | null;
  /** The test command as chosen (configuration, the "test" script, a Bun or Deno project) and why. */
  chosen: TestCommand;
  /** What the executors run (the runner's step alone when the command can be split), setup steps, notes. */
  steps: TestSteps;
  /** The runtime of the tests, decided on the runner's step (`cross-env X=1 bun test` runs on Bun). */
  runtime: RuntimeChoice;
  /** Set when the test step names a runtime that is not installed: the run stops with this message. */
  missingRuntime: string | null;
}

/**
 * Reads the project at `root` for a run with the configured test command (null: find it). Throws a
 * GremlinsError when there is no test command, or when it needs Bun or Deno and they are not installed.
 */
export function projectModel(
  root: string,
  configured: string | null,
  options: { envPath?: string; host?: RuntimeName } = {},
): ProjectModel {
  const packageJson = readPackageJson(root);
  const chosen = detectTestCommand(root, configured, options.envPath ?? process.env.PATH ?? "", packageJson);
  const steps = testSteps(root, chosen);
  const host = options.host ?? currentRuntime();
  let missingRuntime: string | null = null;
  let runtime: RuntimeChoice;
  try {
    runtime = detectRuntime(root, steps.test, host);
  } catch (error) {
    if (!(error instanceof GremlinsError)) throw error;
    missingRuntime = error.message;
    runtime = detectRuntime(root, steps.test, host, { strict: false });
  }
  return { root, packageJson, chosen, steps, runtime, missingRuntime };
}

/** What `gremlins init` says about a project and writes its starter config from. */
export interface ProjectFacts {
  runtime: RuntimeName;
  /** The test runner, e.g. "vitest", "node --test" or "bun test"; null when none was recognised. */
  testRunner: string | null;
  /** Where the runner was seen, e.g. `package.json scripts.test`, `package.json dependencies`, `Bun project`. */
  testRunnerSource: string | null;
  typescript: boolean;
}

/** Runners that only the spawn executor runs, named in `init`'s summary when a script starts one. */
const SPAWN_ONLY_RUNNERS = ["ava"];
/** Runners recognised from a dependency name, in priority order (only when no test command is found). */
const DEPENDENCY_RUNNERS = ["vitest", "jest", "mocha", "uvu", "tape", "ava"];

/** How `init` names a runner step: `node --test`, `bun test`, `deno test`, `bnt`, or the runner's name. */
function runnerLabel(step: RunnerStep): string {
  const program = step.program.split("/").pop() ?? step.program;
  switch (step.framework) {
    case "bun":
      return "bun test";
    case "deno":
      return "deno test";
    case "node-test":
      return program === "bnt" ? "bnt" : "node --test";
    default:
      return step.framework;
  }
}

/** The runner a command starts, as `init` names it (harness runners through the command reader, then spawn-only ones). */
function runnerOf(root: string, command: string): string | null {
  const reading = readTestCommand(root, command);
  if (reading.runner) return runnerLabel(reading.runner);
  const expanded = expandCommand(root, command);
  if ("problem" in expanded) return null;
  for (const step of expanded.steps) {
    const name = (step.words[0]?.text ?? "").split("/").pop() ?? "";
    if (SPAWN_ONLY_RUNNERS.includes(name)) return name;
  }
  return null;
}

/**
 * The project as `init` describes it, by the same rules as a run: the command a run would choose (its runner,
 * its runtime), and only when a run would find none, hints from other test scripts and the dependencies.
 */
export function describeProject(root: string, envPath: string = process.env.PATH ?? ""): ProjectFacts {
  const pkg = readPackageJson(root);
  const deps = dependencies(pkg);
  const path = projectPath(root, envPath);
  const runtimeFor = (command: string | null): RuntimeName => {
    if (command === null) return detectRuntime(root, { command: "", path }, "node", { strict: false }).runtime;
    const steps = testSteps(root, { command, reason: "", path });
    return detectRuntime(root, steps.test, "node", { strict: false }).runtime;
  };
  // The command a run would choose ("test" script, else a Bun or Deno project's), as the run chooses it.
  let command: string | null = null;
  try {
    command = chooseTestCommand(root, null, pkg).command;
  } catch (error) {
    if (!(error instanceof GremlinsError)) throw error;
  }
  let runner = command === null ? null : runnerOf(root, command);
  let source =
    runner === null
      ? null
      : testScript(pkg) !== null
        ? "package.json scripts.test"
        : runner === "bun test"
          ? "Bun project"
          : "Deno project";
  if (command === null) {
    // No command a run would find: hints for the starter config from other test scripts, then the dependencies.
    const scripts = stringEntries(pkg, "scripts");
    for (const name of Object.keys(scripts).filter((s) => s !== "test" && /test/.test(s))) {
      runner = runnerOf(root, scripts[name] as string);
      if (runner) {
        command = scripts[name] as string;
        source = `package.json scripts.${name}`;
        break;
      }
    }
    runner ??= DEPENDENCY_RUNNERS.find((name) => name in deps) ?? null;
    if (runner && !source) source = "package.json dependencies";
  }
  const runtime = runtimeFor(command);
  const typescript =
    runtime === "deno" || existsSync(join(root, "tsconfig.json")) || "typescript" in deps || "@types/bun" in deps;
  return { runtime, testRunner: runner, testRunnerSource: source, typescript };
}
