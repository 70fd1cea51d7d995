// Worker side of leaking test files (state a test leaves in a project module breaks the next run): before
// a run selects tests of such a file that already ran on this module graph, the file is loaded afresh, the
// way runners' watch modes reset state: in a fresh module graph (fresh-graphs.ts: require's cache
// emptied of the project, or ES modules under new URLs), its tests registered again under their old indices.
// Only module state is reset: when the global environment changed since the last load, a reload is not enough.

import { relative } from "pathe";
import { Environment } from "./module-graph.ts";

/** What re-registering a file needs of the harness. */
export interface Reregistering {
  tests(): readonly { index: number; file: string }[];
  reregister(file: string, load: () => unknown): Promise<string | null>;
}

/** How the worker loads test files in a fresh module graph. */
export interface FileReloader {
  /** Starts a fresh graph of the project's modules (third-party modules stay loaded). */
  begin(): void;
  /** Loads test file `absolute` in the current graph (it registers its tests). */
  load(absolute: string): unknown;
}

/** Why a run cannot go ahead on this worker: `stale` (a reload cannot reset it: use a fresh worker) or `loadError` (a reloaded file threw). */
export type ResetProblem = { stale: string } | { loadError: string };

export class LeakReset {
  /** Project-relative files whose tests ran since they were last loaded. */
  private readonly ran = new Set<string>();
  private environment: Environment;
  /** Files reloaded so far (statistics). */
  reloads = 0;

  constructor(
    /** The project copy (absolute); module ids under it, outside node_modules, are the project's. */
    private readonly root: string,
    /** Absolute paths of the test files, in load order. */
    private readonly files: readonly string[],
    /** Globals expected to change (the harness's own). */
    private readonly ignore: ReadonlySet<string>,
    private readonly graphs: FileReloader,
  ) {
    this.environment = new Environment(ignore);
  }

  /** Every test file was (re)loaded: nothing has run on this graph yet. */
  loaded(): void {
    this.ran.clear();
    this.environment = new Environment(this.ignore);
  }

  /** Test files `files` (project-relative) were loaded again on their own: they are as loaded. */
  reloaded(files: Iterable<string>): void {
    for (const file of files) this.ran.delete(file);
    this.environment = new Environment(this.ignore);
  }

  /** Tests `indices` ran (or started): their files' module state is no longer as loaded. */
  markRan(harness: Reregistering, indices: readonly number[]): void {
    const tests = harness.tests();
    for (const index of indices) {
      const file = tests[index]?.file;
      if (file !== undefined) this.ran.add(file);
    }
  }

  /**
   * Before running `indices`: reloads the files of `isolate` (project-relative) that have tests among
   * them and ran since their last load. Resolves with the files reloaded, or why the run cannot go ahead.
   */
  async before(
    harness: Reregistering,
    isolate: readonly string[] | undefined,
    indices: readonly number[],
  ): Promise<string[] | ResetProblem> {
    if (!isolate || isolate.length === 0) return [];
    const tests = harness.tests();
    const wanted = new Set<string>();
    for (const index of indices) {
      const file = tests[index]?.file;
      if (file !== undefined && this.ran.has(file) && isolate.includes(file)) wanted.add(file);
    }
    if (wanted.size === 0) return [];
    const changed = new Environment(this.ignore).differenceFrom(this.environment);
    if (changed !== null)
      return { stale: `the tests changed the global environment (${changed}), which reloading modules does not undo` };
    this.graphs.begin();
    const reloaded: string[] = [];
    for (const absolute of this.files) {
      const file = relative(this.root, absolute);
      if (!wanted.has(file)) continue;
      let problem: string | null;
      try {
        problem = await harness.reregister(file, () => this.graphs.load(absolute));
      } catch (error) {
        return { loadError: `${file}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` };
      }
      if (problem !== null) return { stale: `reloading gave other tests (${problem})` };
      this.ran.delete(file);
      reloaded.push(file);
    }
    this.reloads += reloaded.length;
    // Its load-time code ran again (a global it sets is set anew): the environment to compare with from now on.
    this.environment = new Environment(this.ignore);
    return reloaded;
  }
}
