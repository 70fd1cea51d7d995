// Coupon rules and how the best one is chosen for a cart.

const COUPONS = {
  SAVE10: { percent: 10, minCents: 0 },
  BIG20: { percent: 20, minCents: 10000 },
  FIVEOFF: { fixedCents: 500, minCents: 2000 },
};

export function couponDiscount(code, subtotalCents) {
  const coupon = COUPONS[code.trim().toUpperCase()];
  if (!coupon || subtotalCents < coupon.minCents) {
    return 0;
  }
  if (coupon.percent !== undefined) {
    return Math.round((subtotalCents * coupon.percent) / 100);
  }
  return Math.min(coupon.fixedCents, subtotalCents);
}

export function bulkDiscount(itemCount, subtotalCents) {
  // 5% off for ten items or more.
  return itemCount >= 10 ? Math.round(subtotalCents * 0.05) : 0;
}

export function bestDiscount(codes, itemCount, subtotalCents) {
  let best = bulkDiscount(itemCount, subtotalCents);
  for (const code of codes) {
    best = Math.max(best, couponDiscount(code, subtotalCents));
  }
  return best;
}
