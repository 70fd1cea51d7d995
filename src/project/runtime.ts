// Which JavaScript runtime runs a project's tests (Bun for Bun projects, Deno for Deno projects, Node for
// the rest), where its executable is, and whether gremlins can host the test workers in its own process.

import { openSync, readSync, closeSync } from "node:fs";
import { GremlinsError } from "../errors.ts";
import { findExecutable, RUNTIME_INSTALL_HINTS } from "./binaries.ts";
import { projectMarker } from "./markers.ts";
import { commandProgram, type TestCommand } from "./test-command.ts";

import { currentRuntime, type RuntimeName } from "../util/current-runtime.ts";

export { RUNTIME_INSTALL_HINTS } from "./binaries.ts";
export { currentRuntime, type RuntimeName };

export interface RuntimeChoice {
  runtime: RuntimeName;
  /** Why this runtime, in words (for --verbose). */
  reason: string;
  /** True when the test command itself names the runtime (directly or through its bin script's `#!` line). */
  certain: boolean;
  /** Absolute path of the runtime's executable on the project PATH, or null when it is not installed. */
  executable: string | null;
  /** The runtime gremlins' own code runs on right now. */
  host: RuntimeName;
  /** "in-process": test workers can be threads of this process; "child": a runtime process must be spawned. */
  placement: "in-process" | "child";
}

const RUNTIMES: readonly RuntimeName[] = ["bun", "deno", "node"];

/** The runtime named by a `#!` line (`#!/usr/bin/env node`, `#!/usr/bin/env -S deno run -A`, `#!/path/bun`). */
export function shebangRuntime(line: string): RuntimeName | null {
  if (!line.startsWith("#!")) return null;
  const words = line.slice(2).trim().split(/\s+/);
  const program = words[0]?.endsWith("/env") ? words.slice(1).find((w) => !w.startsWith("-")) : words[0];
  const name = program?.split("/").pop() ?? "";
  return (RUNTIMES as readonly string[]).includes(name) ? (name as RuntimeName) : null;
}

function firstLine(file: string): string {
  let fd: number | null = null;
  try {
    fd = openSync(file, "r");
    const buffer = Buffer.alloc(256);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString("utf8").split("\n")[0] ?? "";
  } catch {
    return "";
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The runtime the test command starts, if the command says so: `bun test`, `node --test`, `vitest` (#! node). */
function fromCommand(command: string, path: string): { runtime: RuntimeName; reason: string } | null {
  const program = commandProgram(command);
  if (!program) return null;
  const base = program.split("/").pop() as string;
  if ((RUNTIMES as readonly string[]).includes(base)) {
    return { runtime: base as RuntimeName, reason: `the test command "${command}" runs ${base}` };
  }
  const script = program.includes("/") ? program : findExecutable(program, path);
  const runtime = script ? shebangRuntime(firstLine(script)) : null;
  return runtime ? { runtime, reason: `the test command runs ${base}, a ${runtime} script (its #! line)` } : null;
}

/** The runtime the project's files point at, when the command does not say. */
function fromProject(root: string): { runtime: RuntimeName; reason: string } {
  const marker = projectMarker(root);
  if (marker) return { runtime: marker.runtime, reason: marker.reason };
  return {
    runtime: "node",
    reason: "no Bun or Deno marker (bunfig.toml, bun.lock, deno.json, bun:test imports): Node",
  };
}

/**
 * Decides the runtime of the project's tests. Throws a GremlinsError (exit 2) when the test command
 * itself needs a runtime that is not installed, so a missing runtime is one clear line, not a red baseline
 * (unless `strict: false`, for `init`, which only describes the project).
 */
export function detectRuntime(
  root: string,
  test: Pick<TestCommand, "command" | "path">,
  host: RuntimeName = currentRuntime(),
  options: { strict?: boolean } = {},
): RuntimeChoice {
  const named = fromCommand(test.command, test.path);
  const { runtime, reason } = named ?? fromProject(root);
  const executable = findExecutable(runtime, test.path);
  if (named && !executable && options.strict !== false) {
    throw new GremlinsError(
      `This project's tests run on ${runtime} (${reason}), but ${runtime} was not found on PATH or in node_modules/.bin: ${RUNTIME_INSTALL_HINTS[runtime]}.`,
    );
  }
  return {
    runtime,
    reason,
    certain: named !== null,
    executable,
    host,
    placement: runtime === host ? "in-process" : "child",
  };
}

/** What this process can import in a worker: TypeScript natively (Bun, Deno, Node with type stripping) or through the Node host's hooks. */
export function hostFeatures(): { bun: boolean; deno: boolean; typescript: boolean } {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  const features = process.features as { typescript?: string | false };
  // The Node host's ts-register (src/host/) strips types in workers where Node cannot.
  const hooks = (globalThis as { __gremlins_typescript?: unknown }).__gremlins_typescript !== undefined;
  return { bun: g.Bun !== undefined, deno: g.Deno !== undefined, typescript: Boolean(features.typescript) || hooks };
}

/** Why this runtime cannot import these files in a worker (Node without type stripping and TS files). */
export function runtimeProblem(
  files: readonly string[],
  runtime: { bun: boolean; deno: boolean; typescript: boolean },
): string | null {
  if (runtime.bun || runtime.deno || runtime.typescript) return null;
  const ts = files.find((f) => /\.[cm]?tsx?$/.test(f));
  return ts
    ? `this Node.js (${process.version}) cannot import TypeScript files such as ${ts} in a worker thread`
    : null;
}

/** One line for --verbose: the runtime, why, where it is and how test workers are hosted. */
export function explainRuntime(choice: RuntimeChoice): string {
  const where = choice.executable ?? `not found on PATH (${RUNTIME_INSTALL_HINTS[choice.runtime]})`;
  const how =
    choice.placement === "in-process"
      ? `test workers can run as threads of gremlins' own ${choice.host} process`
      : `gremlins runs on ${choice.host}, so test workers need a ${choice.runtime} process`;
  return `Runtime: ${choice.runtime} (${choice.reason}); ${where}; ${how}.`;
}
