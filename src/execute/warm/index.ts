// Warm runs for the spawn executor: one long-lived test process per worker re-runs the chosen test files
// for each gremlin instead of a fresh process per gremlin. Before it is trusted: every test file must pass
// twice in a row in one warm process with the same test count; then the first gremlins run both warm and
// fresh, and warm is kept only when every verdict is equal and warm is faster. After that, a warm run that
// survives with another test count than the files' baseline runs again fresh, and a process that fails
// between runs (something a run left behind) ends warm runs for the rest.

import type { Gremlin } from "../../types.ts";
import { classify } from "../verdict.ts";
import type { SpawnRun, WorkerContext } from "../gremlin-run.ts";
import { WarmProcess, type WarmConfig } from "./process.ts";
import { titleFilter } from "../select/title-filter.ts";

export { warmConfig } from "./plan.ts";
export { WarmProcess, nodeOn, type WarmConfig } from "./process.ts";

/** `GREMLINS_WARM_RUNS`: auto (measure, keep the faster), off, or always (skip the comparison; tests). */
export type WarmMode = "auto" | "off" | "always";

/** Reads GREMLINS_WARM_RUNS (unset or unknown: auto). */
export function warmMode(value: string | undefined): WarmMode {
  return value === "off" || value === "always" ? value : "auto";
}

export interface WarmOptions {
  config: WarmConfig;
  mode: WarmMode;
  /** Environment and temp dir of worker `w`'s process. */
  envOf: (worker: number) => { env: NodeJS.ProcessEnv; ctx: WorkerContext };
  node: string;
  /** Gremlins run both ways before deciding (auto). */
  samples?: number;
}

export interface WarmRunInput {
  worker: number;
  gremlin: Gremlin;
  files: string[];
  timeoutMs: number;
  hitLimit: number;
  bail: boolean;
  memoryLimitMb?: number;
  /** The titles of the only tests the fresh run would run (its title filter), else every test of the files. */
  tests?: string[];
  /** Run every test of the files (no per-test grep): a Survived of only the reaching tests is being confirmed. */
  wholeFiles?: boolean;
  /** The same run in a fresh process. */
  fresh: () => Promise<SpawnRun>;
}

/** A warm run with what deciding on it takes: test counts, handles left open, whether it was its process's first. */
type WarmAttempt = SpawnRun & {
  tests: number;
  lingering: number;
  expected: number | undefined;
  grep: boolean;
  first: boolean;
};

const DEFAULT_SAMPLES = 6;
/** Time limit of one warm baseline run of a test file (ms). */
const FILE_LIMIT_MS = 60_000;

export class WarmRuns {
  private readonly processes = new Map<number, WarmProcess>();
  private state: "calibrating" | "warm" | "fresh";
  private readonly expected = new Map<string, number>();
  /** mocha: per test file, gremlin index → full titles of the tests reaching it (null: also reached outside a test). */
  private readonly perTest = new Map<string, Map<number, string[] | null>>();
  private perTestRuns = 0;
  private sampled = 0;
  /** Sampled runs whose times count: not a process's first run, which loads what the later ones reuse. */
  private timed = 0;
  private warmMs = 0;
  private freshMs = 0;
  private doubts = 0;
  private lingered = 0;
  private why = "";

  constructor(private readonly options: WarmOptions) {
    this.state = options.mode === "always" ? "warm" : options.mode === "off" ? "fresh" : "calibrating";
  }

  private processOf(worker: number): WarmProcess {
    let proc = this.processes.get(worker);
    if (!proc) {
      const { env, ctx } = this.options.envOf(worker);
      proc = new WarmProcess(this.options.config, env, ctx.tmpDir, this.options.node);
      this.processes.set(worker, proc);
    }
    return proc;
  }

  /** Runs every test file alone twice in worker 0's warm process; the reason when warm runs cannot be trusted. */
  async prepare(files: readonly string[]): Promise<{ reason: string } | null> {
    if (this.state === "fresh") return { reason: "GREMLINS_WARM_RUNS=off" };
    const proc = this.processOf(0);
    try {
      await proc.ensure();
    } catch (error) {
      return this.off((error as Error).message.split("\n")[0] ?? "the warm process failed");
    }
    for (const file of files) {
      const counts: number[] = [];
      for (let round = 0; round < 2; round++) {
        const run = await proc.run({ files: [file], active: 0, hitLimit: 0, bail: false, timeoutMs: FILE_LIMIT_MS });
        if (run.result.exitCode !== 0) return this.off(`${file} does not pass when run again in one process`);
        if (run.lingering > 0) return this.off(`${file} leaves handles open (a fresh process waits for them)`);
        counts.push(run.tests);
      }
      if (counts[0] !== counts[1] || counts[0] === 0)
        return this.off(`${file} runs ${counts[0]} then ${counts[1]} tests in one process`);
      this.expected.set(file, counts[0] as number);
      if (this.options.config.runner === "mocha") {
        const covered = await proc.run({
          files: [file],
          active: 0,
          hitLimit: 0,
          bail: false,
          cover: true,
          timeoutMs: FILE_LIMIT_MS,
        });
        if (covered.result.exitCode === 0 && covered.tests === counts[0] && covered.reached)
          this.perTest.set(file, testsByGremlin(covered.reached));
      }
    }
    return null;
  }

  private off(reason: string): { reason: string } {
    this.state = "fresh";
    this.why = reason;
    this.close();
    return { reason };
  }

  /** The gremlin's run: warm, fresh, or both while measuring. */
  async run(input: WarmRunInput): Promise<SpawnRun> {
    if (this.state === "fresh") return input.fresh();
    const proc = this.processOf(input.worker);
    if (proc.stray) {
      this.off("a warm test process failed between runs (a run left work behind)");
      return input.fresh();
    }
    let warm: WarmAttempt;
    try {
      warm = await this.warmRun(proc, input);
    } catch (error) {
      this.off((error as Error).message.split("\n")[0] ?? "the warm process failed");
      return input.fresh();
    }
    // Turned off while this run went on (its process may have been ended under it).
    if (this.turnedOff()) return input.fresh();
    // A fresh process would wait for what the run left open (and maybe overrun its limit): only it can tell.
    if (warm.lingering > 0) {
      this.lingered++;
      return input.fresh();
    }
    if (this.state === "calibrating") {
      const fresh = await input.fresh();
      if (this.turnedOff()) return fresh;
      if (fresh.status !== warm.status) {
        this.off(
          `gremlin #${input.gremlin.index} was ${fresh.status} in a fresh process and ${warm.status} warm; fresh processes for all`,
        );
        return fresh;
      }
      this.sampled++;
      if (!warm.first) {
        this.timed++;
        this.warmMs += warm.durationMs;
        this.freshMs += fresh.durationMs;
      }
      if (this.sampled >= (this.options.samples ?? DEFAULT_SAMPLES) && this.timed > 0) {
        if (this.warmMs < this.freshMs) this.state = "warm";
        else
          this.off(`warm runs were not faster (${this.perRun(this.warmMs)} vs ${this.perRun(this.freshMs)} per run)`);
      }
      return fresh;
    }
    if (warm.status === "Survived" && warm.tests !== warm.expected) {
      this.doubts++;
      return input.fresh();
    }
    // Only the reaching tests ran: one relying on state another test built with the gremlin active (a table
    // filled on first use) was left out, so a Survived stands once the files also pass whole.
    if (warm.status === "Survived" && warm.grep) return this.run({ ...input, wholeFiles: true });
    return warm;
  }

  /** The full titles of the tests reaching the gremlin in `files`, or undefined to run the files whole. */
  private testsFor(index: number, files: readonly string[]): string[] | undefined {
    const titles = new Set<string>();
    for (const file of files) {
      const tests = this.perTest.get(file)?.get(index);
      if (!tests) return undefined;
      for (const title of tests) titles.add(title);
    }
    return titles.size > 0 ? [...titles] : undefined;
  }

  private async warmRun(proc: WarmProcess, input: WarmRunInput): Promise<WarmAttempt> {
    const { runner } = this.options.config;
    const grep = input.wholeFiles ? undefined : this.testsFor(input.gremlin.index, input.files);
    // vitest and jest take the fresh run's -t; the tests it leaves out count as skipped, so the files' count stands.
    const pattern =
      (runner === "vitest" || runner === "jest") && input.tests && !input.wholeFiles
        ? titleFilter(runner, input.tests)?.[1]
        : undefined;
    if (grep || pattern) this.perTestRuns++;
    const run = await proc.run({
      ...(grep ? { grep } : {}),
      ...(pattern ? { pattern } : {}),
      files: input.files,
      active: input.gremlin.index,
      hitLimit: input.hitLimit,
      bail: input.bail,
      timeoutMs: input.timeoutMs,
      ...(input.memoryLimitMb !== undefined ? { memoryLimitMb: input.memoryLimitMb } : {}),
    });
    const verdict = classify({ result: run.result, hitLimit: run.hitLimit, timeoutMs: input.timeoutMs });
    return {
      ...verdict,
      durationMs: run.result.durationMs,
      result: run.result,
      tests: run.tests,
      lingering: run.lingering,
      expected: grep ? grep.length : this.expectedTests(input.files),
      grep: grep !== undefined,
      first: proc.runs === 1,
    };
  }

  /** Read through a call: another worker's run may have turned warm runs off during an await. */
  private turnedOff(): boolean {
    return this.state === "fresh";
  }

  private expectedTests(files: readonly string[]): number | undefined {
    let sum = 0;
    for (const file of files) {
      const count = this.expected.get(file);
      if (count === undefined) return undefined;
      sum += count;
    }
    return sum;
  }

  private perRun(ms: number): string {
    return `${Math.round(ms / Math.max(1, this.timed))} ms`;
  }

  /** What was decided, for the run's log. */
  summary(): string {
    const { runner } = this.options.config;
    if (this.state === "fresh")
      return `Warm runs: off, a fresh ${runner} process per gremlin${this.why ? ` (${this.why})` : ""}.`;
    const measured =
      this.sampled > 0
        ? ` (${this.sampled} gremlins run both ways: same verdicts, ${this.perRun(this.warmMs)} warm vs ${this.perRun(this.freshMs)} fresh per run)`
        : "";
    const doubts =
      (this.doubts > 0 ? `; ${this.doubts} surviving run(s) with another test count re-run fresh` : "") +
      (this.lingered > 0 ? `; ${this.lingered} run(s) that left handles open re-run fresh` : "") +
      (this.perTestRuns > 0
        ? `; ${this.perTestRuns} run(s) of only the tests that reach the gremlin (${runner === "mocha" ? "grep" : "-t"})`
        : "");
    return this.state === "warm"
      ? `Warm runs: one ${runner} process per worker${measured}${doubts}.`
      : `Warm runs: still measuring after ${this.sampled} gremlins.`;
  }

  close(): void {
    for (const proc of this.processes.values()) proc.close();
    this.processes.clear();
  }
}

/** Gremlin index → the tests that reached it; null when code outside any test (a before-all hook) reached it too. */
function testsByGremlin(reached: Record<string, string[]>): Map<number, string[] | null> {
  const map = new Map<number, string[] | null>();
  for (const [index, titles] of Object.entries(reached))
    map.set(Number(index), titles.includes("") ? null : [...new Set(titles)]);
  return map;
}
