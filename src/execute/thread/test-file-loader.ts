// Worker side: a test file loads in the current module graph as its runner loads it (from its own project
// copy when it mocks modules or is isolated, require() for CommonJS and jest's transform, the esm package,
// else import()); and which files' last load ran the gremlin active then, whose modules carry its effect.

import { relative } from "pathe";
import { SWITCH_ACTIVE, SWITCH_HITS } from "../../instrument/runtime.ts";
import type { ModuleMocks } from "../../harness/module-mocks/runtime.ts";
import { epochUrl } from "../../util/module-epoch.ts";
import type { FreshGraphs } from "./fresh-graphs.ts";
import { requireFile } from "./module-graph.ts";
import type { WorkerSetup } from "./protocol.ts";

export interface LoaderContext {
  /** The project copy (absolute). */
  root: string;
  setup: WorkerSetup | undefined;
  graphs: FreshGraphs;
  /** The shared switch: the active gremlin and its hit count. */
  sw: Int32Array;
  /** The current harness's module mocks (a reload makes a new harness). */
  moduleMocks(): ModuleMocks;
  /** `-r esm`: the esm package's require, once made. */
  esmLoader(): ((file: string) => unknown) | null;
}

export class TestFileLoader {
  /** Test files (project-relative) whose last load ran the gremlin active then. */
  readonly marked = new Set<string>();

  constructor(private readonly c: LoaderContext) {}

  /** Loads test file `file` (absolute), noting whether its load ran the active gremlin. */
  async load(file: string): Promise<void> {
    const rel = relative(this.c.root, file);
    const active = Atomics.load(this.c.sw, SWITCH_ACTIVE);
    const before = Atomics.load(this.c.sw, SWITCH_HITS);
    try {
      await this.loadAsRunner(file, rel);
    } finally {
      if (active !== 0 && Atomics.load(this.c.sw, SWITCH_HITS) !== before) this.marked.add(rel);
      else this.marked.delete(rel);
    }
  }

  private async loadAsRunner(file: string, rel: string): Promise<void> {
    const { setup, graphs } = this.c;
    const mocked = setup?.mockedFiles?.[rel];
    const esm = this.c.esmLoader();
    // A file that mocks modules loads from its own copy of the project, its mocks made first.
    if (mocked) await this.c.moduleMocks().load(mocked, graphs.epoch);
    else if (graphs.requireCached) requireFile(file);
    else if (setup?.transform) await this.requireAsJest(file);
    else if (esm) esm(file);
    else await import(epochUrl(file, graphs.epoch));
  }

  /**
   * jest's runtime requires test files (CommonJS, after its transform), and imports only ES modules
   * (.mjs, or "type": "module"): so do workers of a jest suite with a transform.
   */
  private async requireAsJest(file: string): Promise<void> {
    if (/\.m[jt]s$/.test(file)) return void (await import(epochUrl(file, this.c.graphs.epoch)));
    try {
      requireFile(file);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "ERR_REQUIRE_ESM" && code !== "ERR_REQUIRE_ASYNC_MODULE") throw error;
      await import(epochUrl(file, this.c.graphs.epoch));
    }
  }
}
