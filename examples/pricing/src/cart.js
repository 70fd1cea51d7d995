// A shopping cart: validated line items and their subtotal, in integer cents.

/** @typedef {{ sku: string, unitCents: number, qty: number, weightGrams: number }} Line */

export function createLine(sku, unitCents, qty = 1, weightGrams = 0) {
  if (!Number.isInteger(unitCents) || unitCents < 0) {
    throw new RangeError(`invalid price for ${sku}: ${unitCents}`);
  }
  if (!Number.isInteger(qty) || qty < 1) {
    throw new RangeError(`invalid quantity for ${sku}: ${qty}`);
  }
  return { sku, unitCents, qty, weightGrams };
}

export function subtotal(lines) {
  let cents = 0;
  for (const line of lines) {
    cents += line.unitCents * line.qty;
  }
  return cents;
}

export function itemCount(lines) {
  return lines.reduce((count, line) => count + line.qty, 0);
}

export function totalWeight(lines) {
  return lines.reduce((grams, line) => grams + line.weightGrams * line.qty, 0);
}
