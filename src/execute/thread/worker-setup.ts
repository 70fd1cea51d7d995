// Turns what a Suite asks of the workers (preloads, mocha's ui and root hooks, --check-leaks, env,
// --conditions) into each worker's setup, or says why this runtime cannot give it.

import type { Suite } from "../../project/suite.ts";
import type { WorkerSetup } from "./protocol.ts";

export type { WorkerSetup } from "./protocol.ts";

/**
 * Runners that compile TypeScript (vitest through esbuild/oxc, jest through its transform) rather than leave it
 * to the runtime: `node --test`, mocha, uvu and tape on a Node that strips types see Node's strip-only rules.
 */
const COMPILES_TYPESCRIPT: ReadonlySet<Suite["framework"]> = new Set(["vitest", "jest"]);

/** The setup of every worker for `suite`, or why the workers cannot honour it in this runtime. */
export function workerSetupFor(
  suite: Suite,
  runtime: { bun: boolean; deno: boolean },
): WorkerSetup | { reason: string } {
  const conditions = suite.conditions ?? [];
  if (conditions.length > 0 && (runtime.bun || runtime.deno)) {
    // Bun and Deno ignore a Worker's execArgv, and their resolvers take conditions per process only.
    return {
      reason: `custom exports conditions (${conditions.map((c) => `--conditions ${c}`).join(" ")}) need the workers hosted in Node; this run hosts them in ${runtime.bun ? "Bun" : "Deno"}`,
    };
  }
  if (suite.framework === "deno" && !runtime.deno) {
    return {
      reason: `Deno.test suites need the workers hosted in Deno; this run hosts them in ${runtime.bun ? "Bun" : "Node"}`,
    };
  }
  return {
    ...(suite.framework === "deno" ? { deno: true } : {}),
    preload: suite.preload ?? [],
    sharedRoot: suite.framework === "mocha",
    ui: suite.ui ?? "bdd",
    ...(suite.leakCheck ? { leakCheck: suite.leakCheck } : {}),
    ...(suite.esmLoader ? { esmLoader: suite.esmLoader } : {}),
    ...(suite.transform ? { transform: suite.transform } : {}),
    ...(suite.snapshot ? { snapshot: suite.snapshot } : {}),
    ...(COMPILES_TYPESCRIPT.has(suite.framework) ? { compilesTypeScript: true } : {}),
    ...(suite.framework === "vitest" ? { vitestModules: true } : {}),
    env: suite.env ?? {},
    conditions,
  };
}

/** Node options that give a worker these conditions (empty when there are none: the worker then inherits the parent's options). */
export function conditionArgv(
  conditions: readonly string[],
  parent: readonly string[] = process.execArgv,
): string[] | undefined {
  if (conditions.length === 0) return undefined;
  return [...parent, ...conditions.map((c) => `--conditions=${c}`)];
}
