// Shared by the benchmarks: what a benchmark project is, quiet npm installs into its temp dir, and how
// gremlins is started (from source on Bun, the npm bundle on Node, or the compiled binary).
import { execFileSync } from "node:child_process";
import { join } from "pathe";

export interface Project {
  name: string;
  dir: string;
  mutate: string[];
  testCommand: string;
  stryker: Record<string, unknown>;
}

export function npm(cwd: string, args: string[]): void {
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/**
 * The command that runs gremlins for `runtime`: `source` (bun src/cli/bin.ts), `node` (the npm bundle
 * dist/gremlins.mjs under Node, i.e. `npx gremlins`) or `binary` (dist/gremlins-linux-x64). The thread
 * executor hosts the tests in gremlins' own runtime, so a Node project's suite runs on Node only with `node`.
 */
export function gremlinsCommand(repo: string, runtime: string): { command: string; prefix: string[] } {
  if (runtime === "node") return { command: "node", prefix: [join(repo, "dist/gremlins.mjs")] };
  if (runtime === "binary") return { command: join(repo, "dist/gremlins-linux-x64"), prefix: [] };
  return { command: join(repo, "node_modules/.bin/bun"), prefix: [join(repo, "src/cli/bin.ts")] };
}
