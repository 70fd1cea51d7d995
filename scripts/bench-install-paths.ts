// Wall time and verdict counts of a full `gremlins run` for each install path (standalone binary, npm package
// under Node/npx, Bun and Deno) × fixture project runtime (bun, deno, node-test), on copies outside the repo.
// Builds, packs and installs the package first. Run: ./node_modules/.bin/bun scripts/bench-install-paths.ts
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { binaryPath, hostTarget } from "../build.ts";
import {
  BIN_DIR,
  copyFixture,
  ensureBuilt,
  EXPECTED,
  installOnce,
  packOnce,
  PACKAGE_RUNTIMES,
  runThrough,
  tempDir,
} from "../tests/e2e/install-paths.ts";

const FIXTURES = ["bun", "deno", "node-test"] as const;

async function main(): Promise<number> {
  ensureBuilt(binaryPath(hostTarget()), "--target", hostTarget());
  const app = await installOnce();
  const work = tempDir("bench");
  const exe = join(work, "gremlins");
  copyFileSync(binaryPath(hostTarget()), exe);
  // The projects' runtimes (bun, deno) come from the repo's node_modules/.bin, after the system PATH.
  const env = { ...process.env, PATH: `${process.env.PATH}:${BIN_DIR}` };
  const paths: { name: string; command: string[] }[] = [
    { name: "binary", command: [exe] },
    ...PACKAGE_RUNTIMES.map((r) => ({
      name: r.name === "node" ? "npx (node)" : `${r.name} (npm pkg)`,
      command: r.command(app),
    })),
  ];
  const rows: string[][] = [];
  let mismatch = false;
  for (const fixture of FIXTURES) {
    const parent = join(work, fixture);
    mkdirSync(parent);
    const project = copyFixture(fixture, parent);
    for (const path of paths) {
      const run = await runThrough(path.command, project, env);
      const counts = FIXTURE_ORDER.map((s) => run.counts[s] ?? 0).join(" / ");
      const ok =
        run.code === 0 && JSON.stringify(sorted(run.counts)) === JSON.stringify(sorted(EXPECTED[fixture] ?? {}));
      if (!ok) mismatch = true;
      rows.push([
        fixture,
        path.name,
        `${(run.wallMs / 1000).toFixed(1)} s`,
        counts,
        ok ? "yes" : `NO (exit ${run.code})`,
      ]);
      process.stderr.write(`${fixture} × ${path.name}: ${(run.wallMs / 1000).toFixed(1)} s\n`);
      if (run.code !== 0) process.stderr.write(run.stderr.slice(-2000));
    }
  }
  printTable(["project", "install path", "wall", "killed / survived / timeout / no coverage", "as documented"], rows);
  rmSync(work, { recursive: true, force: true });
  rmSync(dirname(app), { recursive: true, force: true });
  rmSync(dirname(await packOnce()), { recursive: true, force: true });
  return mismatch ? 1 : 0;
}

const FIXTURE_ORDER = ["Killed", "Survived", "Timeout", "NoCoverage"];

function sorted(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

process.exitCode = await main();
