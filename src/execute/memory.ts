// How much memory the tests may use before gremlins stops them: a whole-process RSS budget for the
// thread executor (Bun ignores workers' resourceLimits) and a per-test-process budget for spawn.
// `GREMLINS_MEMORY_LIMIT_MB` overrides the default (half the machine's memory, at most 8 GB).

import { readdirSync, readFileSync } from "node:fs";
import { totalmem } from "node:os";

/** The memory budget in MB: `GREMLINS_MEMORY_LIMIT_MB` when set to a positive number, else min(8 GB, RAM / 2). */
export function memoryLimitMb(
  total: number = totalmem(),
  env: string | undefined = process.env.GREMLINS_MEMORY_LIMIT_MB,
): number {
  const set = Number(env);
  if (env !== undefined && env.trim() !== "" && Number.isFinite(set) && set > 0) return Math.round(set);
  return Math.min(8192, Math.round(total / 1048576 / 2));
}

/** Resident memory (MB) of every process in process group `pgid` (Linux /proc); null where /proc is absent. */
export function groupRssMb(pgid: number): number | null {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let kb = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command's closing parenthesis: state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      if (rss) kb += Number(rss[1]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return Math.round(kb / 1024);
}
