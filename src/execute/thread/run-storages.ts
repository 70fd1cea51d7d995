// In a worker thread on Node: AsyncLocalStorage instances that the tests first enable during a run are
// disabled when the run ends. Node keeps every enabled instance in one list and walks it at each promise
// and async resource; a suite that makes one per request (body-parser's) would slow every later run of a
// long-lived worker, where the runner's process ends after one pass. A later run() or enterWith() enables
// an instance again. Instances enabled while test files load are left alone.

import { AsyncLocalStorage } from "node:async_hooks";
import { currentRuntime } from "../../util/current-runtime.ts";

interface Storage {
  enabled?: boolean;
  disable(): void;
}

const enabledInRun = new Set<Storage>();
let watching = false;

/** Node's async_hooks-based storage keeps the list; Bun's and Deno's (and Node's newer frames) do not. */
function wrapEnable(): boolean {
  if (currentRuntime() !== "node") return false;
  // Why the casts: `_enable` is Node's internal method every run() and enterWith() goes through.
  const proto = AsyncLocalStorage.prototype as unknown as Record<string, unknown>;
  const enable = proto._enable;
  if (typeof enable !== "function") return false;
  proto._enable = function (this: Storage): unknown {
    if (watching && this.enabled === false) enabledInRun.add(this);
    return (enable as (this: Storage) => unknown).call(this);
  };
  return true;
}

const wrapped = wrapEnable();

/** Starts noting the instances the tests enable (forgetting any noted before). */
export function watchStorages(): void {
  if (!wrapped) return;
  enabledInRun.clear();
  watching = true;
}

/** Stops noting; disables the instances the run enabled. */
export function releaseStorages(): void {
  watching = false;
  for (const storage of enabledInRun) storage.disable();
  enabledInRun.clear();
}
