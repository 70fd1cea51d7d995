// One spawn of the test command in a worker's sandbox: the environment the runtime helper reads
// (GREMLINS_ACTIVE / GREMLINS_DIR / GREMLINS_HIT_LIMIT) and the files it leaves behind.

import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "pathe";
import { runCommand, type SpawnResult } from "./spawn.ts";
import { classify, type Verdict } from "./verdict.ts";
import { memoryLimitMb } from "./memory.ts";
import { readPackageJson } from "../util/package-json.ts";

/**
 * Hits of the active gremlin's site (per process) after which the helper throws, reported as
 * Timeout. The baseline does not count hits yet, so this is a fixed limit. Measured here: a loop
 * whose `i++` became `i--` (indexing an array with negative numbers) reaches 1 million hits in
 * about 2 s under load, well inside the usual time limit, while a single site hit a million times
 * by one legitimate test process is rare. Once the baseline counts hits, derive it from them.
 */
export const DEFAULT_HIT_LIMIT = 1_000_000;

export interface WorkerContext {
  /** The worker's sandbox copy (the command's cwd). */
  cwd: string;
  /** Fresh, empty GREMLINS_DIR for this run. */
  stateDir: string;
  /** The worker's TMPDIR. */
  tmpDir: string;
}

export interface CommandSpec {
  command: string;
  /** PATH for the command (project bin dirs first). */
  path: string;
}

/**
 * The child's environment: the user's, plus gremlins' switches and a private temp dir. Colour variables
 * stay as the user set them (suites test them: kleur, commander); runner output is parsed with ANSI stripped.
 */
export function gremlinEnv(spec: CommandSpec, ctx: WorkerContext, active: number, hitLimit: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.PATH = spec.path;
  env.TMPDIR = ctx.tmpDir;
  env.GREMLINS_DIR = ctx.stateDir;
  if (env.ESM_OPTIONS === undefined && !configuresEsm(ctx.cwd)) {
    // The `esm` loader (`-r esm`) keeps one compile cache in node_modules/.cache, which the sandboxes
    // share through their node_modules link: parallel runs corrupt it ("Cannot use import statement
    // outside a module" at random). Each worker gets its own cache instead.
    env.ESM_OPTIONS = JSON.stringify({ cache: join(ctx.tmpDir, ".esm-cache") });
  }
  // The harness compares snapshots as a CI run does: a missing one fails and none is written. vitest 4 reads
  // UPDATE_SNAPSHOT=none as that mode (its CI default, without CI's other effects); older vitest reads any value
  // as "update all", so there it is not set. jest gets --ci in its command (src/project/test-steps.ts).
  if ((vitestMajor(ctx.cwd) ?? 0) >= 4) env.UPDATE_SNAPSHOT = "none";
  if (active > 0) {
    env.GREMLINS_ACTIVE = String(active);
    env.GREMLINS_HIT_LIMIT = String(hitLimit);
  } else {
    delete env.GREMLINS_ACTIVE;
    delete env.GREMLINS_HIT_LIMIT;
  }
  return env;
}

const esmConfigured = new Map<string, boolean>();

/** True when package.json configures the `esm` loader (ESM_OPTIONS would replace that configuration). */
function configuresEsm(dir: string): boolean {
  let known = esmConfigured.get(dir);
  if (known === undefined) {
    known = readPackageJson(dir)?.esm !== undefined;
    esmConfigured.set(dir, known);
  }
  return known;
}

const vitestMajors = new Map<string, number | null>();

/** The major version of the vitest that `dir` resolves, or null when it resolves none. */
function vitestMajor(dir: string): number | null {
  let major = vitestMajors.get(dir);
  if (major === undefined) {
    try {
      const path = createRequire(join(dir, "package.json")).resolve("vitest/package.json");
      major = Number.parseInt((JSON.parse(readFileSync(path, "utf8")) as { version: string }).version, 10);
    } catch {
      major = null;
    }
    vitestMajors.set(dir, major);
  }
  return major;
}

/** Union of the gremlin indices listed in `reached-*.txt` files of a GREMLINS_DIR. */
export function readReached(stateDir: string): Set<number> {
  const reached = new Set<number>();
  for (const name of safeList(stateDir)) {
    if (!name.startsWith("reached-")) continue;
    for (const line of readFileSync(join(stateDir, name), "utf8").split("\n")) {
      const index = Number.parseInt(line, 10);
      if (index > 0) reached.add(index);
    }
  }
  return reached;
}

/** True when the helper left a `hit-limit-<pid>` marker. */
export function hitLimitReached(stateDir: string): boolean {
  return safeList(stateDir).some((name) => name.startsWith("hit-limit-"));
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** One gremlin run of the spawn executor: its verdict, wall time and the process result. */
export interface SpawnRun extends Verdict {
  durationMs: number;
  result: SpawnResult;
}

/**
 * Runs the command (or `command`, a selection of it) once with gremlin `index` active and classifies the
 * result. An aborted run (`signal`) comes back with `result.aborted` set: its verdict means nothing.
 */
export async function runGremlin(
  index: number,
  spec: CommandSpec,
  ctx: WorkerContext,
  timeoutMs: number,
  hitLimit: number = DEFAULT_HIT_LIMIT,
  command: string = spec.command,
  signal?: AbortSignal,
): Promise<SpawnRun> {
  const result = await runCommand(command, {
    cwd: ctx.cwd,
    env: gremlinEnv(spec, ctx, index, hitLimit),
    timeoutMs,
    memoryLimitMb: memoryLimitMb(),
    ...(signal ? { signal } : {}),
  });
  const verdict = classify({ result, hitLimit: hitLimitReached(ctx.stateDir), timeoutMs });
  return { ...verdict, durationMs: result.durationMs, result };
}
