// Shared by the benchmarks: runs a command and measures its wall time and the peak resident memory of
// its whole process tree (sampled from /proc, Linux only).
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface Measured {
  wallMs: number;
  peakRssMb: number;
  code: number | null;
  /** The last 8,000 characters of stderr. */
  stderr: string;
  /** Killed because it ran past measure's `limitMs`. */
  stopped?: boolean;
}

/** Sum of the resident memory of `pid` and all its descendants, from /proc (Linux). */
export function treeRssKb(pid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/** How long a stopped command has to end on SIGTERM before its process group is killed. */
const STOP_GRACE_MS = 15_000;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group already ended
  }
}

/**
 * Runs `command` (stdout ignored) with NO_COLOR and CI set, sampling the tree's memory every `sampleMs`.
 * With `limitMs`, the command runs in its own process group, which is stopped once that time is up
 * (SIGTERM, then SIGKILL after STOP_GRACE_MS; `stopped` is then true).
 */
export function measure(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  sampleMs = 50,
  limitMs?: number,
): Promise<Measured> {
  return new Promise((done) => {
    const start = performance.now();
    const child = spawn(command, args, {
      cwd,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, NO_COLOR: "1", CI: "1", ...env },
      detached: limitMs !== undefined,
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
    let peak = 0;
    let stopped = false;
    const timer = setInterval(() => (peak = Math.max(peak, treeRssKb(child.pid as number))), sampleMs);
    const limit =
      limitMs === undefined
        ? undefined
        : setTimeout(() => {
            stopped = true;
            // SIGTERM first: gremlins then stops the test processes it started in groups of their own
            // (a SIGKILL would orphan them: a vitest worker went on burning a core for minutes).
            signalGroup(child.pid as number, "SIGTERM");
            hard = setTimeout(() => signalGroup(child.pid as number, "SIGKILL"), STOP_GRACE_MS);
          }, limitMs);
    let hard: ReturnType<typeof setTimeout> | undefined;
    child.on("close", (code) => {
      clearInterval(timer);
      if (limit) clearTimeout(limit);
      if (hard) clearTimeout(hard);
      done({ wallMs: performance.now() - start, peakRssMb: peak / 1024, code, stderr, stopped });
    });
  });
}
