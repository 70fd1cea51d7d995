// The shape of src/: no import cycle between modules, imports only in the pipeline's direction (a folder imports
// only folders of earlier layers: cli → run → stages, never back), and no file over 400 lines.
// Imports are read with oxc-parser's module tables (static, re-exports, dynamic import(), type-only included).
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseSync } from "oxc-parser";
import { globSync } from "tinyglobby";

const SRC = resolve(import.meta.dir, "../../src");

/**
 * The layers of src/, first to last: a folder (or top-level file) may import its own folder and any folder of an
 * earlier layer, never one of its own layer or a later one. A new folder must be placed here.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["types", "errors", "version", "util"],
  ["parse", "diff"],
  ["discover", "mutate", "instrument", "config", "harness"],
  ["cache", "project"],
  ["sandbox", "plan", "incremental"],
  ["report"],
  ["execute"],
  ["verify", "host"],
  ["run"],
  ["cli"],
  ["index"],
];

/** Files allowed past MAX_LINES, each with the reason; empty today, and it should stay short. */
const LONG_FILES: Record<string, string> = {};
const MAX_LINES = 400;

interface SourceModule {
  /** Path relative to src/, forward slashes. */
  path: string;
  lines: number;
  /** src/-relative paths this module imports (relative specifiers only). */
  imports: string[];
}

function readModules(): SourceModule[] {
  return globSync("**/*.ts", { cwd: SRC, ignore: ["**/*.d.ts"] })
    .sort()
    .map((path) => {
      const text = readFileSync(join(SRC, path), "utf8");
      const { module, errors } = parseSync(path, text);
      if (errors.length > 0) throw new Error(`${path}: ${errors[0]?.message}`);
      const specifiers = [
        ...module.staticImports.map((i) => i.moduleRequest.value),
        ...module.staticExports.flatMap((e) => e.entries.map((entry) => entry.moduleRequest?.value)),
        ...module.dynamicImports
          .map((d) => text.slice(d.moduleRequest.start, d.moduleRequest.end))
          .map((s) => /^["'](.*)["']$/.exec(s)?.[1]),
      ];
      const imports = specifiers
        .filter((s): s is string => s !== undefined && s.startsWith("."))
        .map((s) => relative(SRC, join(SRC, dirname(path), s)).replaceAll("\\", "/"))
        .filter((target) => target.endsWith(".ts") && !target.startsWith(".."));
      return { path, lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0), imports: [...new Set(imports)] };
    });
}

/** The folder of a src/-relative path (`run/index.ts` → `run`), or the file's name for top-level files. */
const folderOf = (path: string): string =>
  path.includes("/") ? path.slice(0, path.indexOf("/")) : path.replace(/\.ts$/, "");

/** The cycles of the import graph (strongly connected components with more than one module, or a self-import). */
function cycles(modules: readonly SourceModule[]): string[][] {
  const edges = new Map(modules.map((m) => [m.path, m.imports]));
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    order.set(node, order.size);
    low.set(node, order.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, order.get(next) ?? 0));
      }
    }
    if (low.get(node) !== order.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of edges.keys()) if (!order.has(node)) visit(node);
  return found;
}

const modules = readModules();

describe("structure of src/", () => {
  test("the import graph is read (sanity: run/index.ts imports execute/)", () => {
    expect(modules.length).toBeGreaterThan(100);
    expect(modules.find((m) => m.path === "run/index.ts")?.imports.some((p) => p.startsWith("execute/"))).toBe(true);
  });

  test("no import cycle between modules", () => {
    expect(cycles(modules)).toEqual([]);
  });

  test("every folder is placed in a layer", () => {
    const placed = new Set(LAYERS.flat());
    expect([...new Set(modules.map((m) => folderOf(m.path)))].filter((f) => !placed.has(f))).toEqual([]);
  });

  test("imports run only in the pipeline's direction (earlier layers; the pipeline never imports cli)", () => {
    const layerOf = new Map(LAYERS.flatMap((folders, layer) => folders.map((f) => [f, layer] as const)));
    const backwards: string[] = [];
    for (const module of modules) {
      const from = folderOf(module.path);
      for (const target of module.imports) {
        const to = folderOf(target);
        if (to === from) continue;
        if ((layerOf.get(to) ?? Infinity) >= (layerOf.get(from) ?? -1)) backwards.push(`${module.path} → ${target}`);
      }
    }
    expect(backwards).toEqual([]);
  });

  test(`no file over ${MAX_LINES} lines (exceptions listed with their reason)`, () => {
    const long = modules
      .filter((m) => m.lines > MAX_LINES && !(m.path in LONG_FILES))
      .map((m) => `${m.path}: ${m.lines} lines`);
    expect(long).toEqual([]);
  });
});
