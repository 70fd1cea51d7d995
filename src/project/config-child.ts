// Evaluates a test runner's config file the way the runner would: in a child `node` process started in the
// project's directory, with the runner's own loader (vite's, jest-config's), so defineConfig, mergeConfig,
// functions of the environment, async configs and imports of other files all behave as they do for the runner.

import { spawnSync } from "node:child_process";
import { projectPath, findExecutable } from "./binaries.ts";

/** The line prefix the child prints its answer after (configs may print to stdout themselves). */
export const ANSWER_MARK = "__gremlins_config_answer__";

/**
 * JavaScript shared by the child scripts: `answer(value)` prints the value as JSON, with RegExps as
 * `{ "$regexp": [source, flags] }`, functions as `{ "$function": name }`, and cycles cut.
 */
export const ANSWER_SNIPPET = `
const toPlain = (value, seen = new WeakSet(), depth = 0) => {
  if (value instanceof RegExp) return { $regexp: [value.source, value.flags] };
  if (typeof value === "function") return { $function: value.name || "anonymous" };
  if (typeof value === "bigint" || typeof value === "symbol") return String(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value) || depth > 12) return "[cycle]";
  seen.add(value);
  if (value instanceof URL) return value.href;
  if (typeof value.then === "function") return { $promise: true };
  const out = Array.isArray(value) ? [] : {};
  for (const key of Object.keys(value)) {
    const item = toPlain(value[key], seen, depth + 1);
    if (item !== undefined) Array.isArray(out) ? out.push(item) : (out[key] = item);
  }
  seen.delete(value);
  return out;
};
const answer = (value) => process.stdout.write("\\n${ANSWER_MARK}" + JSON.stringify(toPlain(value)) + "\\n");
const fail = (error) => answer({ error: error instanceof Error ? error.message.split("\\n")[0] : String(error) });
`;

/** The `node` that evaluates configs: this process when it is Node, else the project's (node_modules/.bin, then PATH). */
export function configNode(root: string): string | null {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  if (g.Bun === undefined && g.Deno === undefined) return process.execPath;
  return findExecutable("node", projectPath(root));
}

/**
 * Runs `script` (an ES module's text) with `node` in `root`, passing `args`, and returns what it answered,
 * or a one-line error. `env` is added to the child's environment.
 */
export function runConfigScript(
  root: string,
  script: string,
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): { value: unknown } | { error: string } {
  const node = configNode(root);
  if (!node) return { error: "no node executable was found to evaluate it" };
  const child = spawnSync(node, ["--input-type=module", "--eval", script, "--", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout?.split("\n").find((l) => l.startsWith(ANSWER_MARK));
  if (!line) {
    const why =
      child.error?.message ??
      (child.stderr || "")
        .trim()
        .split("\n")
        .find((l) => /error/i.test(l)) ??
      `node exited with code ${child.status}`;
    return { error: why.trim() };
  }
  const value = JSON.parse(line.slice(ANSWER_MARK.length)) as unknown;
  if (typeof value === "object" && value !== null && "error" in value && Object.keys(value).length === 1)
    return { error: String((value as { error: unknown }).error) };
  return { value };
}

/** A RegExp (or string) from the child's plain form. */
export function regexpOf(value: unknown): RegExp | null {
  if (typeof value === "object" && value !== null && "$regexp" in value) {
    const [source, flags] = (value as { $regexp: [string, string] }).$regexp;
    return new RegExp(source, flags);
  }
  return null;
}

/** A function's name from the child's plain form, or null when `value` is not a function. */
export function functionName(value: unknown): string | null {
  return typeof value === "object" && value !== null && "$function" in value
    ? String((value as { $function: unknown }).$function)
    : null;
}
