// Test helper: writes test files and harness shims into a temp dir, rewrites framework imports to
// the shims (as the executor does), and loads the files through a fresh harness.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Harness, type HarnessOptions, createHarness, shimSource } from "../../../src/harness/index.ts";

const dirs: string[] = [];
const g = globalThis as Record<string, unknown>;

export function cleanup(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

function shimName(specifier: string): string {
  return `${specifier.replace(/[^a-z0-9]+/gi, "_")}.mjs`;
}

/** Rewrites `from "spec"` / `require("spec")` of harness specifiers to shim files. */
export function rewriteImports(source: string, harness: Harness, shimDir: string): string {
  let out = source;
  for (const spec of harness.specifiers) {
    const esc = spec.replace(/[/:@.]/g, (c) => `\\${c}`);
    const target = pathToFileURL(join(shimDir, shimName(spec))).href;
    out = out.replace(new RegExp(`(from\\s*)(["'])${esc}\\2`, "g"), `$1"${target}"`);
  }
  return out;
}

export interface Loaded {
  harness: Harness;
  dir: string;
  /** Runs the given tests (globals installed meanwhile when asked). */
  run(indices: number[], options?: Partial<{ bail: boolean; testTimeoutMs: number }>): ReturnType<Harness["run"]>;
  /** Runs all tests in order. */
  runAll(options?: Partial<{ bail: boolean; testTimeoutMs: number }>): ReturnType<Harness["run"]>;
}

/**
 * Loads `files` ({relative path: source}) in order, with jest/mocha globals when asked.
 */
export async function load(
  files: Record<string, string>,
  options: HarnessOptions & { globals?: boolean; data?: Record<string, string> } = {},
): Promise<Loaded> {
  const dir = mkdtempSync(join(tmpdir(), "gremlins-harness-"));
  dirs.push(dir);
  // Files written but not loaded (e.g. `.snap` files); the harness reads them relative to `dir`.
  for (const [rel, text] of Object.entries(options.data ?? {})) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const harness = createHarness({ root: dir, ...options });
  g.__gremlins_harness = harness;
  const shimDir = join(dir, "shims");
  mkdirSync(shimDir);
  for (const spec of harness.specifiers) writeFileSync(join(shimDir, shimName(spec)), shimSource(spec));
  // Bun's test runner resolves free `describe`/`test`/`expect` in every loaded module to its own, so
  // files using globals get them declared from the object installGlobals filled (same bindings).
  const globals: Record<string, unknown> = {};
  let prelude = "";
  if (options.globals) {
    harness.installGlobals(globals);
    g.__gremlins_test_globals = globals;
    prelude = `const { ${Object.keys(globals).join(", ")} } = globalThis.__gremlins_test_globals;\n`;
  }
  const withGlobals = <T>(fn: () => Promise<T>): Promise<T> => fn();
  await withGlobals(async () => {
    for (const [rel, source] of Object.entries(files)) {
      const path = join(dir, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, prelude + rewriteImports(source, harness, shimDir));
      harness.beginFile(rel);
      try {
        await import(pathToFileURL(path).href);
      } finally {
        await harness.endFile();
      }
    }
  });
  const run = (indices: number[], opts: Partial<{ bail: boolean; testTimeoutMs: number }> = {}) =>
    withGlobals(() => harness.run(indices, { bail: opts.bail ?? false, testTimeoutMs: opts.testTimeoutMs ?? 2000 }));
  return {
    harness,
    dir,
    run,
    runAll: (opts = {}) =>
      withGlobals(() =>
        harness.run(
          harness.tests().map((t) => t.index),
          { bail: opts.bail ?? false, testTimeoutMs: opts.testTimeoutMs ?? 2000 },
        ),
      ),
  };
}

/** `name → status` of a run, for compact assertions. */
export function statuses(loaded: Loaded, results: Awaited<ReturnType<Harness["run"]>>): Record<string, string> {
  const tests = loaded.harness.tests();
  return Object.fromEntries(results.map((r) => [tests[r.index]!.fullName, r.status]));
}

export const log = (): string[] => ((g.__log as string[] | undefined) ??= []);
export const resetLog = (): void => {
  g.__log = [];
};
