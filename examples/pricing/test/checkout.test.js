import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createLine } from "../src/cart.js";
import { checkout, formatCents, shippingCents } from "../src/checkout.js";

describe("shippingCents", () => {
  test("is free from the threshold up", () => {
    assert.equal(shippingCents(5000, 3000), 0);
    assert.equal(shippingCents(4999, 500), 499);
  });

  test("charges per extra started kilo", () => {
    assert.equal(shippingCents(1000, 0), 499);
    assert.equal(shippingCents(1000, 1000), 499);
    assert.equal(shippingCents(1000, 2500), 799);
  });
});

describe("checkout", () => {
  test("applies the best discount, then shipping", () => {
    const lines = [createLine("mug", 1200, 2, 350)];
    assert.deepEqual(checkout(lines, ["SAVE10"]), { gross: 2400, discount: 240, shipping: 499, total: 2659 });
  });

  test("big carts ship free", () => {
    const lines = [createLine("lamp", 6000, 1, 4000)];
    assert.deepEqual(checkout(lines, []), { gross: 6000, discount: 0, shipping: 0, total: 6000 });
  });

  test("refuses an empty cart", () => {
    assert.throws(() => checkout([], []), /empty cart/);
  });
});

describe("formatCents", () => {
  test("prints dollars and cents", () => {
    assert.equal(formatCents(2659), "$26.59");
    assert.equal(formatCents(5), "$0.05");
    assert.equal(formatCents(0), "$0.00");
    assert.equal(formatCents(-120), "-$1.20");
    assert.equal(formatCents(-1), "-$0.01");
  });
});
