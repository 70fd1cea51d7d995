import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Operator } from "../../../src/mutate/operator.ts";
import { OPERATORS, OPERATOR_NAMES } from "../../../src/mutate/operators/index.ts";
import { walk } from "../../../src/mutate/walk.ts";
import { isParseFailure, parseSource } from "../../../src/parse/parse.ts";
import { apply, mutationsOf } from "./_apply.ts";

/** Code that gives every operator something to do, for the cross-operator checks. */
const CORPUS = `
import { x } from "./x";
export function score(items: number[], limit = 10): number {
  "use strict";
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    if (items[i] > limit && !skip(items[i])) { total += items[i] * 2; }
    else total -= 1;
  }
  while (total >= 100) { total = total / 2; }
  const names = items.filter((n) => n % 2 === 0).map((n) => \`n\${n}\`);
  const label = names.length ? "some" : "";
  const opts = { deep: true, name: label, list: [1, 2], empty: [] };
  if (/^a+$/i.test(label) || label?.startsWith("s")) { notify(opts); return -total; }
  cache ??= new Map();
  count++;
  return Math.max(total, 0);
}
function noop() { return; }
function one() { return value; }
const id = (v) => v;
const flag = () => true;
`;

describe("operator registry", () => {
  test("names are unique", () => {
    expect(new Set(OPERATOR_NAMES).size).toBe(OPERATOR_NAMES.length);
  });
  test.each(OPERATORS.map((op) => [op.name, op] as [string, Operator]))(
    "%s: kebab-case name, description, test file",
    (name, op) => {
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(op.description.length).toBeGreaterThan(10);
      expect(existsSync(join(import.meta.dir, `${name}.test.ts`))).toBe(true);
    },
  );
  test("OPERATOR_NAMES follows OPERATORS", () => {
    expect(OPERATOR_NAMES).toEqual(OPERATORS.map((op) => op.name));
  });
  test("the expected operators are registered", () => {
    expect([...OPERATOR_NAMES].sort()).toEqual(
      [
        "arithmetic",
        "equality",
        "logical",
        "assignment",
        "unary",
        "update",
        "boolean-literal",
        "conditional",
        "block",
        "call-statement",
        "array-literal",
        "object-literal",
        "string-literal",
        "optional-chaining",
        "method",
        "arrow-body",
        "regex",
        "boundary",
        "return-value",
      ].sort(),
    );
  });
  test("every operator finds something in the corpus, and every mutation is a valid site", () => {
    for (const op of OPERATORS) {
      expect(apply(op, CORPUS).length, op.name).toBeGreaterThan(0);
    }
  });
  test("no two operators propose the same gremlin (same span and replacement)", () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const op of OPERATORS) {
      for (const m of mutationsOf(op, CORPUS)) {
        const key = `${m.start}:${m.end}:${m.replacement}`;
        const other = owners.get(key);
        if (other !== undefined)
          clashes.push(`${other} and ${op.name}: ${CORPUS.slice(m.start, m.end)} → ${m.replacement}`);
        owners.set(key, op.name);
      }
    }
    expect(clashes).toEqual([]);
  });
  test("an operator's nodeTypes covers every node it mutates (generation skips the others)", () => {
    const parsed = parseSource("corpus.ts", CORPUS);
    if (isParseFailure(parsed)) throw new Error(parsed.message);
    const misses: string[] = [];
    for (const op of OPERATORS) {
      if (!op.nodeTypes) continue;
      walk(parsed.program, (node, ancestors, key) => {
        if (op.nodeTypes!.includes(node.type)) return;
        const ctx = {
          source: CORPUS,
          ancestors,
          key,
          text: (n: { start: number; end: number }) => CORPUS.slice(n.start, n.end),
        };
        if (op.mutate(node, ctx).length > 0) misses.push(`${op.name} on ${node.type}`);
      });
    }
    expect(misses).toEqual([]);
  });
  test("an operator's keys cover every position it mutates (generation skips the others)", () => {
    const parsed = parseSource("corpus.ts", CORPUS);
    if (isParseFailure(parsed)) throw new Error(parsed.message);
    const misses: string[] = [];
    const keyed = OPERATORS.filter((op) => op.keys);
    expect(keyed.map((op) => op.name).sort()).toEqual(["arrow-body", "conditional", "return-value"]);
    for (const op of keyed) {
      walk(parsed.program, (node, ancestors, key) => {
        if (key !== null && op.keys!.includes(key)) return;
        const ctx = {
          source: CORPUS,
          ancestors,
          key,
          text: (n: { start: number; end: number }) => CORPUS.slice(n.start, n.end),
        };
        if (op.mutate(node, ctx).length > 0) misses.push(`${op.name} on ${node.type} at key ${key}`);
      });
    }
    expect(misses).toEqual([]);
  });
  test("operators do not throw on unusual nodes", () => {
    const odd = "label: for (;;) { break label } x = a ? b : c; y = `${`${z}`}`; class C { static {} } q = new.target;";
    for (const op of OPERATORS) expect(() => mutationsOf(op, `function f() { ${odd} }`), op.name).not.toThrow();
  });
});

describe("the _apply helper", () => {
  const breaker = (replacement: string, kind: "expression" | "statement" = "expression"): Operator => ({
    name: "breaker",
    description: "test operator",
    mutate: (node) =>
      node.type === "Identifier" ? [{ start: node.start, end: node.end, replacement, description: "x", kind }] : [],
  });
  test("rejects a replacement that breaks the syntax", () => {
    expect(() => apply(breaker("a +"), "x = b")).toThrow(/does not parse/);
  });
  test("rejects a no-op replacement", () => {
    expect(() => apply(breaker("b"), "f(b)")).toThrow(/no-op/);
  });
  test("rejects a statement mutation whose span is not a statement site", () => {
    expect(() => apply(breaker("", "statement"), "f(b)")).toThrow(/not a statement site/);
  });
  test("rejects an expression span that is not a node", () => {
    const partial: Operator = {
      name: "partial",
      description: "test operator",
      mutate: (n) =>
        n.type === "Program" ? [{ start: 0, end: 3, replacement: "z", description: "x", kind: "expression" }] : [],
    };
    expect(() => apply(partial, "a + b")).toThrow(/not the visited Program/);
  });
  test("rejects an expression mutation of a statement", () => {
    const wrongKind: Operator = {
      name: "wrong-kind",
      description: "test operator",
      mutate: (n) =>
        n.type === "ExpressionStatement"
          ? [{ start: n.start, end: n.end, replacement: "g();", description: "x", kind: "expression" }]
          : [],
    };
    expect(() => apply(wrongKind, "f();")).toThrow(/not a expression site/);
  });
  test("rejects duplicates", () => {
    const twice: Operator = {
      name: "twice",
      description: "test operator",
      mutate: (n) =>
        n.type === "Identifier"
          ? [0, 1].map(() => ({
              start: n.start,
              end: n.end,
              replacement: "z",
              description: "x",
              kind: "expression" as const,
            }))
          : [],
    };
    expect(() => apply(twice, "f(b)")).toThrow(/duplicate/);
  });
});
