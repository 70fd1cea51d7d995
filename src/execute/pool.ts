// A pull-queue worker pool: N workers each take the next item as soon as they are free. Also sizes
// the pool from the `workers` setting (count, "auto" = usable cores, or "NN%").

import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { ConfigError } from "../errors.ts";

/** CPUs granted by a cgroup v2 `cpu.max` ("<quota> <period>" or "max <period>"); null = no limit. */
export function cgroupCpuLimit(cpuMax: string | null): number | null {
  if (!cpuMax) return null;
  const [quota, period] = cpuMax.trim().split(/\s+/);
  if (!quota || quota === "max" || !period) return null;
  const q = Number(quota);
  const p = Number(period);
  if (!(q > 0) || !(p > 0)) return null;
  return Math.max(1, Math.ceil(q / p));
}

function readCpuMax(): string | null {
  try {
    return readFileSync("/sys/fs/cgroup/cpu.max", "utf8");
  } catch {
    return null;
  }
}

/** Cores this process may use: os.availableParallelism(), capped by the cgroup quota when present. */
export function usableCores(cpuMax: string | null = readCpuMax()): number {
  const cores = availableParallelism();
  const limit = cgroupCpuLimit(cpuMax);
  return Math.max(1, limit === null ? cores : Math.min(cores, limit));
}

/** Number of workers for `setting`, never more than `jobs` (and at least 1). */
export function resolveWorkers(setting: number | string, jobs: number, cores: number = usableCores()): number {
  let wanted: number;
  if (typeof setting === "number") {
    wanted = setting;
  } else if (setting === "auto") {
    wanted = cores;
  } else if (/^\d+(\.\d+)?%$/.test(setting)) {
    wanted = Math.round((cores * Number.parseFloat(setting)) / 100);
  } else if (/^\d+$/.test(setting)) {
    wanted = Number(setting);
  } else {
    throw new ConfigError(`workers: "${setting}" is not a number, "auto" or a percentage such as "50%".`);
  }
  if (!Number.isFinite(wanted)) throw new ConfigError(`workers: ${setting} is not a finite number.`);
  return Math.max(1, Math.min(Math.floor(wanted), Math.max(1, jobs)));
}

/**
 * Runs `task` over `items` with `workers` concurrent workers pulling from one queue. `task` gets the
 * worker number (0-based) so it can use that worker's resources. Results keep the items' order.
 * Stops handing out work once `shouldStop()` is true (items not started stay undefined).
 * `drained(worker)` runs when that worker finds the queue empty (or the pool stopping), before the
 * pool resolves: the place to finish per-worker business while the other workers still run.
 */
export async function runPool<T, R>(
  items: readonly T[],
  workers: number,
  task: (item: T, worker: number, position: number) => Promise<R>,
  shouldStop: () => boolean = () => false,
  drained?: (worker: number) => Promise<void>,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(items.length);
  let next = 0;
  const work = async (worker: number): Promise<void> => {
    while (next < items.length && !shouldStop()) {
      const position = next++;
      results[position] = await task(items[position] as T, worker, position);
    }
    await drained?.(worker);
  };
  const count = Math.max(1, Math.min(workers, items.length));
  await Promise.all(Array.from({ length: count }, (_, worker) => work(worker)));
  return results;
}
