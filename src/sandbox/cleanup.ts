// Sandbox hygiene: removes sandboxes left behind by dead runs, and tears down this run's sandboxes
// (after stopping its child processes) when the user interrupts with SIGINT/SIGTERM.

import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "pathe";

/** `sandbox-<pid>-<random>` plus any suffix (worker copies: `sandbox-<pid>-<random>-w2`). */
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

/** Removes `<root>/.gremlins/sandbox-<pid>-*` directories whose pid is dead. Returns the names removed. */
export function removeOrphanSandboxes(root: string, alive: (pid: number) => boolean = isPidAlive): string[] {
  const dir = join(root, ".gremlins");
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
    rmSync(join(dir, name), { recursive: true, force: true });
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
