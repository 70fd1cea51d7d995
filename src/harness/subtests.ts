// Nested subtests (tape's and node:test's `t.test`) as units of their own: each gets a stable key (its
// top-level test's index, then its ordinal among its siblings at every level: "4/0/2"), its own result
// and a coverage slot while it runs, and can be left out when a re-run selects only some subtests.

import { describeError } from "./model.ts";

/** What one subtest did in the current run. */
export interface SubtestResult {
  key: string;
  /** Names from the top-level test's first subtest level down to this one. */
  path: string[];
  status: "passed" | "failed" | "skipped";
  durationMs: number;
  error?: string;
}

/** Worker-local unit indices of subtests start here, above any top-level test index. */
export const SUBTEST_UNIT_BASE = 1 << 24;

/** A subtest in progress, as `enter` hands it out. */
export interface SubtestHandle {
  key: string;
  path: string[];
  /** false: filtered out (or the run bailed): do not run it. */
  run: boolean;
}

/** The keys of a key's ancestors below its top-level test ("4/0/2" → "4/0"). */
function* ancestorsOf(key: string): Generator<string> {
  for (let i = key.lastIndexOf("/"); i > 0; i = key.lastIndexOf("/", i - 1)) {
    const ancestor = key.slice(0, i);
    if (ancestor.includes("/")) yield ancestor;
  }
}

/** Which subtests a filtered run admits, worked out once per run: the selected ones, their ancestors and descendants. */
export class SubtestFilter {
  private readonly ancestors = new Set<string>();

  constructor(private readonly selected: ReadonlySet<string>) {
    for (const key of selected) for (const ancestor of ancestorsOf(key)) this.ancestors.add(ancestor);
  }

  admits(key: string): boolean {
    if (this.selected.has(key) || this.ancestors.has(key)) return true;
    for (const ancestor of ancestorsOf(key)) if (this.selected.has(ancestor)) return true;
    return false;
  }
}

/** True when `key` is in `selected`, is an ancestor of one in it, or descends from one in it. */
export function subtestSelected(key: string, selected: ReadonlySet<string>): boolean {
  return new SubtestFilter(selected).admits(key);
}

export class SubtestTracker {
  private top = -1;
  private filter: SubtestFilter | null = null;
  private bail = false;
  private failed = false;
  private results: SubtestResult[] = [];
  private readonly stack: { unit: number; started: number; handle: SubtestHandle }[] = [];
  private onUnit: ((unit: number) => void) | undefined;
  private readonly units = new Map<string, number>();
  private readonly keys: string[] = [];

  /** Called by the runner before a top-level test's body: which of its subtests run (null = all). */
  startTop(
    index: number,
    options: { filter: ReadonlySet<string> | null; bail: boolean; onUnit?: (unit: number) => void },
  ): void {
    this.top = index;
    this.filter = options.filter === null ? null : new SubtestFilter(options.filter);
    this.bail = options.bail;
    this.failed = false;
    this.results = [];
    this.stack.length = 0;
    this.onUnit = options.onUnit;
  }

  /** The subtests' results of the top-level test that just ran, in the order they ended; resets. */
  endTop(): SubtestResult[] {
    const results = this.results;
    this.results = [];
    this.top = -1;
    this.filter = null;
    this.onUnit = undefined;
    return results;
  }

  /** The key of a top-level test, the parent key of its first-level subtests ("" outside a run). */
  get topKey(): string {
    return this.top < 0 ? "" : String(this.top);
  }

  /** A subtest of `parentKey` (its `ordinal`-th `t.test` call) starts; `run` says whether to run it. */
  enter(parentKey: string, ordinal: number, name: string, parentPath: readonly string[]): SubtestHandle {
    const key = `${parentKey}/${ordinal}`;
    const handle: SubtestHandle = { key, path: [...parentPath, name], run: true };
    if (this.top < 0 || parentKey === "") return handle; // outside the runner (e.g. called while loading)
    if ((this.bail && this.failed) || (this.filter !== null && !this.filter.admits(key))) {
      handle.run = false;
      return handle;
    }
    const unit = this.unitOf(key);
    this.stack.push({ unit, started: performance.now(), handle });
    this.onUnit?.(unit);
    return handle;
  }

  /** The subtest `handle` ended; `error` is its (or its subtests') first failure, if any. */
  exit(handle: SubtestHandle, outcome: { error?: unknown; skipped?: boolean }): void {
    if (!handle.run) return;
    const i = this.stack.findLastIndex((e) => e.handle === handle);
    if (i < 0) return;
    const entry = this.stack[i]!;
    this.stack.splice(i);
    const failed = outcome.error !== undefined;
    if (failed) this.failed = true;
    this.results.push({
      key: handle.key,
      path: handle.path,
      status: failed ? "failed" : outcome.skipped ? "skipped" : "passed",
      durationMs: performance.now() - entry.started,
      ...(failed ? { error: describeError(outcome.error) } : {}),
    });
    this.onUnit?.(this.stack.length > 0 ? this.stack[this.stack.length - 1]!.unit : this.top);
  }

  /** The key of a worker-local unit index (top-level tests: their index). */
  keyOf(unit: number): string {
    return unit >= SUBTEST_UNIT_BASE ? (this.keys[unit - SUBTEST_UNIT_BASE] ?? String(unit)) : String(unit);
  }

  private unitOf(key: string): number {
    let unit = this.units.get(key);
    if (unit === undefined) {
      unit = SUBTEST_UNIT_BASE + this.keys.length;
      this.keys.push(key);
      this.units.set(key, unit);
    }
    return unit;
  }
}
