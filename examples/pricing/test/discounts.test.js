import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { bestDiscount, bulkDiscount, couponDiscount } from "../src/discounts.js";

describe("couponDiscount", () => {
  test("percent coupons take a share of the subtotal", () => {
    assert.equal(couponDiscount("SAVE10", 1999), 200);
    assert.equal(couponDiscount("save10", 1000), 100);
  });

  test("coupons with a minimum need a big enough cart", () => {
    assert.equal(couponDiscount("BIG20", 9999), 0);
    assert.equal(couponDiscount("BIG20", 10000), 2000);
  });

  test("fixed coupons never exceed the subtotal", () => {
    assert.equal(couponDiscount("FIVEOFF", 3000), 500);
    assert.equal(couponDiscount("FIVEOFF", 1999), 0);
  });

  test("unknown codes give nothing", () => {
    assert.equal(couponDiscount("FREE", 5000), 0);
  });
});

describe("bulkDiscount", () => {
  test("large orders get 5% off", () => {
    assert.equal(bulkDiscount(12, 2000), 100);
    assert.equal(bulkDiscount(3, 2000), 0);
  });
});

describe("bestDiscount", () => {
  test("picks the largest of the coupons and the bulk discount", () => {
    assert.equal(bestDiscount(["SAVE10", "FIVEOFF"], 2, 3000), 500);
    assert.equal(bestDiscount(["SAVE10"], 20, 10000), 1000);
    assert.equal(bestDiscount([], 20, 10000), 500);
    assert.equal(bestDiscount([], 1, 10000), 0);
  });
});
