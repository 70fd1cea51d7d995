// Which JavaScript runtime executes this code: the one answer for every layer (project detection, the
// harness's Node-only loop checks, the worker's Node-only storage release).

export type RuntimeName = "bun" | "deno" | "node";

/** The runtime executing this code: the compiled gremlins binary reports "bun". */
export function currentRuntime(): RuntimeName {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  if (g.Bun !== undefined) return "bun";
  if (g.Deno !== undefined) return "deno";
  return "node";
}
