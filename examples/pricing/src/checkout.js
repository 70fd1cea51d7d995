// Puts it together: subtotal, best discount, shipping and the final total.

import { itemCount, subtotal, totalWeight } from "./cart.js";
import { bestDiscount } from "./discounts.js";

export const FREE_SHIPPING_CENTS = 5000;

export function shippingCents(discountedCents, weightGrams) {
  if (discountedCents >= FREE_SHIPPING_CENTS) {
    return 0;
  }
  const extraKilos = Math.max(0, Math.ceil((weightGrams - 1000) / 1000));
  return 499 + extraKilos * 150;
}

export function checkout(lines, codes) {
  if (lines.length === 0) {
    throw new Error("cannot check out an empty cart");
  }
  const gross = subtotal(lines);
  const discount = bestDiscount(codes, itemCount(lines), gross);
  const net = gross - discount;
  const shipping = shippingCents(net, totalWeight(lines));
  return { gross, discount, shipping, total: net + shipping };
}

export function formatCents(cents) {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
