import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createLine, itemCount, subtotal, totalWeight } from "../src/cart.js";

describe("createLine", () => {
  test("defaults to one item with no weight", () => {
    assert.deepEqual(createLine("pen", 250), { sku: "pen", unitCents: 250, qty: 1, weightGrams: 0 });
  });

  test("accepts free items", () => {
    assert.equal(createLine("sticker", 0).unitCents, 0);
  });

  test("rejects bad prices", () => {
    assert.throws(() => createLine("pen", -1), RangeError);
    assert.throws(() => createLine("pen", 2.5), RangeError);
  });

  test("rejects bad quantities", () => {
    assert.throws(() => createLine("pen", 100, 0), /invalid quantity for pen: 0/);
    assert.throws(() => createLine("pen", 100, 1.5), RangeError);
  });
});

describe("totals", () => {
  const lines = [createLine("pen", 250, 4, 10), createLine("book", 1299, 1, 400)];

  test("subtotal multiplies unit prices by quantities", () => {
    assert.equal(subtotal(lines), 2299);
    assert.equal(subtotal([]), 0);
  });

  test("itemCount and totalWeight add up every line", () => {
    assert.equal(itemCount(lines), 5);
    assert.equal(totalWeight(lines), 440);
  });
});
