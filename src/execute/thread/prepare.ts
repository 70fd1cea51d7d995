// Prepares a sandbox copy for the thread executor: writes the harness shim modules into
// `.gremlins-harness/` and points every test-framework import of the project's files at them, and applies
// the runner's module aliases (moduleNameMapper, resolve.alias) to the project's imports.
// Keeps the original texts so the copy can be restored if the run falls back to the spawn executor.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { globSync } from "tinyglobby";
import { dirname, extname, isAbsolute, join, relative } from "pathe";
import { languageOf } from "../../parse/parse.ts";
import { rewriteSpecifiers, scanSource, type ScanResult, type SpecifierSite } from "./redirect.ts";
import { aliasMatches, applyAliases, lookUpFile, mentionsAlias, type Alias } from "../../project/aliases.ts";
import { planHoist } from "../../harness/module-mocks/hoist.ts";
import { planJestHoist, type JestHoistPlan } from "../../harness/module-mocks/jest-hoist.ts";
import { planBunMocks } from "../../harness/module-mocks/bun-plan.ts";
import type { MockedFile } from "../../harness/module-mocks/runtime.ts";
import { copyForMocks, MOCKS_DIR, preludePath, type MockPlan } from "./mock-copies.ts";
import { createClosures, projectFileOf } from "./import-closure.ts";

/** Folder of the shim modules inside the sandbox copy. */
export const SHIM_DIR = ".gremlins-harness";

export interface Redirection {
  /** Project-relative files that were rewritten. */
  rewritten: string[];
  /** Unsupported constructs per test file (module mocking, snapshots…). */
  unsupported: Map<string, string[]>;
  /** Test files that mock modules (vitest), by project-relative path: each loads from its own project copy. */
  mocked: Record<string, MockedFile>;
  /** Puts the original files back and removes the shims. */
  restore(): void;
}

/** Shim file name for a specifier: `@jest/globals` → `jest-globals`. */
export function shimName(specifier: string): string {
  return specifier.replace(/^@/, "").replace(/[^A-Za-z0-9]+/g, "-");
}

/** A relative module path from `fromFile` to `toFile` (both absolute), always starting with `./` or `../`. */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  const rel = relative(dirname(fromFile), toFile);
  return rel.startsWith("./") || rel.startsWith("../") ? rel : `./${rel}`;
}

export interface PrepareOptions {
  /** Sandbox copy (absolute). */
  dir: string;
  /** Specifiers the harness provides. */
  specifiers: readonly string[];
  /** Shim text for a specifier (the harness's `shimSource`): ESM for imports, CommonJS for require(). */
  shimSource: (specifier: string, format: "esm" | "cjs") => string;
  /** Project-relative test files (always scanned for unsupported constructs). */
  testFiles: readonly string[];
  /** Module aliases (jest moduleNameMapper, vite resolve.alias), applied to the specifiers of every project file. */
  aliases?: readonly Alias[];
  /** The project's runner: vitest's module mocks are emulated, other runners' are refused. */
  framework?: string;
  /** Imports too get the CommonJS shims: a jest transform (ts-jest, babel-jest) turns them into require() calls. */
  requireOnly?: boolean;
  /**
   * vitest test files (project-relative) that load from their own copy of the project, mocks or not: they pass
   * only with modules of their own, as vitest's per-file isolation gives them.
   */
  isolate?: ReadonlySet<string>;
}

/**
 * An aliased path as a jest transform's require() takes it: without the extension the lookup added when the
 * specifier had none (ts-jest type-checks its input, and refuses "./x.ts" without allowImportingTsExtensions,
 * TS5097); require() finds the file again through the transform's registered extensions, as jest's resolver does.
 */
function withoutAddedExtension(specifier: string, file: string, importer: string): string {
  const path = relativeSpecifier(importer, file);
  const ext = extname(file);
  if (ext === "" || extname(specifier) === ext || lookUpFile(file.slice(0, -ext.length)) !== file) return path;
  return path.slice(0, -ext.length);
}

/** Rewrites the sandbox copy at `dir`; files that do not mention a specifier are not parsed. */
export function redirectImports(options: PrepareOptions): Redirection {
  const { dir, specifiers } = options;
  const aliases = options.aliases ?? [];
  const wanted = new Set(specifiers);
  const tests = new Set(options.testFiles);
  const originals = new Map<string, string>();
  const unsupported = new Map<string, string[]>();
  const shimDir = join(dir, SHIM_DIR);
  mkdirSync(shimDir, { recursive: true });
  for (const specifier of specifiers) {
    writeFileSync(join(shimDir, `${shimName(specifier)}.mjs`), options.shimSource(specifier, "esm"));
    writeFileSync(join(shimDir, `${shimName(specifier)}.cjs`), options.shimSource(specifier, "cjs"));
  }
  const candidates = globSync(["**/*"], {
    cwd: dir,
    ignore: ["**/node_modules/**", `${SHIM_DIR}/**`, `${MOCKS_DIR}/**`, "**/.git/**"],
    onlyFiles: true,
  });
  const plans = new Map<string, MockPlan>();
  const quoted = specifiers.flatMap((s) => [`"${s}"`, `'${s}'`, `\`${s}\``]);
  for (const rel of candidates.sort()) {
    if (languageOf(rel) === null) continue;
    const abs = join(dir, rel);
    const source = readFileSync(abs, "utf8");
    const isTest = tests.has(rel);
    if (!isTest && !quoted.some((q) => source.includes(q)) && !mentionsAlias(source, aliases)) continue;
    const scan = scanSource(rel, source, (s) => wanted.has(s) || aliasMatches(s, aliases));
    if (!scan) continue;
    const reasons = [...scan.unsupported];
    const isolated = isTest && options.framework === "vitest" && options.isolate?.has(rel) === true;
    if (isTest && (scan.moduleMocking.length > 0 || isolated)) {
      const plan =
        options.framework !== "bun" && scan.moduleMocking.includes("module mocking (mock.module)")
          ? { reason: notEmulated(options.framework, scan.moduleMocking) }
          : options.framework === "vitest"
            ? planHoist(rel, source, (s) => wanted.has(s), `./${preludePath(rel).split("/").pop()}`, isolated)
            : options.framework === "jest"
              ? jestPlan(rel, source)
              : options.framework === "bun"
                ? bunPlan(rel, source, scan.moduleMocking)
                : { reason: notEmulated(options.framework, scan.moduleMocking) };
      if (plan && "reason" in plan) reasons.push(plan.reason);
      else if (plan) plans.set(rel, plan);
    }
    if (isTest && reasons.length > 0) unsupported.set(rel, reasons);
    if (scan.sites.length === 0) continue;
    const target = (site: SpecifierSite): string => {
      if (wanted.has(site.specifier))
        return relativeSpecifier(
          abs,
          join(
            shimDir,
            `${shimName(site.specifier)}.${site.kind === "require" || options.requireOnly ? "cjs" : "mjs"}`,
          ),
        );
      const aliased = applyAliases(site.specifier, abs, aliases, dir);
      if (aliased === null) return site.specifier;
      if (!isAbsolute(aliased)) return aliased;
      return options.requireOnly
        ? withoutAddedExtension(site.specifier, aliased, abs)
        : relativeSpecifier(abs, aliased);
    };
    const targets = new Map(scan.sites.map((site) => [site, target(site)]));
    const changed = scan.sites.filter((site) => targets.get(site) !== site.specifier);
    if (changed.length === 0) continue;
    originals.set(abs, source);
    writeFileSync(
      abs,
      rewriteSpecifiers(source, changed, (site) => targets.get(site) as string),
    );
  }
  const rootMocks = options.framework === "jest" ? packageMocks(dir) : [];
  if (rootMocks.length > 0 && options.testFiles[0])
    unsupported.set(options.testFiles[0], [
      `${rootMocks[0]} (jest applies a root __mocks__ file of a package to every test file; not emulated)`,
    ]);
  const mocked: Record<string, MockedFile> = {};
  if (plans.size > 0 && unsupported.size === 0) {
    const isSource = (rel: string) => languageOf(rel) !== null;
    const scans = new Map<string, { source: string; scan: ScanResult | null }>();
    const ctx = {
      dir,
      sources: candidates.filter(isSource),
      others: candidates.filter((rel) => !isSource(rel)),
      read: (rel: string) => originals.get(join(dir, rel)) ?? readFileSync(join(dir, rel), "utf8"),
      scan: (rel: string, source: string) => {
        const known = scans.get(rel);
        if (known?.source === source) return known.scan;
        const scan = scanSource(rel, source, () => true);
        scans.set(rel, { source, scan });
        return scan;
      },
      shim: (specifier: string, kind: SpecifierSite["kind"]) =>
        wanted.has(specifier) ? join(shimDir, `${shimName(specifier)}.${kind === "require" ? "cjs" : "mjs"}`) : null,
      aliases,
    };
    const closures = createClosures(dir, ctx.read, aliases);
    for (const [rel, plan] of plans) {
      const shared =
        "bun" in plan ? sharedWithOtherFiles(rel, plan.mocks, options.testFiles, closures, dir, aliases) : null;
      if ("bun" in plan) {
        // Loaded with the file: bun updates it in place; else the factory's result is the module.
        const loaded = closures(rel, false);
        for (const mock of plan.mocks)
          mock.loadedFirst = loaded.has(projectFileOf(dir, join(dir, rel), mock.path, aliases) ?? "");
      }
      const made = shared ? { reason: shared } : copyForMocks(ctx, rel, Object.keys(mocked).length, plan);
      if ("reason" in made) unsupported.set(rel, [made.reason]);
      else mocked[rel] = made;
    }
  }
  return {
    rewritten: [...originals.keys()].map((abs) => relative(dir, abs)),
    unsupported,
    mocked,
    restore() {
      for (const [abs, source] of originals) writeFileSync(abs, source);
      originals.clear();
      rmSync(shimDir, { recursive: true, force: true });
      rmSync(join(dir, MOCKS_DIR), { recursive: true, force: true });
    },
  };
}

/** jest's hoisting of a test file, tagged for copyForMocks. */
function jestPlan(rel: string, source: string): (JestHoistPlan & { jest: true }) | { reason: string } | null {
  const plan = planJestHoist(rel, source);
  return plan && !("reason" in plan) ? { ...plan, jest: true } : plan;
}

/** bun's plan of a test file, tagged for copyForMocks; the scan's findings are the reason when it finds no `mock.module` it can read. */
function bunPlan(rel: string, source: string, found: readonly string[]): MockPlan | { reason: string } {
  const other = found.filter((what) => what !== "module mocking (mock.module)");
  if (other.length > 0) return { reason: `${other.join(", ")} (bun:test's own is mock.module)` };
  const plan = planBunMocks(rel, source);
  if (plan === null) return { reason: `${found.join(", ")} not on the mock imported from "bun:test"` };
  return "reason" in plan ? plan : { ...plan, bun: true };
}

/** Why a runner's module mocking is not emulated. */
function notEmulated(framework: string | undefined, found: readonly string[]): string {
  if (framework === "node-test" && found.includes("module mocking (mock.module)"))
    return "module mocking (node:test's mock.module: not emulated; it exists only under --experimental-test-module-mocks, on Node >= 22.3 or 20.18, and is undefined without the flag)";
  return found.join(", ");
}

/**
 * bun:test keeps a `mock.module` for the files it runs after the mocking one, in one process: the first other
 * test file that loads a mocked module (their verdicts would depend on bun's file order), or null when none does.
 */
function sharedWithOtherFiles(
  test: string,
  mocks: readonly { path: string }[],
  testFiles: readonly string[],
  closures: (test: string, withDynamic: boolean) => Set<string>,
  dir: string,
  aliases: readonly Alias[],
): string | null {
  for (const mock of mocks) {
    const file = projectFileOf(dir, join(dir, test), mock.path, aliases);
    if (file === null) continue;
    const other = testFiles.find((t) => t !== test && closures(t, true).has(file));
    if (other)
      return `mock.module("${mock.path}") (${other} loads that module too, and bun keeps the mock for the files it runs later; not emulated)`;
  }
  return null;
}

/** The files of the root `__mocks__` folder that mock packages (jest uses them without a jest.mock call; not core modules). */
function packageMocks(dir: string): string[] {
  const core = new Set(builtinModules);
  return globSync(["__mocks__/**/*"], { cwd: dir, onlyFiles: true })
    .filter((f) => !core.has(f.slice("__mocks__/".length).replace(/\.[^/.]+$/, "")))
    .sort();
}
