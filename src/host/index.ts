// The host of a run's test workers, for `gremlins run`: decides it (the project's runtime, see
// project/runtime.ts) and, when that runtime is not the one gremlins runs on (or is a Node that cannot import
// the project's TypeScript), hands the run over to a process of it.

import type { ResolvedConfig } from "../types.ts";
import { GremlinsError } from "../errors.ts";
import { projectModel } from "../project/model.ts";
import { denoConfigFile } from "../project/markers.ts";
import { hostFeatures, type RuntimeChoice } from "../project/runtime.ts";
import { discoverFiles } from "../discover/index.ts";
import { layout } from "../execute/thread/thread-worker.ts";
import { childCommand, decideHost, followParent, handedOver, hostCopy, runChild, type Packaging } from "./handover.ts";

export { decideHost, handedOver, HANDOVER_ENV } from "./handover.ts";

function packaging(): Packaging {
  const built = layout();
  return built === "binary" || built === "npm" ? built : "source";
}

async function mutatesTypeScript(config: ResolvedConfig): Promise<boolean> {
  return (await discoverFiles(config.root, config.mutate)).some((file) => /\.(?:ts|mts|cts|tsx)$/.test(file));
}

/** Whether this process was started with the Node host's module hooks (`--import host/ts-register.mjs`). */
function hooksLoaded(): boolean {
  return (globalThis as { __gremlins_typescript?: unknown }).__gremlins_typescript !== undefined;
}

/** Why this Node process needs the module hooks it was started without (undefined: it does not). */
async function whyHooks(config: ResolvedConfig, runner: string | undefined): Promise<string | undefined> {
  if (!hostFeatures().typescript && (await mutatesTypeScript(config)))
    return `this Node (${process.version}) cannot import the project's TypeScript in worker threads by itself`;
  if (runner === "vitest")
    return `vitest's module semantics (and its TypeScript compilation) need gremlins' module hooks in the worker threads`;
  return undefined;
}

/**
 * Runs `gremlins run` in a process of the project's runtime when gremlins runs on another; its exit code,
 * or null when this process hosts the run itself. `verbose` receives one line saying which process hosts
 * the test workers and why.
 */
export async function hostRun(
  config: ResolvedConfig,
  argv: readonly string[],
  verbose: (line: string) => void,
): Promise<number | null> {
  const marker = handedOver();
  if (marker) followParent();
  let choice: RuntimeChoice;
  let runner: string | undefined;
  try {
    const project = projectModel(config.root, config.testCommand);
    if (project.missingRuntime) return null;
    choice = project.runtime;
    runner = project.steps.reading.runner?.framework;
  } catch (error) {
    // No test command, or its runtime missing: the run reports it itself, in its usual order (after "no files").
    if (error instanceof GremlinsError) return null;
    throw error;
  }
  const hooksNeeded =
    choice.host === "node" && choice.runtime === "node" && !marker && !hooksLoaded()
      ? await whyHooks(config, runner)
      : undefined;
  const decision = decideHost({
    choice,
    executor: config.executor,
    packaging: packaging(),
    handedOver: marker,
    hooksNeeded,
  });
  if (!decision.handOver) {
    const startup =
      marker && Number.isFinite(marker.parentStartedAt)
        ? `; hand-over start-up ${Math.round(Date.now() - marker.parentStartedAt)} ms since gremlins started`
        : "";
    verbose(`Host: ${decision.why}${startup}.`);
    return null;
  }
  const copy = hostCopy(packaging());
  if ("problem" in copy) {
    verbose(
      `Host: ${decision.why}, but ${copy.problem}: test workers are threads of gremlins' own ${choice.host} process.`,
    );
    return null;
  }
  const after = Math.round(performance.now());
  verbose(
    `Host: ${decision.why}: the run is handed over to ${decision.executable}, ${after} ms after gremlins started (gremlins for ${decision.runtime} ${copy.origin}).`,
  );
  return runChild(
    decision.executable,
    childCommand(decision.runtime, copy, argv, denoConfigFile(config.root)),
    choice.host,
  );
}
