// A varied corpus of JS/TS/JSX sources for the instrument tests: module systems, TS-only syntax,
// classes, generators, async code, optional chains, labels, loops, switch, ASI-heavy code.
export const CORPUS: Record<string, string> = {
  "esm.mjs": `import { readFileSync } from "node:fs";
export const limit = 10;
export function classify(n) {
  if (n < 0) { return "negative"; }
  else if (n === 0) { return "zero"; }
  return n > limit ? \`big \${n}\` : "small";
}
export const pick = (o) => o?.a?.b ?? o?.["c"] ?? null;
export function total(xs) {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) { sum += xs[i] * 2; }
  for (const x of xs) sum -= x;
  for (const k in { a: 1 }) sum += k.length;
  return sum;
}
export function scan(grid) {
  let found = -1;
  outer: for (const row of grid) {
    for (const cell of row) {
      if (cell < 0) continue outer;
      if (cell > 9) { found = cell; break outer; }
    }
  }
  switch (found) {
    case -1: return "none";
    case 10: { found++; break; }
    default: found = found % 7;
  }
  return [found, ...grid.map((r) => r.length)].filter(Boolean);
}
export default { re: /ab+c/gi, read: () => typeof readFileSync };
`,
  "legacy.cjs": `"use strict";
const path = require("node:path")
let count = 0
count++
;[1, 2].forEach((n) => { count += n })
function ext(file) {
  return path.extname(file) || "none"
}
const flags = { debug: !process.env.DEBUG, depth: count > 2 && count < 9 }
module.exports = { ext, flags, count: () => count, neg: (x) => -x, not: (x) => !x }
`,
  "tool.js": `#!/usr/bin/env node
"use strict";
const args = process.argv.slice(2);
if (args.length === 0 || args[0] === "--help") {
  console.log("usage");
}
exports.main = function main(argv) { return argv.length >= 1 ? argv[0] : undefined; };
`,
  "shapes.ts": `export enum Color { Red, Green = 4, Blue = Green * 2 }
export namespace Geometry { export const unit = 1 + 0; export function area(w: number, h: number) { return w * h * unit; } }
function logged<T extends (...a: any[]) => any>(target: T, _ctx?: unknown): T { return target; }
export abstract class Shape<T = number> {
  abstract area(): T;
  describe(this: Shape<T>): string { return \`area \${String(this.area())}\`; }
}
export class Square extends Shape {
  static count = 0;
  constructor(private readonly side: number) { super(); Square.count += 1; }
  @logged
  area(): number { return this.side ** 2; }
}
export function first<T>(xs: readonly T[]): T | undefined { return xs.length > 0 ? xs[0]! : undefined; }
export const config = { retries: 3, verbose: false } satisfies Record<string, unknown>;
export function isString(v: unknown): v is string { return typeof v === "string"; }
export function overload(x: string): string;
export function overload(x: number): number;
export function overload(x: any) { return (x as number) + 1; }
declare const ambient: number;
export type Pair = [number, number];
export interface Named { name: string }
`,
  "view.tsx": `import React from "react";
type Props = { items: string[]; title?: string };
export function List({ items, title }: Props) {
  const empty = items.length === 0;
  return (
    <section className={empty ? "empty" : "full"}>
      {title && <h1>{title.toUpperCase()}</h1>}
      {empty ? <p>Nothing</p> : items.map((item, i) => <li key={i}>{item + "!"}</li>)}
      <>{items.length > 3 && <b>many</b>}</>
    </section>
  );
}
export const Generic = <T,>(props: { value: T }) => <span>{String(props.value)}</span>;
`,
  "button.jsx": `export function Button({ onClick, disabled }) {
  return <button disabled={!disabled} onClick={() => onClick(1 + 1)}>press</button>;
}
`,
  "classes.js": `export class Account {
  #balance = 0;
  static #instances = 0;
  static { Account.#instances += 1; }
  label = "acct-" + Account.#instances;
  get balance() { return this.#balance; }
  set balance(v) { if (v >= 0) { this.#balance = v; } }
  deposit(n) { this.#balance += n; return this; }
  static get instances() { return Account.#instances; }
  #secret() { return this.#balance * 2; }
  reveal() { return this.#secret() > 10; }
  accessor = 1;
}
`,
  "gen.js": `export function* range(from, to, step = 1) {
  for (let i = from; i < to; i += step) yield i;
}
export async function* chunks(xs) { for (const x of xs) { yield await x; } }
export async function sumAll(xs) {
  let s = 0;
  for await (const x of chunks(xs)) s += x;
  return s > 100 ? 100 : s;
}
export const lazy = async () => { try { return await Promise.resolve(1); } catch (e) { return -1; } finally { void 0; } };
`,
  "asi.js": `let a = 1
let b = a
a = b
a++
b--
const c = a + b
;(function () { a += 1 })()
const d = c
;\`\${d}\`.length
let e = d
++a
export { a, b, c, d }
`,
};
