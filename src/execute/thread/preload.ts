// Worker side of the runner's preloads (mocha --require/--file, uvu/tape -r, node --require/--import,
// bun --preload, setup files): loads each module after the harness and before the test files,
// CommonJS or ESM, package specifiers resolved from the project; mocha root hook plugins
// (`exports.mochaHooks`) become root hooks. Module-level global fixtures fail closed.

import { createRequire, Module } from "node:module";
import { pathToFileURL } from "node:url";
import { join, relative } from "pathe";

/** The harness surface a preload needs: files to register under, and the globals that add root hooks. */
export interface PreloadHost {
  beginFile(file: string): void;
  endFile(): Promise<void>;
  /** mocha's global hook functions (before/after/beforeEach/afterEach). */
  hooks: Record<"before" | "after" | "beforeEach" | "afterEach", (fn: unknown) => void>;
}

const ROOT_HOOKS: [string, keyof PreloadHost["hooks"]][] = [
  ["beforeAll", "before"],
  ["beforeEach", "beforeEach"],
  ["afterAll", "after"],
  ["afterEach", "afterEach"],
];

/** The absolute file a preload specifier names: "./x" from the project root, a bare name as a package from it, an absolute path as is. */
export function resolvePreload(root: string, specifier: string): string {
  const require = createRequire(join(root, "package.json"));
  return require.resolve(specifier.startsWith("./") ? join(root, specifier) : specifier);
}

/** Loads one module the way mocha's requireOrImport does: require, or import for ES modules. */
async function loadModule(file: string): Promise<unknown> {
  if (/\.m[jt]s$/.test(file)) return import(pathToFileURL(file).href);
  try {
    return createRequire(file)(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_REQUIRE_ESM" || code === "ERR_REQUIRE_ASYNC_MODULE") return import(pathToFileURL(file).href);
    throw error;
  }
}

/**
 * Loads `preload` in order. `sharedRoot` (mocha): each module is registered as a file of the shared
 * root, so its top-level hooks and its mochaHooks apply to every test. Otherwise the modules load
 * outside any file: one that registers tests or hooks is reported by the harness as unsupported.
 * Returns the first load error and the constructs the harness cannot run.
 */
export async function runPreloads(
  root: string,
  preload: readonly string[],
  host: PreloadHost,
  sharedRoot: boolean,
): Promise<{ error?: string; unsupported: string[] }> {
  const unsupported: string[] = [];
  for (const specifier of preload) {
    let file: string;
    try {
      file = resolvePreload(root, specifier);
    } catch (error) {
      return { error: `preload ${specifier}: ${describe(error)}`, unsupported };
    }
    const name = file.startsWith(root) ? relative(root, file) : specifier;
    if (sharedRoot) host.beginFile(name);
    try {
      const loaded = await loadModule(file);
      if (sharedRoot && loaded && typeof loaded === "object") {
        const exports = loaded as Record<string, unknown>;
        if (exports.mochaGlobalSetup !== undefined || exports.mochaGlobalTeardown !== undefined)
          unsupported.push(`mocha global fixtures (mochaGlobalSetup/mochaGlobalTeardown) in ${name}`);
        if (exports.mochaHooks !== undefined) {
          const hooks =
            typeof exports.mochaHooks === "function"
              ? await (exports.mochaHooks as () => unknown)()
              : exports.mochaHooks;
          if (!hooks || typeof hooks !== "object") unsupported.push(`mochaHooks in ${name} is not an object of hooks`);
          else registerRootHooks(hooks as Record<string, unknown>, host, name, unsupported);
        }
      }
    } catch (error) {
      return { error: `preload ${name}: ${describe(error)}`, unsupported };
    } finally {
      if (sharedRoot) await host.endFile();
    }
  }
  return { unsupported };
}

function registerRootHooks(
  hooks: Record<string, unknown>,
  host: PreloadHost,
  name: string,
  unsupported: string[],
): void {
  for (const key of Object.keys(hooks)) {
    const kind = ROOT_HOOKS.find(([k]) => k === key);
    if (!kind) {
      unsupported.push(`mochaHooks.${key} in ${name}`);
      continue;
    }
    const value = hooks[key];
    for (const fn of Array.isArray(value) ? value : [value]) host.hooks[kind[1]](fn);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * A `require` made by the `esm` package (`require("esm")(module)`) for a module at the project root:
 * it loads ES syntax with CommonJS resolution (directory and extensionless imports), as `-r esm` does
 * under uvu and mocha.
 */
export function esmRequire(root: string, esmMain: string): (file: string) => unknown {
  const parent = join(root, "[gremlins]");
  // Why the casts: _nodeModulePaths is Node's internal (stable since v0.x) lookup-path builder, untyped.
  const owner = new Module(parent) as Module & { filename: string; paths: string[] };
  owner.filename = parent;
  owner.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(root);
  const make = createRequire(join(root, "package.json"))(esmMain) as (module: Module) => (file: string) => unknown;
  return make(owner);
}

/** The harness as a PreloadHost: its files, and mocha's global hook functions. */
export function preloadHost(harness: {
  beginFile(file: string): void;
  endFile(): Promise<void>;
  moduleFor(specifier: string): Record<string, unknown> | undefined;
}): PreloadHost {
  const mocha = harness.moduleFor("mocha") ?? {};
  const hook = (name: string) => (fn: unknown) => (mocha[name] as (fn: unknown) => void)(fn);
  return {
    beginFile: (file) => harness.beginFile(file),
    endFile: () => harness.endFile(),
    hooks: {
      before: hook("before"),
      after: hook("after"),
      beforeEach: hook("beforeEach"),
      afterEach: hook("afterEach"),
    },
  };
}
