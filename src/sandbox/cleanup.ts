// Sandbox hygiene: removes sandboxes left behind by dead runs, and tears down this run's sandboxes
// (after stopping its child processes) when the user interrupts with SIGINT/SIGTERM.

import { lstatSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { join } from "pathe";
import { STATE_DIR } from "../util/own-paths.ts";
import { isSandboxBase } from "./location.ts";

/** `sandbox-<pid>-<random>` plus any suffix (state dirs: `sandbox-<pid>-<random>-state`). */
const SANDBOX_NAME = /^sandbox-(\d+)-/;

/** True when a zombie holds this pid (Linux /proc): it is dead, just not reaped yet. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

/** True when a live process has this pid (EPERM means it exists but belongs to someone else). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/**
 * Removes the sandboxes of dead runs: each `<root>/.gremlins/sandbox-<pid>-*` entry whose pid is dead (a file
 * naming a sandbox directory, which goes too, or an older run's link to one, or a state dir). Returns the names removed.
 */
export function removeOrphanSandboxes(root: string, alive: (pid: number) => boolean = isPidAlive): string[] {
  const dir = join(root, STATE_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = SANDBOX_NAME.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || alive(pid)) continue;
    const entry = join(dir, name);
    let target: string | null = null;
    try {
      const stat = lstatSync(entry);
      // A pointer file names the sandbox; runs before pointer files left a link.
      if (stat.isFile()) target = readFileSync(entry, "utf8").trim();
      else if (stat.isSymbolicLink()) target = readlinkSync(entry);
    } catch {
      continue;
    }
    // Only ever a directory this pointer's sandbox made: one edited to point elsewhere removes nothing else.
    if (target !== null && isSandboxBase(target, name)) rmSync(target, { recursive: true, force: true });
    rmSync(entry, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

type Teardown = () => void;

const teardowns = new Set<Teardown>();
let installed = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const teardown of [...teardowns].reverse()) {
    try {
      teardown();
    } catch {
      // Best effort: keep tearing down the rest.
    }
  }
  teardowns.clear();
  process.exit(signal === "SIGINT" ? 130 : 143);
}

/**
 * Registers a synchronous teardown to run if the process receives SIGINT/SIGTERM (then it exits
 * 130/143). Teardowns run newest first. Returns a function that unregisters it.
 */
export function onInterrupt(teardown: Teardown): () => void {
  teardowns.add(teardown);
  if (!installed) {
    installed = true;
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  return () => {
    teardowns.delete(teardown);
    if (teardowns.size === 0 && installed) {
      installed = false;
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  };
}
