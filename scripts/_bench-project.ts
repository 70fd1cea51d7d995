// Shared by the benchmarks: what a benchmark project is, and quiet npm installs into its temp dir.
import { execFileSync } from "node:child_process";

export interface Project {
  name: string;
  dir: string;
  mutate: string[];
  testCommand: string;
  stryker: Record<string, unknown>;
}

export function npm(cwd: string, args: string[]): void {
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, stdio: ["ignore", "ignore", "inherit"] });
}
