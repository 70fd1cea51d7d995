// One warm test process of a worker: the driver (driver-source.ts) started once with the project's node in
// the worker's sandbox, then one message per run. A run that overruns its limit, outgrows the memory limit
// or crashes the process ends it (in its whole process group); the next run starts a new one.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { delimiter, join } from "pathe";
import { onInterrupt } from "../../sandbox/cleanup.ts";
import { groupRssMb } from "../memory.ts";
import type { SpawnResult } from "../spawn.ts";
import { WARM_DRIVER_SOURCE } from "./driver-source.ts";
import { VITEST_DRIVER_SOURCE } from "./vitest-driver-source.ts";
import { JEST_DRIVER_SOURCE } from "./jest-driver-source.ts";

export type WarmRunnerName = "mocha" | "uvu" | "tape" | "vitest" | "jest";

/** What the driver needs to load the runner as its CLI would. */
export interface WarmConfig {
  runner: WarmRunnerName;
  /** The sandbox copy (absolute): cwd and the root of the modules dropped before each run. */
  root: string;
  /** The runner's CLI script, as argv[1] (vitest: its node API module). */
  bin: string;
  /** The runner's options as on its command line (no test files). */
  args: string[];
  /** Modules the runner's CLI requires first (`-r esm`). */
  requires: string[];
  /** The run bails at the first failure (vitest: its instance is made with `bail: 1`, as the fresh `--bail=1`). */
  bail: boolean;
}

export interface WarmRunRequest {
  /** Project-relative test files, in order. */
  files: string[];
  /** The active gremlin (0 = none). */
  active: number;
  hitLimit: number;
  bail: boolean;
  /** mocha: only the tests with these full titles. */
  grep?: string[];
  /** vitest, jest: only the tests whose full names match this regular expression (their `-t`). */
  pattern?: string;
  /** mocha: report which tests reach which gremlins (a run with no gremlin active). */
  cover?: boolean;
  timeoutMs: number;
  memoryLimitMb?: number;
}

export interface WarmRunResult {
  result: SpawnResult;
  /** Tests that passed (or were skipped), as the runner counted them. */
  tests: number;
  /** The active gremlin's hits went past the hit limit. */
  hitLimit: boolean;
  /** Handles (sockets, timers) the run left open, which would keep a fresh process from ending. */
  lingering: number;
  /** With `cover`: gremlin index → full titles of the tests that reached it ("" outside any test). */
  reached?: Record<string, string[]>;
}

interface DriverMessage {
  type: "ready" | "done" | "crashed";
  failed?: boolean;
  tests?: number;
  output?: string;
  hits?: number;
  lingering?: number;
  reached?: Record<string, string[]> | null;
}

const MEMORY_CHECK_MS = 250;
const STARTUP_LIMIT_MS = 30_000;

/** The first `node` on `path` (the project's bin dirs come first), else plain "node". */
export function nodeOn(path: string): string {
  for (const dir of path.split(delimiter)) {
    const candidate = join(dir, "node");
    if (dir && existsSync(candidate)) return candidate;
  }
  return "node";
}

export class WarmProcess {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private listener: ((message: DriverMessage) => void) | null = null;
  private startupOutput = "";
  private unregister: (() => void) | null = null;
  /** The process failed or spoke while no run was going on: something a run left behind. */
  stray = false;
  /** Runs since the process started: its first one also loads (and vitest transforms) what later runs reuse. */
  runs = 0;

  constructor(
    private readonly config: WarmConfig,
    private readonly env: NodeJS.ProcessEnv,
    private readonly tmpDir: string,
    private readonly node: string,
  ) {}

  private start(): Promise<void> {
    const { runner } = this.config;
    const script = join(this.tmpDir, `gremlins-warm-${runner}.cjs`);
    writeFileSync(
      script,
      runner === "vitest" ? VITEST_DRIVER_SOURCE : runner === "jest" ? JEST_DRIVER_SOURCE : WARM_DRIVER_SOURCE,
    );
    const env: NodeJS.ProcessEnv = { ...this.env, GREMLINS_WARM_CONFIG: JSON.stringify(this.config) };
    delete env.GREMLINS_ACTIVE;
    delete env.GREMLINS_DIR;
    // Preloaded by node itself: loaders such as `esm` hook every later require only when preloaded (or
    // loaded by a CLI they recognise), which the driver is not.
    const preload = this.config.requires.flatMap((name) => ["-r", name]);
    const child = spawn(this.node, [...preload, script], {
      cwd: this.config.root,
      env,
      detached: true,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.child = child;
    this.runs = 0;
    this.startupOutput = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      if (this.startupOutput.length < 16_384) this.startupOutput += chunk;
    });
    const pid = child.pid;
    this.unregister ??= onInterrupt(() => this.stop());
    child.on("message", (message: DriverMessage) => {
      if (this.listener) this.listener(message);
      else this.stray = true;
    });
    child.on("exit", () => {
      if (this.child !== child) return;
      this.child = null;
      this.ready = null;
      if (this.listener) this.listener({ type: "crashed", output: this.startupOutput });
      else this.stray = true;
    });
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the warm process did not start in time")), STARTUP_LIMIT_MS);
      this.listener = (message) => {
        clearTimeout(timer);
        this.listener = null;
        if (message.type === "ready") resolve();
        else reject(new Error(`the warm process could not load the runner: ${message.output ?? ""}`.trim()));
      };
      if (pid === undefined) reject(new Error("the warm process could not start"));
    });
  }

  /** Starts the process if needed; rejects when the runner cannot be loaded. */
  async ensure(): Promise<void> {
    if (this.child && this.ready) return this.ready;
    this.ready = this.start();
    try {
      await this.ready;
    } catch (error) {
      this.stop();
      throw error;
    }
  }

  /** One run; a process that had to be ended is replaced on the next run. */
  async run(request: WarmRunRequest): Promise<WarmRunResult> {
    await this.ensure();
    // The process's start is paid once per worker, not by this run (warm and fresh runs are compared by it).
    const started = performance.now();
    this.runs++;
    const child = this.child as ChildProcess;
    return new Promise<WarmRunResult>((resolve) => {
      let memoryMb: number | undefined;
      let timedOut = false;
      let watch: ReturnType<typeof setInterval> | undefined;
      const finish = (message: DriverMessage, exitCode: number | null, extra: Partial<SpawnResult> = {}) => {
        clearTimeout(timer);
        clearInterval(watch);
        this.listener = null;
        const hits = message.hits ?? 0;
        resolve({
          result: {
            exitCode,
            signal: null,
            output: message.output ?? "",
            timedOut,
            ...(memoryMb !== undefined ? { memoryMb } : {}),
            durationMs: performance.now() - started,
            ...extra,
          },
          tests: message.tests ?? 0,
          hitLimit: request.hitLimit > 0 && hits > request.hitLimit,
          lingering: message.lingering ?? 0,
          ...(message.reached ? { reached: message.reached } : {}),
        });
      };
      const timer = setTimeout(() => {
        timedOut = true;
        this.stop();
      }, request.timeoutMs);
      const limit = request.memoryLimitMb;
      if (limit !== undefined && limit > 0 && child.pid !== undefined) {
        const group = child.pid;
        watch = setInterval(() => {
          const rss = groupRssMb(group);
          if (rss === null || rss <= limit) return;
          memoryMb = rss;
          this.stop();
        }, MEMORY_CHECK_MS);
      }
      const onExit = () => this.listener?.({ type: "crashed", output: "" });
      child.once("exit", onExit);
      this.listener = (message) => {
        child.removeListener("exit", onExit);
        if (message.type === "done") finish(message, message.failed ? 1 : 0);
        else {
          // Crashed, or ended by the time or memory limit.
          this.stop();
          finish(message, 1, timedOut || memoryMb !== undefined ? { exitCode: null, signal: "SIGKILL" } : {});
        }
      };
      child.send({
        files: request.files,
        active: request.active,
        hitLimit: request.hitLimit,
        bail: request.bail,
        grep: request.grep ?? null,
        pattern: request.pattern ?? null,
        cover: request.cover === true,
      });
    });
  }

  /** Ends the process and everything it started. */
  stop(): void {
    const child = this.child;
    this.child = null;
    this.ready = null;
    if (child?.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }

  close(): void {
    this.stop();
    this.unregister?.();
    this.unregister = null;
  }
}
