// What keeps a worker's event loop alive beyond the worker's own resources (its port to the coordinator),
// on Node only: Bun and Deno answer these questions without meaning it. The drained-loop check of
// node:test (loop-drain.ts) and the stuck-test check (loop-stuck.ts) both read it.

import { currentRuntime } from "../util/current-runtime.ts";

interface NodeProcess {
  getActiveResourcesInfo?: () => string[];
  _getActiveHandles?: () => unknown[];
}

/** Node's introspection, or null elsewhere. */
function introspection(): { resources: () => string[]; handles: () => unknown[] } | null {
  if (currentRuntime() !== "node") return null;
  const p = process as unknown as NodeProcess;
  const resources = p.getActiveResourcesInfo;
  const handles = p._getActiveHandles;
  if (typeof resources !== "function" || typeof handles !== "function") return null;
  return { resources: () => resources.call(process), handles: () => handles.call(process) };
}

const node = introspection();
/** Resource kinds and handles the worker holds by itself, noted before any test file loads. */
let own: { resources: Map<string, number>; handles: Set<unknown> } | null = null;

function counted(list: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const name of list) out.set(name, (out.get(name) ?? 0) + 1);
  return out;
}

/** Records what keeps the loop alive before any test file loads (the worker's own port); once. */
export function noteOwnResources(): void {
  if (node !== null) own ??= { resources: counted(node.resources()), handles: new Set(node.handles()) };
}

/** True where the questions below have answers (Node, own resources noted). */
export function loopKnown(): boolean {
  return node !== null && own !== null;
}

/** Resource kinds (getActiveResourcesInfo names) alive beyond the worker's own, with how many more. */
export function extraResources(): Map<string, number> {
  const out = new Map<string, number>();
  if (node === null) return out;
  for (const [name, count] of counted(node.resources())) {
    const more = count - (own?.resources.get(name) ?? 0);
    if (more > 0) out.set(name, more);
  }
  return out;
}

/** Handles (servers, sockets…) alive beyond the worker's own. */
export function extraHandles(): unknown[] {
  if (node === null) return [];
  return node.handles().filter((handle) => !own?.handles.has(handle));
}
