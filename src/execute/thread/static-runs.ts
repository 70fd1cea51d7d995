// Static gremlins (reached while the test files load) need a fresh module graph imported with the switch
// set. A fresh worker per gremlin costs a boot and a full import. A suite whose files sit in require's
// cache (CommonJS; ES modules on Bun) can instead be reloaded inside a worker kept per slot
// (module-graph.ts): third-party modules stay loaded. A kill on a
// reloaded graph is confirmed by a clean reload (no gremlin) that must pass the killing test; when it does
// not, the worker carried state over from an earlier graph: it is dropped, the gremlin re-run on a fresh
// worker, and reloading is given up for the rest of the run. A full reload costs as much as the run
// itself on a large suite, so a Killed one owes its check (`cleanCheckOwed`): the machine holds such
// kills and confirms several at once with one clean reload that passes all their killing tests (check).
// A cold run (cold-runs.ts) takes the same path: a fresh graph with a dynamic gremlin active, its tests run.

import { isFailure, type Failure } from "./thread-worker.ts";
import type { Loaded, PortWorker, WorkerPort } from "./port.ts";
import { loadFailed, runOnGraph, runStatic, taintOf, type GremlinResult, type RunSettings } from "./run-gremlin.ts";

export class StaticRuns<W extends PortWorker> {
  private readonly kept = new Map<number, W>();
  private reloading: boolean;
  /** Why reloading was given up (null while it is in use or was never possible). */
  gaveUp: string | null = null;
  /** Static gremlins run on a reloaded graph (for the stats). */
  reloads = 0;
  /** Of them, those for which only the files of their tests were loaded again. */
  partialReloads = 0;

  constructor(
    private readonly supply: WorkerPort<W>,
    /** The suite can be reloaded in place (the baseline's `loaded.reloadable`) and no worker is needed fresh. */
    reloadable: boolean,
  ) {
    this.reloading = reloadable;
  }

  /**
   * Runs static gremlin `index` on slot `slot`'s kept worker (reloaded), or on a fresh one: `tests` in
   * that order (then any test only the new graph has), or every test fastest first when null. `cold`: a
   * dynamic gremlin's cold run, whose code need not run while the files load (no check that it did).
   */
  async run(
    slot: number,
    index: number,
    tests: readonly number[] | null,
    settings: RunSettings,
    cold = false,
  ): Promise<GremlinResult> {
    const worker = this.kept.get(slot);
    if (!this.reloading) this.drop(slot); // given up meanwhile (by another slot): this slot's worker goes now
    if (!this.reloading || !worker?.alive) return this.fresh(slot, index, tests, settings);
    const started = performance.now();
    const files = filesOf(tests, settings);
    let loaded = await this.reload(worker, index, settings, files, cold ? undefined : settings.staticFiles?.get(index));
    // Only the files of `tests` were loaded again, and none ran the gremlin's code: all of them load again.
    if (!cold && files && !("failure" in loaded) && worker.activeHits() === 0 && loaded.loaded.error === undefined)
      loaded = await this.reload(worker, index, settings);
    if ("failure" in loaded) {
      this.drop(slot);
      return loadFailed(loaded.failure, loaded.hitLimit, settings, started);
    }
    if (loaded.loaded.stale !== undefined) return this.giveUp(slot, loaded.loaded.stale, index, tests, settings);
    if (!cold && worker.activeHits() === 0 && loaded.loaded.error === undefined) {
      // The gremlin's code did not run again: some module of the graph was not reloaded.
      return this.giveUp(slot, "a reload did not run the module's code again", index, tests, settings);
    }
    const result = await runOnGraph(worker, loaded.loaded, index, tests, settings, started);
    this.reloads++;
    if (loaded.loaded.partial) this.partialReloads++;
    if (result.recycle || !worker.alive) {
      this.drop(slot);
      return result;
    }
    if (result.status === "Killed") return { ...result, cleanCheckOwed: true };
    if (result.status === "Timeout") {
      const killing = result.killingTest === undefined ? [] : [result.killingTest];
      const taint = await this.cleanCheck(worker, killing, settings);
      if (taint !== null) return this.giveUp(slot, taint, index, tests, settings);
    }
    return result;
  }

  /** The slot's next static gremlin will reload its kept worker (which is alive and still reloading). */
  keeps(slot: number): boolean {
    return this.reloading && this.kept.get(slot)?.alive === true;
  }

  /**
   * Confirms kills that owe their clean check on the slot's kept worker: one clean reload that must pass
   * every test in `killing`. `tainted`: it did not, reloading is given up (the kills are to be re-run
   * on fresh workers); `lost`: the worker is gone, nothing can be told (the kills are to be re-run).
   */
  async check(
    slot: number,
    killing: readonly number[],
    settings: RunSettings,
  ): Promise<"verified" | "tainted" | "lost"> {
    const worker = this.kept.get(slot);
    if (!worker?.alive) return "lost";
    const taint = await this.cleanCheck(worker, killing, settings);
    if (taint === null) return "verified";
    this.gaveUp ??= taint;
    this.reloading = false;
    this.drop(slot);
    return "tainted";
  }

  /** Terminates the kept workers (call once no slot is running). */
  close(): void {
    for (const slot of [...this.kept.keys()]) this.drop(slot);
  }

  /** A fresh worker; kept for the slot's next static gremlins when its graph can be reloaded. */
  private fresh(
    slot: number,
    index: number,
    tests: readonly number[] | null,
    settings: RunSettings,
  ): Promise<GremlinResult> {
    return runStatic(this.supply, index, tests, settings, (worker, loaded, result) => {
      if (!this.reloading || result.recycle || !worker.alive || !loaded.reloadable) return false;
      this.drop(slot);
      this.kept.set(slot, worker);
      return true;
    });
  }

  /** Reloads the worker's graph with gremlin `index` active; `files`: only those test files need to load again. */
  private async reload(
    worker: W,
    index: number,
    settings: RunSettings,
    files?: string[],
    scope?: readonly string[],
  ): Promise<{ loaded: Loaded } | { failure: Failure; hitLimit: boolean }> {
    worker.fatal.length = 0;
    worker.activate(index, index === 0 ? 0 : settings.hitLimitFor(index));
    const request = files
      ? { type: "reload" as const, files, ...(scope ? { scope: [...scope] } : {}) }
      : { type: "reload" as const };
    const loaded = await worker.request(request, "loaded", settings.loadLimitMs);
    if (isFailure(loaded)) return { failure: loaded, hitLimit: worker.hitLimitExceeded() };
    return { loaded };
  }

  /** null when a clean graph (no gremlin) loads and passes the killing tests; else what went wrong. */
  private async cleanCheck(worker: W, killing: readonly number[], settings: RunSettings): Promise<string | null> {
    const clean = await this.reload(worker, 0, settings, filesOf(killing, settings), []);
    if ("failure" in clean) return `a clean reload failed (${clean.failure.type})`;
    if (clean.loaded.stale !== undefined) return clean.loaded.stale;
    if (clean.loaded.error !== undefined) return `a clean reload failed: ${clean.loaded.error}`;
    if (worker.fatal.length > 0) return `a clean reload raised ${worker.fatal[0]}`;
    return killing.length === 0 ? null : taintOf(worker, killing, settings, true);
  }

  /**
   * Stops reloading for the rest of the run. Only this slot's worker goes now: another slot's may be in
   * the middle of a run (it is dropped at that slot's next static gremlin, or by close()).
   */
  private async giveUp(
    slot: number,
    why: string,
    index: number,
    tests: readonly number[] | null,
    settings: RunSettings,
  ): Promise<GremlinResult> {
    this.gaveUp ??= why;
    this.reloading = false;
    this.drop(slot);
    return runStatic(this.supply, index, tests, settings);
  }

  private drop(slot: number): void {
    const worker = this.kept.get(slot);
    if (worker) this.supply.release(worker);
    this.kept.delete(slot);
  }
}

/**
 * The test files (project-relative) of `tests`: where each test file has modules of its own, a reload need
 * load only these (the worker decides). undefined when every test runs, or a test's file is not known.
 */
function filesOf(tests: readonly number[] | null, settings: RunSettings): string[] | undefined {
  if (tests === null || tests.length === 0) return undefined;
  const files = new Set<string>();
  for (const test of tests) {
    const file = settings.tests.get(test)?.file;
    if (file === undefined) return undefined;
    files.add(file);
  }
  return [...files];
}
