import { describe, expect, test } from "bun:test";
import { ConfigError } from "../../../src/errors.ts";
import { generateGremlins, OPERATOR_NAMES, resolveOperators } from "../../../src/mutate/index.ts";
import type { Gremlin } from "../../../src/types.ts";

// A realistic module; line numbers below refer to it.
const CART = `// A small shopping cart module: realistic TypeScript for the mutate stage tests.
export interface Item {
  sku: string;
  price: number;
  qty: number;
  tags?: string[];
}

const FREE_SHIPPING = 50;

export class Cart {
  private items: Item[] = [];

  add(item: Item): void {
    const existing = this.items.find((i) => i.sku === item.sku);
    if (existing) {
      existing.qty += item.qty;
    } else {
      this.items.push({ ...item });
    }
  }

  total(): number {
    let sum = 0;
    for (const item of this.items) {
      sum += item.price * item.qty;
    }
    return sum >= FREE_SHIPPING ? sum : sum + 4.99;
  }

  hasTag(tag: string): boolean {
    return this.items.some((i) => i.tags?.includes(tag) ?? false);
  }

  // gremlins-disable-next-line string-literal: labels are cosmetic
  label(): string { return this.items.length === 0 ? "empty" : \`\${this.items.length} items\`; }
}

export function discount(total: number, code?: string): number {
  if (!code || total <= 0) return total;
  const pct = /^SAVE(\\d+)$/.exec(code)?.[1];
  return pct ? total - (total * Number(pct)) / 100 : total;
}
`;

const VIEW = `export const View = ({ n, user }: { n: number; user?: { name: string } }) => (
  <ul className="list" data-n={n + 1}>
    hello {user?.name ?? "anon"}
    {n > 0 && <li>{n - 1}</li>}
  </ul>
);
`;

const row = (g: Gremlin) => `${g.loc.start.line}:${g.loc.start.column} ${g.operator} ${g.original}`;

describe("generateGremlins with the operator registry", () => {
  const result = generateGremlins([
    { file: "src/view.tsx", source: VIEW },
    { file: "src/cart.ts", source: CART },
  ]);

  test("parses both files and numbers gremlins 1..N, cart.ts first", () => {
    expect(result.failures).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.files.map((f) => f.file)).toEqual(["src/cart.ts", "src/view.tsx"]);
    expect(result.gremlins.length).toBeGreaterThan(40);
    expect(result.gremlins.map((g) => g.index)).toEqual(result.gremlins.map((_, i) => i + 1));
    const firstView = result.gremlins.findIndex((g) => g.file === "src/view.tsx");
    expect(firstView).toBeGreaterThan(0);
    expect(result.gremlins.slice(firstView).every((g) => g.file === "src/view.tsx")).toBe(true);
  });

  test("every gremlin is well-formed: original text, known operator, sorted, unique, nested spans only", () => {
    const sources = new Map(result.files.map((f) => [f.file, f.source]));
    const seen = new Set<string>();
    const ids = new Set<string>();
    let previous: Gremlin | undefined;
    for (const g of result.gremlins) {
      expect(g.original).toBe(sources.get(g.file)!.slice(g.start, g.end));
      expect(OPERATOR_NAMES).toContain(g.operator);
      expect(g.id).toMatch(/^[0-9a-f]{12}$/);
      const key = `${g.file}:${g.start}:${g.end}:${g.replacement}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      ids.add(g.id);
      if (previous && previous.file === g.file) {
        expect(previous.start < g.start || (previous.start === g.start && previous.end >= g.end)).toBe(true);
      }
      previous = g;
    }
    expect(ids.size).toBe(result.gremlins.length);
    for (const a of result.gremlins) {
      for (const b of result.gremlins) {
        if (a.file !== b.file) continue;
        const partial = a.start < b.start && b.start < a.end && a.end < b.end;
        expect(partial ? `${row(a)} overlaps ${row(b)}` : "").toBe("");
      }
    }
  });

  test("expected gremlins are at the right places", () => {
    const rows = result.gremlins.filter((g) => g.file === "src/cart.ts").map(row);
    expect(rows).toContain("26:14 arithmetic item.price * item.qty");
    expect(rows).toContain("28:12 equality sum >= FREE_SHIPPING");
    expect(rows).toContain("32:35 optional-chaining i.tags?.includes(tag)");
    expect(rows).toContain("42:25 arithmetic total * Number(pct)");
    expect(rows.some((r) => r.startsWith("14:26 block "))).toBe(true);
  });

  test("the disable comment switches off only the listed operator on the next line", () => {
    const line36 = result.gremlins.filter((g) => g.file === "src/cart.ts" && g.loc.start.line === 36);
    expect(line36.filter((g) => g.operator === "string-literal").length).toBeGreaterThan(0);
    for (const g of line36) {
      expect(g.ignoredReason).toBe(
        g.operator === "string-literal" ? "disabled by comment at line 35: labels are cosmetic" : undefined,
      );
    }
    expect(result.gremlins.filter((g) => g.ignoredReason !== undefined).every((g) => g.loc.start.line === 36)).toBe(
      true,
    );
  });

  test("no gremlin in JSX text, JSX attribute strings or member callees", () => {
    const view = result.gremlins.filter((g) => g.file === "src/view.tsx");
    expect(view.length).toBeGreaterThan(0);
    expect(view.map((g) => g.original)).not.toContain('"list"');
    expect(view.some((g) => g.original.trim().startsWith("hello"))).toBe(false);
    expect(view.map(row)).toContain("2:32 arithmetic n + 1");
  });

  test("deterministic: a second run gives the same gremlins; ids do not depend on the other files", () => {
    const again = generateGremlins([
      { file: "src/cart.ts", source: CART },
      { file: "src/view.tsx", source: VIEW },
    ]);
    expect(again.gremlins).toEqual(result.gremlins);
    const alone = generateGremlins([{ file: "src/view.tsx", source: VIEW }]);
    const viewIds = result.gremlins.filter((g) => g.file === "src/view.tsx").map((g) => g.id);
    expect(alone.gremlins.map((g) => g.id)).toEqual(viewIds);
  });

  test("operators.include / exclude select operators", () => {
    const only = generateGremlins([{ file: "src/cart.ts", source: CART }], {
      operators: { include: ["arithmetic", "equality"] },
    });
    expect(new Set(only.gremlins.map((g) => g.operator))).toEqual(new Set(["arithmetic", "equality"]));
    const without = generateGremlins([{ file: "src/cart.ts", source: CART }], { operators: { exclude: ["block"] } });
    const all = result.gremlins.filter((g) => g.file === "src/cart.ts");
    expect(without.gremlins.length).toBe(all.filter((g) => g.operator !== "block").length);
    expect(without.gremlins.some((g) => g.operator === "block")).toBe(false);
  });

  test("excluding an operator keeps disable comments naming it valid", () => {
    const r = generateGremlins([{ file: "src/cart.ts", source: CART }], { operators: { exclude: ["string-literal"] } });
    expect(r.warnings).toEqual([]);
  });
});

describe("resolveOperators", () => {
  test("all operators by default, in registry order", () => {
    expect(resolveOperators().map((o) => o.name)).toEqual([...OPERATOR_NAMES]);
    expect(resolveOperators({ include: [] }).length).toBe(OPERATOR_NAMES.length);
  });

  test("include keeps registry order; exclude wins over include", () => {
    expect(resolveOperators({ include: ["equality", "arithmetic"] }).map((o) => o.name)).toEqual([
      "arithmetic",
      "equality",
    ]);
    expect(resolveOperators({ include: ["equality", "arithmetic"], exclude: ["equality"] }).map((o) => o.name)).toEqual(
      ["arithmetic"],
    );
  });

  test.each([
    [
      { include: ["aritmetic"] },
      "operators.include: unknown operator `aritmetic` (did you mean `arithmetic`?). Valid: ",
    ],
    [{ exclude: ["blok"] }, "operators.exclude: unknown operator `blok` (did you mean `block`?). Valid: "],
    [{ include: ["xyzzyxyzzy"] }, "operators.include: unknown operator `xyzzyxyzzy`. Valid: "],
  ])("%p → ConfigError", (cfg, prefix) => {
    let error: unknown;
    try {
      resolveOperators(cfg);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(prefix + OPERATOR_NAMES.join(", "));
  });
});
