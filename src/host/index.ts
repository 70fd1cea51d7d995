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
  try {
    const project = projectModel(config.root, config.testCommand);
    if (project.missingRuntime) return null;
    choice = project.runtime;
  } catch (error) {
    // No test command, or its runtime missing: the run reports it itself, in its usual order (after "no files").
    if (error instanceof GremlinsError) return null;
    throw error;
  }
  const typeScriptOnOldNode =
    choice.host === "node" &&
    choice.runtime === "node" &&
    !marker &&
    !hostFeatures().typescript &&
    (await mutatesTypeScript(config));
  const decision = decideHost({
    choice,
    executor: config.executor,
    packaging: packaging(),
    handedOver: marker,
    typeScriptOnOldNode,
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
