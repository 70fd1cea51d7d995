// Loaded first by the Node host (`node --import host/ts-register.mjs gremlins.mjs run …`); worker threads
// inherit the flag. On a Node that cannot import TypeScript (before 22.18 / 23.6) it tells the thread executor
// that TypeScript is handled, and, in each worker that imports TypeScript test files, registers ts-hooks
// (ES modules) and a require() handler (CommonJS) that strip types with gremlins' own stripper; on a Node that
// can, it does so too where the runner compiles TypeScript itself (vitest, jest), and otherwise only resolves.
// Workers of other suites register the hooks later, when they import ES modules afresh (fresh-graphs.ts).

import { createRequire, register } from "node:module";
import { readFileSync } from "node:fs";
import { isMainThread, workerData } from "node:worker_threads";

const NATIVE = Boolean((process.features as { typescript?: unknown }).typescript);
const TS_FILE = /\.(?:ts|mts|cts|tsx)$/;

/** True when the worker's data names a TypeScript file (its test files, preloads…). */
function namesTypeScript(data: unknown): boolean {
  if (typeof data !== "object" || data === null) return false;
  return Object.values(data).some(
    (value) => Array.isArray(value) && value.some((v) => typeof v === "string" && TS_FILE.test(v)),
  );
}

// Why a global: the thread executor (project/runtime.ts hostFeatures) asks whether TypeScript can be imported.
(globalThis as Record<string, unknown>).__gremlins_typescript = NATIVE ? "native" : "hooks";

const setup = (workerData as { setup?: { compilesTypeScript?: unknown; vitestModules?: unknown } } | null)?.setup;
const vitestModules = setup?.vitestModules === true;

if (!isMainThread && (namesTypeScript(workerData) || vitestModules)) {
  const hooks = new URL(import.meta.url.endsWith(".ts") ? "./ts-hooks.ts" : "./ts-hooks.mjs", import.meta.url);
  const { stripCached, strippedDir } = await import("./strip-cache.ts");
  const root = (workerData as { root?: unknown }).root;
  const cacheDir = typeof root === "string" ? strippedDir(root) : null;
  // gremlins' stripper loads the project's TypeScript where Node cannot, and where the runner compiles it
  // (Node's strip-only mode refuses the enums that vitest and jest compile).
  const strips = !NATIVE || setup?.compilesTypeScript === true;
  register(hooks.href, { parentURL: import.meta.url, data: { cacheDir, strips, vitestModules } });
  // Read by fresh-graphs.ts: its reloads of ES modules need these hooks, and they must not run twice.
  (globalThis as Record<string, unknown>).__gremlins_hooks = true;
  if (strips) {
    // require("./x.ts") from CommonJS does not go through module.register hooks (Node 20, 22).
    const require = createRequire(import.meta.url);
    // Why the casts: Module._extensions and module._compile are Node internals without public types.
    const extensions = (
      require("node:module") as {
        _extensions: Record<string, (module: { _compile(code: string, file: string): void }, file: string) => void>;
      }
    )._extensions;
    for (const ext of [".ts", ".cts"]) {
      extensions[ext] = (module, file) => {
        if (file.includes("/node_modules/")) return module._compile(readFileSync(file, "utf8"), file);
        module._compile(stripCached(file, readFileSync(file, "utf8"), cacheDir).code, file);
      };
    }
  }
}
