// The coordinator's test units: the harness's top-level tests plus the nested subtests (tape and
// node:test `t.test`) the baseline found, in one index space. Turns a list of units into a run request
// (tests + subtest filters) and a reply's per-test results back into per-unit results.

import type { SubtestResult } from "../../harness/index.ts";
import type { WorkerTest, WorkerTestResult } from "./protocol.ts";

/** A test unit: a top-level test (no `parent`) or a subtest of the top-level test `parent`. */
export interface UnitTest extends WorkerTest {
  parent?: number;
  /** A subtest's key ("4/0/2": top-level index, then sibling ordinals). */
  key?: string;
}

/** The `run` request fields that say which tests (and subtests) to run. */
export interface UnitRequest {
  indices: number[];
  subtests?: [number, string[]][];
}

/** Coordinator indices of subtests start here. */
export const SUBTEST_BASE = 1_000_000;

export class Units {
  private readonly byKey = new Map<string, number>();
  private next: number;

  /** `tests`: the harness's top-level tests; subtests are added to it as they are found. */
  constructor(readonly tests: Map<number, UnitTest>) {
    let max = -1;
    for (const index of tests.keys()) max = Math.max(max, index);
    // Far above the top-level indices: a fresh module graph (a static gremlin) may register more tests.
    this.next = Math.max(SUBTEST_BASE, max + 1);
  }

  /** Records a subtest of `top` seen in a result; returns its unit index (the same one on every call). */
  add(top: WorkerTest, sub: SubtestResult): number {
    const known = this.byKey.get(sub.key);
    if (known !== undefined) return known;
    const index = this.next++;
    const below = sub.path.join(" > ");
    this.byKey.set(sub.key, index);
    this.tests.set(index, {
      index,
      id: `${top.id} > ${below}`,
      name: sub.path[sub.path.length - 1] ?? below,
      fullName: `${top.fullName || top.name} > ${below}`,
      file: top.file,
      skipped: false,
      parent: top.index,
      key: sub.key,
    });
    return index;
  }

  /** The unit of a key from a worker: a top-level index ("4"), a known subtest, or else its top-level test. */
  indexOfKey(key: string): number {
    const slash = key.indexOf("/");
    if (slash < 0) return Number(key);
    return this.byKey.get(key) ?? Number(key.slice(0, slash));
  }

  /** The top-level test a unit runs in (itself for a top-level test). */
  topOf(unit: number): number {
    return this.tests.get(unit)?.parent ?? unit;
  }

  /** Which tests to run for `units`, in the order their top-level tests first appear; subtests filtered. */
  request(units: readonly number[]): UnitRequest {
    const order: number[] = [];
    const keys = new Map<number, string[] | null>(); // null: the whole top-level test
    for (const unit of units) {
      const test = this.tests.get(unit);
      const top = test?.parent ?? unit;
      if (!keys.has(top)) order.push(top);
      if (test?.parent === undefined || test.key === undefined) keys.set(top, null);
      else if (keys.get(top) === undefined) keys.set(top, [test.key]);
      else keys.get(top)?.push(test.key);
    }
    const subtests: [number, string[]][] = [];
    for (const top of order) {
      const list = keys.get(top);
      if (list) subtests.push([top, list]);
    }
    return subtests.length > 0 ? { indices: order, subtests } : { indices: order };
  }

  /**
   * Per-unit results of a reply to `request(units)`: each known subtest that ran, then its top-level
   * test when that was asked for whole, or when it failed with no known subtest failing (its own body,
   * a hook, or a subtest found only now). A parent failing only because its subtest failed is left out,
   * so the failures listed are the most specific ones (a subtest comes before its parent).
   */
  results(results: readonly WorkerTestResult[], units: readonly number[]): WorkerTestResult[] {
    const whole = new Set<number>();
    for (const unit of units) if (this.tests.get(unit)?.parent === undefined) whole.add(unit);
    const out: WorkerTestResult[] = [];
    for (const result of results) {
      const failedKeys: string[] = [];
      for (const sub of result.subtests ?? []) {
        const index = this.byKey.get(sub.key);
        if (index === undefined) continue;
        if (sub.status === "failed") {
          // A parent fails because its subtest did: only the subtest counts as failing.
          if (failedKeys.some((k) => k.startsWith(`${sub.key}/`))) continue;
          failedKeys.push(sub.key);
        }
        out.push({
          index,
          status: sub.status,
          durationMs: sub.durationMs,
          ...(sub.error !== undefined ? { error: sub.error } : {}),
        });
      }
      const failed = result.status === "failed" || result.status === "timeout";
      if (failed ? failedKeys.length === 0 : whole.has(result.index) || result.subtests === undefined) {
        out.push({
          index: result.index,
          status: result.status,
          durationMs: result.durationMs,
          ...(result.error !== undefined ? { error: result.error } : {}),
          ...(result.endedEarly ? { endedEarly: result.endedEarly } : {}),
        });
      }
    }
    return out;
  }

  /**
   * The baseline time of per-unit `results`: each unit's baseline duration, counted once (a subtest's
   * time is inside its parent's, so units whose ancestor is also in the list are not added again).
   */
  baselineMs(results: readonly { index: number }[], durations: ReadonlyMap<number, number>): number {
    const present = new Set(results.map((r) => r.index));
    let sum = 0;
    for (const r of results) {
      if (!this.ancestorIn(r.index, present)) sum += durations.get(r.index) ?? 0;
    }
    return sum;
  }

  private ancestorIn(unit: number, present: ReadonlySet<number>): boolean {
    const test = this.tests.get(unit);
    if (test?.parent === undefined || test.key === undefined) return false;
    if (present.has(test.parent)) return true;
    for (let i = test.key.lastIndexOf("/"); i > 0; i = test.key.lastIndexOf("/", i - 1)) {
      const ancestor = this.byKey.get(test.key.slice(0, i));
      if (ancestor !== undefined && present.has(ancestor)) return true;
    }
    return false;
  }
}
