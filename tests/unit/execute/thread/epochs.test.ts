// The bookkeeping of batched kill verification: epoch sizes (8, doubling to 256, 1 in careful mode),
// distinct killing tests per verification, per-slot lists, careful mode after a failed verification.
import { describe, expect, test } from "bun:test";
import { Epochs, FIRST_EPOCH, MAX_EPOCH } from "../../../../src/execute/thread/epochs.ts";

/** Adds `count` kills to `slot`, each killed by test `test(i)`; returns whether the last add made the slot due. */
function fill(
  epochs: Epochs<string>,
  slot: number,
  count: number,
  test: (i: number) => number[] = (i) => [i],
): boolean {
  let due = false;
  for (let i = 0; i < count; i++) due = epochs.add(slot, `g${slot}.${i}`, test(i));
  return due;
}

describe("Epochs", () => {
  test("a slot is due once it holds FIRST_EPOCH kills, not before", () => {
    const epochs = new Epochs<string>(1);
    expect(FIRST_EPOCH).toBe(8);
    expect(epochs.due(0)).toBe(false);
    expect(fill(epochs, 0, FIRST_EPOCH - 1)).toBe(false);
    expect(epochs.pending(0)).toBe(FIRST_EPOCH - 1);
    expect(epochs.add(0, "last", [99])).toBe(true);
    expect(epochs.due(0)).toBe(true);
  });

  test("each passed verification doubles the slot's epoch, up to MAX_EPOCH", () => {
    const epochs = new Epochs<string>(1);
    const sizes: number[] = [];
    for (let round = 0; round < 8; round++) {
      const size = epochs.size(0);
      sizes.push(size);
      expect(fill(epochs, 0, size - 1)).toBe(false);
      expect(epochs.add(0, "x", [1])).toBe(true);
      expect(epochs.passed(0)).toHaveLength(size);
      expect(epochs.pending(0)).toBe(0);
    }
    expect(sizes).toEqual([8, 16, 32, 64, 128, 256, 256, 256]);
    expect(MAX_EPOCH).toBe(256);
    expect(epochs.passes).toBe(8);
    expect(epochs.careful).toBeNull();
  });

  test("a verification re-runs each killing test once, in ascending order", () => {
    const epochs = new Epochs<string>(1);
    epochs.add(0, "a", [7]);
    epochs.add(0, "b", [3]);
    epochs.add(0, "c", [7, 5]); // --no-bail: every failing test
    epochs.add(0, "d", [3]);
    expect(epochs.tests(0)).toEqual([3, 5, 7]);
    expect(epochs.passed(0)).toEqual(["a", "b", "c", "d"]);
    expect(epochs.tests(0)).toEqual([]);
  });

  test("slots keep their own kills and their own epoch size", () => {
    const epochs = new Epochs<string>(2);
    fill(epochs, 0, 8);
    fill(epochs, 1, 3, () => [40]);
    expect(epochs.due(0)).toBe(true);
    expect(epochs.due(1)).toBe(false);
    expect(epochs.tests(1)).toEqual([40]);
    expect(epochs.passed(0)).toHaveLength(8);
    expect(epochs.size(0)).toBe(16);
    expect(epochs.size(1)).toBe(8);
    expect(epochs.pending(1)).toBe(3);
    expect(() => epochs.add(2, "nowhere", [1])).toThrow(RangeError);
  });

  test("a failed verification hands the kills back and switches the whole run to careful mode", () => {
    const epochs = new Epochs<string>(2);
    fill(epochs, 0, 8);
    fill(epochs, 1, 2);
    expect(epochs.passed(0)).toHaveLength(8);
    fill(epochs, 0, 16);
    const redo = epochs.failed(0, '"t" failed');
    expect(redo).toHaveLength(16);
    expect(epochs.pending(0)).toBe(0);
    expect(epochs.careful).toBe('"t" failed');
    expect(epochs.failures).toBe(1);
    // Careful mode: every slot verifies what it still holds at once, and stays at size 1.
    expect(epochs.size(0)).toBe(1);
    expect(epochs.size(1)).toBe(1);
    expect(epochs.due(1)).toBe(true);
    expect(epochs.passed(1)).toHaveLength(2);
    expect(epochs.size(1)).toBe(1);
    expect(epochs.add(1, "again", [1])).toBe(true);
    // The first reason stays.
    epochs.failed(1, "another");
    expect(epochs.careful).toBe('"t" failed');
  });

  test("kills of a worker lost before verifying come back for a re-run, without careful mode", () => {
    const epochs = new Epochs<string>(1);
    fill(epochs, 0, 8);
    epochs.passed(0);
    fill(epochs, 0, 5);
    expect(epochs.size(0)).toBe(16);
    expect(epochs.lost(0)).toEqual(["g0.0", "g0.1", "g0.2", "g0.3", "g0.4"]);
    expect(epochs.careful).toBeNull();
    expect(epochs.size(0)).toBe(FIRST_EPOCH);
  });
});
