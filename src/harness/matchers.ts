// Matchers bun:test and vitest have on top of jest's `expect` (jest-extended style), added with
// `expect.extend` so failures read like the built-in ones.

import type { MatcherContext } from "expect";

type Predicate = (received: unknown, ...args: unknown[]) => boolean;

function matcher(pred: Predicate, describe: (...args: unknown[]) => string) {
  return function (this: MatcherContext, received: unknown, ...args: unknown[]) {
    const pass = pred(received, ...args);
    const printed = this.utils.printReceived(received);
    return { pass, message: () => `expected ${printed} ${pass ? "not " : ""}${describe(...args)}` };
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const keysOf = (v: unknown): string[] => (isObject(v) ? Object.keys(v) : []);
const show = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

function isEmpty(v: unknown): boolean {
  if (typeof v === "string" || Array.isArray(v)) return v.length === 0;
  if (v instanceof Map || v instanceof Set) return v.size === 0;
  if (isObject(v)) return Object.keys(v).length === 0;
  return v === undefined || v === null;
}

function mockCalls(v: unknown): number | undefined {
  const mock = (v as { mock?: { calls?: unknown[] } } | undefined)?.mock;
  return Array.isArray(mock?.calls) ? mock.calls.length : undefined;
}

export const EXTRA_MATCHERS: Record<string, ReturnType<typeof matcher>> = {
  toBeTrue: matcher(
    (v) => v === true,
    () => "to be true",
  ),
  toBeFalse: matcher(
    (v) => v === false,
    () => "to be false",
  ),
  toBeArray: matcher(
    (v) => Array.isArray(v),
    () => "to be an array",
  ),
  toBeArrayOfSize: matcher(
    (v, n) => Array.isArray(v) && v.length === n,
    (n) => `to be an array of size ${n}`,
  ),
  toBeString: matcher(
    (v) => typeof v === "string",
    () => "to be a string",
  ),
  toBeNumber: matcher(
    (v) => typeof v === "number",
    () => "to be a number",
  ),
  toBeBoolean: matcher(
    (v) => typeof v === "boolean",
    () => "to be a boolean",
  ),
  toBeFunction: matcher(
    (v) => typeof v === "function",
    () => "to be a function",
  ),
  toBeObject: matcher(
    (v) => isObject(v),
    () => "to be an object",
  ),
  toBeSymbol: matcher(
    (v) => typeof v === "symbol",
    () => "to be a symbol",
  ),
  toBeDate: matcher(
    (v) => v instanceof Date,
    () => "to be a Date",
  ),
  toBeValidDate: matcher(
    (v) => v instanceof Date && !Number.isNaN(v.getTime()),
    () => "to be a valid Date",
  ),
  toBeNil: matcher(
    (v) => v === null || v === undefined,
    () => "to be null or undefined",
  ),
  toBeEmpty: matcher(isEmpty, () => "to be empty"),
  toBeInteger: matcher(
    (v) => Number.isInteger(v),
    () => "to be an integer",
  ),
  toBeFinite: matcher(
    (v) => Number.isFinite(v),
    () => "to be finite",
  ),
  toBePositive: matcher(
    (v) => typeof v === "number" && v > 0,
    () => "to be positive",
  ),
  toBeNegative: matcher(
    (v) => typeof v === "number" && v < 0,
    () => "to be negative",
  ),
  toBeEven: matcher(
    (v) => typeof v === "number" && v % 2 === 0,
    () => "to be even",
  ),
  toBeOdd: matcher(
    (v) => typeof v === "number" && Math.abs(v % 2) === 1,
    () => "to be odd",
  ),
  toBeWithin: matcher(
    (v, lo, hi) => typeof v === "number" && v >= (lo as number) && v < (hi as number),
    (lo, hi) => `to be within [${lo}, ${hi})`,
  ),
  toInclude: matcher(
    (v, s) => typeof v === "string" && v.includes(s as string),
    (s) => `to include ${show(s)}`,
  ),
  toStartWith: matcher(
    (v, s) => typeof v === "string" && v.startsWith(s as string),
    (s) => `to start with ${show(s)}`,
  ),
  toEndWith: matcher(
    (v, s) => typeof v === "string" && v.endsWith(s as string),
    (s) => `to end with ${show(s)}`,
  ),
  toEqualIgnoringWhitespace: matcher(
    (v, s) => typeof v === "string" && v.replace(/\s+/g, "") === String(s).replace(/\s+/g, ""),
    (s) => `to equal ${show(s)} ignoring whitespace`,
  ),
  toContainKey: matcher(
    (v, k) => keysOf(v).includes(k as string),
    (k) => `to contain key ${show(k)}`,
  ),
  toContainKeys: matcher(
    (v, ks) => (ks as string[]).every((k) => keysOf(v).includes(k)),
    (ks) => `to contain keys ${show(ks)}`,
  ),
  toContainAllKeys: matcher(
    (v, ks) => keysOf(v).length === (ks as string[]).length && (ks as string[]).every((k) => keysOf(v).includes(k)),
    (ks) => `to contain exactly the keys ${show(ks)}`,
  ),
  toContainAnyKeys: matcher(
    (v, ks) => (ks as string[]).some((k) => keysOf(v).includes(k)),
    (ks) => `to contain any of the keys ${show(ks)}`,
  ),
  toBeOneOf: matcher(
    (v, list) => (list as unknown[]).includes(v),
    (list) => `to be one of ${show(list)}`,
  ),
  toSatisfy: matcher(
    (v, fn) => Boolean((fn as (x: unknown) => unknown)(v)),
    () => "to satisfy the predicate",
  ),
  toBeTypeOf: matcher(
    (v, t) => (t === "null" ? v === null : t === "array" ? Array.isArray(v) : typeof v === t),
    (t) => `to be of type ${t}`,
  ),
  toHaveBeenCalledOnce: matcher(
    (v) => mockCalls(v) === 1,
    () => "to have been called once",
  ),
  toBeCalledOnce: matcher(
    (v) => mockCalls(v) === 1,
    () => "to have been called once",
  ),
};
