// Runs a shell command as a child process in its own process group, captures its output (bounded),
// and kills the whole tree on timeout, after exit (stray grandchildren), on abort or when the run is interrupted.

import { spawn } from "node:child_process";
import { onInterrupt } from "../sandbox/cleanup.ts";
import { groupRssMb } from "./memory.ts";

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Kill the process tree after this many milliseconds (0 or Infinity = never). */
  timeoutMs?: number;
  /** Kill the process tree when its resident memory exceeds this many MB (Linux; unset = never). */
  memoryLimitMb?: number;
  /** Kills the process tree when aborted; the result comes back at once, marked `aborted`. */
  signal?: AbortSignal;
}

export interface SpawnResult {
  /** Exit code, or null when killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they arrived (head and tail kept when very long). */
  output: string;
  timedOut: boolean;
  /** Set (to the resident MB seen) when the tree was killed for exceeding memoryLimitMb. */
  memoryMb?: number;
  durationMs: number;
  /** Set when the command could not be started at all. */
  startError?: string;
  /** Set when `signal` stopped the run: no verdict can be read from it. */
  aborted?: true;
}

const HEAD_LIMIT = 256 * 1024;
const TAIL_LIMIT = 64 * 1024;
/** How often a child's resident memory is checked against memoryLimitMb. */
const MEMORY_CHECK_MS = 250;
/** How long to wait for stdio to close after the process group was killed. */
const CLOSE_GRACE_MS = 500;

/** Keeps the first HEAD_LIMIT and the last TAIL_LIMIT characters of a stream of text. */
class BoundedText {
  private head = "";
  private tail = "";
  private dropped = false;
  push(chunk: string): void {
    if (this.head.length < HEAD_LIMIT) {
      const room = HEAD_LIMIT - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk === "") return;
    this.tail += chunk;
    if (this.tail.length > TAIL_LIMIT * 2) {
      this.tail = this.tail.slice(-TAIL_LIMIT);
      this.dropped = true;
    }
  }
  toString(): string {
    if (!this.dropped) return this.head + this.tail;
    return `${this.head}\n[… output truncated …]\n${this.tail.slice(-TAIL_LIMIT)}`;
  }
}

/** Process groups of running children, killed if gremlins itself is interrupted. */
const running = new Set<number>();
let unregister: (() => void) | null = null;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

function track(pid: number): void {
  running.add(pid);
  unregister ??= onInterrupt(() => {
    for (const group of running) killGroup(group);
    running.clear();
  });
}

function untrack(pid: number): void {
  running.delete(pid);
  if (running.size === 0 && unregister) {
    unregister();
    unregister = null;
  }
}

/** Runs `command` through `sh -c` with stdin closed. Never rejects. */
export function runCommand(command: string, options: SpawnOptions): Promise<SpawnResult> {
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const output = new BoundedText();
    let timedOut = false;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let memoryWatch: ReturnType<typeof setInterval> | undefined;
    let memoryMb: number | undefined;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

    const child = spawn(command, {
      cwd: options.cwd,
      env: options.env,
      shell: true,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });

    const finish = (result: Partial<SpawnResult>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      clearInterval(memoryWatch);
      options.signal?.removeEventListener("abort", abort);
      if (child.pid !== undefined) untrack(child.pid);
      resolvePromise({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        output: output.toString(),
        timedOut,
        ...(memoryMb !== undefined ? { memoryMb } : {}),
        durationMs: performance.now() - started,
        ...result,
      });
    };

    if (child.pid !== undefined) track(child.pid);
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));

    child.on("error", (error) => finish({ startError: error.message }));
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      // Grandchildren (watchers, servers, a runner's workers) must not outlive the run.
      if (child.pid !== undefined) killGroup(child.pid);
      graceTimer = setTimeout(() => finish({}), CLOSE_GRACE_MS);
    });
    child.on("close", () => finish({}));

    const { signal } = options;
    const abort = (): void => {
      if (child.pid !== undefined) killGroup(child.pid);
      finish({ aborted: true });
    };
    if (signal?.aborted) abort();
    else signal?.addEventListener("abort", abort, { once: true });

    const limit = options.timeoutMs ?? 0;
    if (limit > 0 && Number.isFinite(limit)) {
      timer = setTimeout(() => {
        timedOut = true;
        if (child.pid !== undefined) killGroup(child.pid);
      }, limit);
    }
    const memoryLimit = options.memoryLimitMb;
    if (memoryLimit !== undefined && memoryLimit > 0 && child.pid !== undefined) {
      const group = child.pid;
      memoryWatch = setInterval(() => {
        const rss = groupRssMb(group);
        if (rss === null || rss <= memoryLimit || exit) return;
        memoryMb = rss;
        clearInterval(memoryWatch);
        killGroup(group);
      }, MEMORY_CHECK_MS);
    }
  });
}
