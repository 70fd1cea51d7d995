// Bookkeeping of the thread executor's batched kill verification (pure, no I/O): per worker slot, the
// kills not yet verified, the epoch size that triggers a verification, and the run-wide careful mode.

/** Provisional kills a slot collects before its first verification. */
export const FIRST_EPOCH = 8;
/** The largest epoch: a failed verification never costs more than this many re-runs. */
export const MAX_EPOCH = 256;

interface Entry<T> {
  item: T;
  /** The tests that failed with the gremlin active; each must pass again without it. */
  tests: readonly number[];
}

/**
 * Per slot, the kills whose verdict is not reported yet. A verification re-runs the distinct killing
 * tests of one slot with no gremlin active: all pass → the kills stand and the next epoch is twice as
 * long (up to MAX_EPOCH); one fails → the worker was tainted, the kills are re-run one by one, and the
 * whole run stays in careful mode (every kill re-checked at once, epoch size 1) from then on.
 */
export class Epochs<T> {
  private readonly pendingBySlot: Entry<T>[][];
  private readonly sizes: number[];
  private carefulReason: string | null = null;
  /** Verifications that passed / failed so far. */
  passes = 0;
  failures = 0;

  constructor(slots: number) {
    this.pendingBySlot = Array.from({ length: Math.max(1, slots) }, () => []);
    this.sizes = Array.from({ length: Math.max(1, slots) }, () => FIRST_EPOCH);
  }

  /** Why the run switched to careful mode (null while it has not). */
  get careful(): string | null {
    return this.carefulReason;
  }

  /** How many provisional kills make `slot` verify (1 in careful mode). */
  size(slot: number): number {
    return this.carefulReason !== null ? 1 : (this.sizes[slot] ?? FIRST_EPOCH);
  }

  /** Provisional kills of `slot`. */
  pending(slot: number): number {
    return this.list(slot).length;
  }

  /** Records a provisional kill; true when `slot` is due for a verification. */
  add(slot: number, item: T, tests: readonly number[]): boolean {
    this.list(slot).push({ item, tests });
    return this.due(slot);
  }

  /** True when `slot` holds as many provisional kills as its epoch size (at least one). */
  due(slot: number): boolean {
    const count = this.pending(slot);
    return count > 0 && count >= this.size(slot);
  }

  /** The distinct killing tests of `slot`'s provisional kills, ascending (the verification request). */
  tests(slot: number): number[] {
    const distinct = new Set<number>();
    for (const entry of this.list(slot)) for (const test of entry.tests) distinct.add(test);
    return [...distinct].sort((a, b) => a - b);
  }

  /** The verification passed: the kills stand (returned, to report), the next epoch is longer. */
  passed(slot: number): T[] {
    this.passes++;
    this.sizes[slot] = Math.min(MAX_EPOCH, (this.sizes[slot] ?? FIRST_EPOCH) * 2);
    return this.take(slot);
  }

  /** The verification failed: the kills are returned to re-run, and the run enters careful mode. */
  failed(slot: number, reason: string): T[] {
    this.failures++;
    this.carefulReason ??= reason;
    return this.take(slot);
  }

  /**
   * The slot's worker is gone before it could verify (it died under a later gremlin): the kills are
   * returned to re-run, and the slot starts again from the first epoch size (no careful mode: nothing
   * says the worker was tainted).
   */
  lost(slot: number): T[] {
    this.sizes[slot] = FIRST_EPOCH;
    return this.take(slot);
  }

  private take(slot: number): T[] {
    const items = this.list(slot).map((entry) => entry.item);
    this.list(slot).length = 0;
    return items;
  }

  private list(slot: number): Entry<T>[] {
    const list = this.pendingBySlot[slot];
    if (!list) throw new RangeError(`no worker slot ${slot}`);
    return list;
  }
}
