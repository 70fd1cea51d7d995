// Module mocks in the thread executor. Design: vitest gives every test file its own module registry,
// so a file that mocks modules gets its own copy of the project in the sandbox
// (`.gremlins-mocks/<n>/`: the instrumented sources copied, every other file symlinked). In that copy,
// every `import` of a mocked module (from the test file and from project code alike) points at a
// generated module standing in for the mock, and the file's hoisted statements run first from a prelude
// (src/harness/module-mocks/hoist.ts); the worker materialises the mocks before importing the copy
// (src/harness/module-mocks/runtime.ts). Other test files keep importing the shared project, so a mock
// never leaks into them. Copies are plain files, so this works alike in Bun, Deno and Node, ESM or not;
// the gremlins in them are the same instrumented code, reading the same switch and reporting coverage
// per test like the originals. Spawn fallbacks remove the copies with the other sandbox changes.

import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from "pathe";
import { aliasMatches, applyAliases, lookUpFile, type Alias } from "../../project/aliases.ts";
import type { HoistPlan } from "../../harness/module-mocks/hoist.ts";
import type { JestHoistPlan } from "../../harness/module-mocks/jest-hoist.ts";
import type { BunMockPlan } from "../../harness/module-mocks/bun-plan.ts";
import { exportNames } from "../../config/value-exports.ts";
import { bunStandInSource, MOCKS_GLOBAL } from "../../harness/module-mocks/runtime.ts";
import type { MockedFile } from "../../harness/module-mocks/runtime.ts";
import { rewriteSpecifiers, type ScanResult, type SpecifierSite } from "./redirect.ts";

/** Folder of the per-file project copies inside the sandbox. */
export const MOCKS_DIR = ".gremlins-mocks";

export interface CopyContext {
  /** Sandbox copy (absolute). */
  dir: string;
  /** Project-relative JS/TS files: copied (and rewritten) into each copy. */
  sources: readonly string[];
  /** Project-relative other files: symlinked into each copy. */
  others: readonly string[];
  /** A source file's text before any redirection. */
  read(rel: string): string;
  /** Every specifier of a source file's text (scanSource), parsed once for all the copies. */
  scan(rel: string, source: string): ScanResult | null;
  /** The absolute shim file for a framework specifier, or null when `specifier` is not one. */
  shim(specifier: string, kind: SpecifierSite["kind"]): string | null;
  aliases: readonly Alias[];
}

const TS_TWIN: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};

/** The file an import of `base` (absolute, extension as written) loads, as TypeScript-aware runners find it. */
export function resolveModuleFile(base: string): string | null {
  if (existsSync(base) && statSync(base).isFile()) return base;
  const ext = extname(base);
  for (const twin of TS_TWIN[ext] ?? []) {
    const file = base.slice(0, -ext.length) + twin;
    if (existsSync(file)) return file;
  }
  return lookUpFile(base);
}

/** A relative specifier from `fromFile` to `toFile` (both absolute), starting with `./` or `../`. */
function relativeTo(fromFile: string, toFile: string): string {
  const rel = relative(dirname(fromFile), toFile);
  return rel.startsWith("./") || rel.startsWith("../") ? rel : `./${rel}`;
}

const isPathLike = (specifier: string): boolean => /^(\.{1,2}(\/|$)|\/)/.test(specifier);

/** A test file's module-mock plan, by runner. */
export type MockPlan = HoistPlan | (JestHoistPlan & { jest: true }) | (BunMockPlan & { bun: true });

/** Makes copy number `n` for the test file `test` (project-relative) and its plan (vitest's, jest's or bun's); or why it cannot. */
export function copyForMocks(
  ctx: CopyContext,
  test: string,
  n: number,
  plan: MockPlan,
): MockedFile | { reason: string } {
  const jest = "jest" in plan;
  const bun = "bun" in plan;
  const copyRoot = join(ctx.dir, MOCKS_DIR, String(n));
  const inCopy = (abs: string): string =>
    abs.startsWith(`${ctx.dir}/`) && !abs.startsWith(`${ctx.dir}/${MOCKS_DIR}/`) && !abs.includes("/node_modules/")
      ? join(copyRoot, relative(ctx.dir, abs))
      : abs;
  const testCopy = join(copyRoot, test);
  // What a specifier imported from `from` (a file in the copy) names: "file:<abs>" or "package:<name>".
  const moduleKey = (specifier: string, from: string): string | null => {
    const aliased = aliasMatches(specifier, ctx.aliases) ? applyAliases(specifier, from, ctx.aliases, ctx.dir) : null;
    const target = aliased === null ? specifier : isAbsolute(aliased) ? inCopy(aliased) : aliased;
    if (isAbsolute(target)) return `file:${resolveInCopy(target)}`;
    if (isPathLike(target)) return `file:${resolveInCopy(resolve(dirname(from), target))}`;
    return `package:${target.replace(/^node:/, "")}`;
  };

  // The copy mirrors the sandbox (written below), so files are looked up in the sandbox.
  const resolveInCopy = (abs: string): string => {
    const original = inOriginal(abs);
    return inCopy(resolveModuleFile(original) ?? original);
  };
  const modules = plan.mocks.map((_, i) => join(copyRoot, ".mocks", `${i}.${jest ? "cjs" : "mjs"}`));
  /** bun: each stand-in's text. */
  const bunModules: string[] = [];
  const mocked = new Map<string, string>();
  /** jest: each mock module's text (vitest's are written by the worker, once their export names are known). */
  const jestModules: string[] = [];
  for (const [i, mock] of plan.mocks.entries()) {
    const key = moduleKey(mock.path, testCopy)!;
    if (key.startsWith("file:") && !existsSync(inOriginal(key.slice(5))))
      return { reason: `${bun ? "mock.module" : "vi.mock"}("${mock.path}") names no file` };
    if (bun) {
      const made = bunStandIn(ctx, key, (plan as BunMockPlan).mocks[i]!, inOriginal, testCopy, i, modules[i]!);
      if ("reason" in made) return { reason: `mock.module("${mock.path}"): ${made.reason}` };
      mocked.set(key, modules[i]!);
      bunModules.push(made.text);
      continue;
    }
    const manual = "hasFactory" in mock && mock.hasFactory ? null : manualMock(ctx.dir, key, inOriginal);
    if (manual && !jest) {
      // vitest: imports of the module load the __mocks__ file (its copy) instead; nothing to make in the worker.
      mocked.set(key, join(copyRoot, manual));
      modules[i] = "";
      continue;
    }
    mocked.set(key, modules[i]!);
    if (jest) {
      // jest: a __mocks__ file next to the module (or at the root, for packages) stands in for it; else the
      // factory's result or an automock, made on the first require in this copy.
      const from = modules[i]!;
      const actual = key.startsWith("file:") ? relativeTo(from, key.slice(5)) : key.slice("package:".length);
      jestModules.push(
        manual
          ? `module.exports = require(${JSON.stringify(relativeTo(from, join(copyRoot, manual)))});\n`
          : `module.exports = globalThis.${MOCKS_GLOBAL}.jestModule(${JSON.stringify(testCopy)}, ${i}, () => require(${JSON.stringify(actual)}));\n`,
      );
    }
  }
  function inOriginal(abs: string): string {
    return abs.startsWith(`${copyRoot}/`) ? join(ctx.dir, relative(copyRoot, abs)) : abs;
  }

  const rewrite = (rel: string, source: string, withMocks: boolean): string => {
    const file = join(copyRoot, rel);
    const scan = ctx.scan(rel, source);
    if (!scan) return source;
    const target = (site: SpecifierSite): string => {
      const shim = ctx.shim(site.specifier, site.kind);
      if (shim) return relativeTo(file, shim);
      // vitest mocks what `import` loads, not what require() loads; jest mocks both (imports become requires).
      const mock =
        withMocks && (jest || bun || site.kind === "import")
          ? mocked.get(moduleKey(site.specifier, file) ?? "")
          : undefined;
      if (mock) return relativeTo(file, mock);
      const aliased = aliasMatches(site.specifier, ctx.aliases)
        ? applyAliases(site.specifier, file, ctx.aliases, ctx.dir)
        : null;
      if (aliased === null) return site.specifier;
      return isAbsolute(aliased) ? relativeTo(file, inCopy(aliased)) : aliased;
    };
    const changed = scan.sites.filter((site) => target(site) !== site.specifier);
    return changed.length === 0 ? source : rewriteSpecifiers(source, changed, target);
  };

  for (const rel of ctx.sources) {
    const out = join(copyRoot, rel);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, rewrite(rel, rel === test && "test" in plan ? plan.test : ctx.read(rel), true));
  }
  for (const rel of ctx.others) {
    const out = join(copyRoot, rel);
    mkdirSync(dirname(out), { recursive: true });
    symlinkSync(join(ctx.dir, rel), out);
  }
  if (bun) {
    bunModules.forEach((text, i) => {
      mkdirSync(dirname(modules[i]!), { recursive: true });
      writeFileSync(modules[i]!, text);
    });
    return { copy: testCopy, prelude: "", modules, kind: "bun", paths: plan.mocks.map((m) => m.path) };
  }
  if ("jest" in plan) {
    jestModules.forEach((text, i) => {
      mkdirSync(dirname(modules[i]!), { recursive: true });
      writeFileSync(modules[i]!, text);
    });
    return { copy: testCopy, prelude: "", modules, kind: "jest" };
  }
  const prelude = preludePath(testCopy);
  writeFileSync(prelude, rewrite(relative(copyRoot, prelude), plan.prelude, false));
  return { copy: testCopy, prelude, modules };
}

/**
 * bun: the stand-in for mock `index` (a module of the project, `key` "file:<abs in copy>"): loaded with the test
 * file, it exports every name the module does (updated in place by the call); else the names of the factory's
 * object literal (the module is what the factory returns). Or why it cannot be made.
 */
function bunStandIn(
  ctx: CopyContext,
  key: string,
  mock: BunMockPlan["mocks"][number],
  inOriginal: (abs: string) => string,
  testCopy: string,
  index: number,
  standIn: string,
): { text: string } | { reason: string } {
  if (!key.startsWith("file:")) return { reason: "a package (bun mocks it for node_modules too; not emulated)" };
  const lazy = mock.loadedFirst !== true;
  const names = lazy
    ? mock.keys
    : exportNames(
        inOriginal(key.slice(5)),
        (abs) => ctx.read(relative(ctx.dir, abs)),
        (from, specifier) => (isPathLike(specifier) ? resolveModuleFile(resolve(dirname(from), specifier)) : null),
      );
  if (names === null)
    return {
      reason: lazy
        ? "its factory's names are not written out (a spread or a call), and the module is first imported after the call"
        : "its exports cannot be read from its source (CommonJS, or a star re-export of a package)",
    };
  return { text: bunStandInSource(testCopy, index, names, lazy, relativeTo(standIn, key.slice(5))) };
}

/** Where the prelude of a test file's copy goes: next to it, same extension (so it is loaded the same way). */
export function preludePath(testCopy: string): string {
  const ext = extname(testCopy);
  return join(dirname(testCopy), `${basename(testCopy, ext)}.gremlins-prelude${ext}`);
}

/** The `__mocks__` file vitest would use instead of automocking `key`, if there is one. */
function manualMock(root: string, key: string, inOriginal: (abs: string) => string): string | null {
  const [folder, name] = key.startsWith("file:")
    ? [join(dirname(inOriginal(key.slice(5))), "__mocks__"), basename(key.slice(5), extname(key))]
    : [join(root, "__mocks__"), key.slice("package:".length)];
  // A scoped package or a subpath ("@scope/pkg", "fs/promises") has its mock in a subfolder.
  const dir = join(folder, dirname(name));
  if (!existsSync(dir)) return null;
  const found = readdirSync(dir).find((entry) => entry === basename(name) || entry.startsWith(`${basename(name)}.`));
  return found ? relative(root, join(dir, found)) : null;
}
