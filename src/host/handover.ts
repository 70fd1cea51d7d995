// Decides which process hosts a run's test workers and, when the project's runtime is not the one gremlins
// runs on, hands the whole `gremlins run` over to a process of the project's runtime (`node gremlins.mjs run …`)
// that runs the harness, the worker pool and its spares itself. The parent only waits: it passes stdio,
// forwards signals (the child saves the cache and removes the sandbox on Ctrl-C) and returns the exit code.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { constants } from "node:os";
import { setInterval } from "node:timers"; // Node's timers (with unref) in Deno too
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "pathe";
import { GremlinsError } from "../errors.ts";
import type { ExecutorName } from "../types.ts";
import type { RuntimeChoice, RuntimeName } from "../project/runtime.ts";
import { extractPayload } from "./extract.ts";
import { PAYLOAD } from "./payload.ts";

/** Set on the handed-over process (`<runtime it came from>@<epoch ms the parent started>`): never hand over twice. */
export const HANDOVER_ENV = "GREMLINS_HANDED_OVER";

export interface HandedOver {
  from: RuntimeName;
  /** Epoch ms at which the process that handed over started. */
  parentStartedAt: number;
}

let marker: HandedOver | null | undefined;

/** The marker of a handed-over run (read once, then removed so the tests' own processes do not inherit it). */
export function handedOver(env: NodeJS.ProcessEnv = process.env): HandedOver | null {
  const own = env === process.env;
  if (own && marker !== undefined) return marker;
  const value = env[HANDOVER_ENV];
  delete env[HANDOVER_ENV];
  const match = value ? /^(bun|deno|node)@(\d+(?:\.\d+)?)$/.exec(value) : null;
  const found = match
    ? { from: match[1] as RuntimeName, parentStartedAt: Number(match[2]) }
    : value
      ? { from: "bun" as const, parentStartedAt: Number.NaN }
      : null;
  if (own) marker = found;
  return found;
}

/** How gremlins itself is packaged: the executable (with its host copy), the npm bundle, or TypeScript sources. */
export type Packaging = "binary" | "npm" | "source";

export type HostDecision =
  | { handOver: false; why: string }
  | { handOver: true; runtime: RuntimeName; executable: string; why: string };

export interface HostInput {
  choice: RuntimeChoice;
  executor: ExecutorName;
  packaging: Packaging;
  handedOver: HandedOver | null;
  /**
   * Set when this Node process runs without the Node host's module hooks and the run needs them (TypeScript on a
   * Node that cannot import it, vitest's module semantics): why. The run is handed to a node with the hooks.
   */
  hooksNeeded?: string;
}

/** The version of the runtime running this code (`v20.20.2`, `bun 1.4.5`, `deno 2.9.6`). */
export function runtimeVersion(): string {
  const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } };
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  return process.version;
}

/** Whether to hand the run over, and why (the runtime version aside, the inputs say everything). */
export function decideHost(input: HostInput): HostDecision {
  const { choice } = input;
  const own = `gremlins' own ${choice.host} process`;
  if (input.handedOver) {
    return {
      handOver: false,
      why: `test workers are threads of this ${choice.host} process (${runtimeVersion()}), to which gremlins on ${input.handedOver.from} handed the run over`,
    };
  }
  if (input.executor === "spawn")
    return {
      handOver: false,
      why: `executor: spawn runs the test command itself, so ${own} needs no ${choice.runtime} host`,
    };
  if (choice.runtime === choice.host) {
    if (input.hooksNeeded && input.packaging !== "source")
      return { handOver: true, runtime: "node", executable: process.execPath, why: input.hooksNeeded };
    return {
      handOver: false,
      why: `test workers are threads of ${own}: the project's tests run on ${choice.runtime} too`,
    };
  }
  if (!choice.executable)
    return { handOver: false, why: `${choice.runtime} is not on PATH, so test workers are threads of ${own}` };
  if (input.packaging === "source")
    return {
      handOver: false,
      why: `gremlins runs from its TypeScript sources (no bundle ${choice.runtime} can run), so test workers are threads of ${own}`,
    };
  return {
    handOver: true,
    runtime: choice.runtime,
    executable: choice.executable,
    why: `gremlins runs on ${choice.host} but the project's tests run on ${choice.runtime} (${choice.reason})`,
  };
}

export interface HostCopy {
  /** The CLI bundle the child runs. */
  bundle: string;
  /** `--import` module of the Node host (TypeScript in worker threads on a Node without type stripping). */
  tsRegister: string;
  /** Where the copy came from, for --verbose. */
  origin: string;
}

/** The bundle a child runtime can run: the executable's unpacked copy, or the npm bundle this code is part of. */
export function hostCopy(packaging: Packaging): HostCopy | { problem: string } {
  if (packaging === "binary") {
    if (!PAYLOAD) return { problem: "this executable carries no copy of gremlins for other runtimes" };
    const started = performance.now();
    const { dir, extracted } = extractPayload(PAYLOAD);
    const ms = Math.round(performance.now() - started);
    return {
      bundle: join(dir, "gremlins.mjs"),
      tsRegister: join(dir, "host/ts-register.mjs"),
      origin: `${extracted ? "unpacked" : "already unpacked"} at ${dir} (${ms} ms)`,
    };
  }
  const bundle = fileURLToPath(import.meta.url);
  try {
    createRequire(bundle).resolve("oxc-parser");
  } catch {
    return { problem: `oxc-parser cannot be resolved from ${bundle} by other runtimes` };
  }
  return { bundle, tsRegister: join(dirname(bundle), "host/ts-register.mjs"), origin: bundle };
}

/**
 * The child's command line: the runtime, its flags, the bundle and the user's arguments unchanged. A deno
 * child gets the project's deno.json (`denoConfig`; its imports, workspace, compilerOptions and unstable
 * features reach the test workers, which share the process's resolver), or none when the project has none.
 */
export function childCommand(
  runtime: RuntimeName,
  copy: HostCopy,
  argv: readonly string[],
  denoConfig: string | null = null,
): string[] {
  if (runtime === "node") {
    const register = existsSync(copy.tsRegister) ? ["--import", pathToFileURL(copy.tsRegister).href] : [];
    return [...register, copy.bundle, ...argv];
  }
  if (runtime === "deno")
    return ["run", "-A", ...(denoConfig ? ["--config", denoConfig] : ["--no-config"]), copy.bundle, ...argv];
  return [copy.bundle, ...argv];
}

/**
 * In a handed-over run: when the process that started it dies without passing a signal on (SIGKILL, a crash),
 * this run ends as on SIGTERM (sandbox removed, completed verdicts saved) instead of going on unseen.
 */
export function followParent(intervalMs = 500): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, "SIGTERM");
  }, intervalMs);
  timer.unref();
}

const FORWARDED: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Runs the child to its end; its exit code (128 + n when a signal ended it). */
export function runChild(executable: string, args: readonly string[], from: RuntimeName): Promise<number> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, [HANDOVER_ENV]: `${from}@${Math.round(performance.timeOrigin)}` };
    const child = spawn(executable, args, { stdio: "inherit", env });
    // A terminal's Ctrl-C reaches the child too (same process group); a signal sent to this process alone is
    // passed on. Either way the child tears down and exits, and this process exits with its code.
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    for (const signal of FORWARDED) process.on(signal, forward);
    const done = (): void => {
      for (const signal of FORWARDED) process.off(signal, forward);
    };
    child.on("error", (error) => {
      done();
      reject(new GremlinsError(`could not start ${executable} to host the run: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      done();
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
