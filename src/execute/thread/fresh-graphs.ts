// Worker side: fresh module graphs of the project inside a warm worker (static gremlins, leaking test files).
// CommonJS (and ES modules on Bun) sit in require's cache: dropping the project's entries is enough. Node
// never unloads an ES module, so there the graph is imported again under new URLs (util/module-epoch.ts),
// through gremlins' module hooks; each graph stays in memory, so a worker holding many is retired.

import { register } from "node:module";
import { getHeapStatistics } from "node:v8";
import { dropProjectModules } from "./module-graph.ts";

/** Most module graphs of ES modules a worker holds before it is retired (each keeps the project's modules). */
export const MAX_GRAPHS = 100;
/** Heap a worker may use while it holds extra module graphs (MB): beyond it, it is retired after its run. */
export const GRAPHS_HEAP_MB = 1024;

const realm = globalThis as Record<string, unknown>;

/**
 * Makes sure gremlins' module hooks are registered in this worker: their resolve hook gives a graph's project
 * modules their graph's URL. ts-register.ts registered them already where the suite needs them for TypeScript
 * or vitest (`__gremlins_hooks`); else they are registered now. false where no hooks exist (Bun, Deno).
 */
function moduleEpochs(): boolean {
  if (realm.__gremlins_hooks === true) return true;
  if (!canRegister()) return false;
  const hooks = new URL(
    import.meta.url.endsWith(".ts") ? "../../host/ts-hooks.ts" : "../../host/ts-hooks.mjs",
    import.meta.url,
  );
  register(hooks.href, { parentURL: import.meta.url, data: { cacheDir: null, strips: false } });
  realm.__gremlins_hooks = true;
  return true;
}

function canRegister(): boolean {
  return process.versions.bun === undefined && !("Deno" in globalThis) && typeof register === "function";
}

export class FreshGraphs {
  /** The graph the test files are imported in: 0 is the first; ES modules of graph N carry `?gremlins-epoch=N`. */
  epoch = 0;
  /** The test files sat in require's cache after the first load: dropping it gives a fresh graph. */
  requireCached = false;

  constructor(private readonly root: string) {}

  /** Whether a fresh graph can be made here (`esmLoader`: the files load through the esm package, which no reload reads). */
  possible(esmLoader: boolean): boolean {
    if (esmLoader) return false;
    return this.requireCached || realm.__gremlins_hooks === true || canRegister();
  }

  /**
   * Whether a later graph can replace one whose load threw. Not under Bun: a module whose evaluation threw
   * is left out of require's cache, but every later import of it gets the same error again.
   */
  replacesFailedLoads(): boolean {
    return process.versions.bun === undefined;
  }

  /** Starts a fresh graph of the project's modules (third-party modules stay loaded). */
  begin(): void {
    dropProjectModules(this.root);
    if (this.requireCached) return;
    if (!moduleEpochs()) throw new Error("ES modules cannot be imported afresh in this runtime");
    this.epoch++;
  }

  /** Why the worker should be retired after its current run (too many graphs kept), or null. */
  retireReason(): string | null {
    if (this.epoch === 0) return null;
    if (this.epoch >= MAX_GRAPHS) return `${this.epoch} module graphs imported`;
    const heapMb = getHeapStatistics().used_heap_size / 1048576;
    return heapMb > GRAPHS_HEAP_MB ? `${Math.round(heapMb)} MB of heap with ${this.epoch + 1} module graphs` : null;
  }
}
