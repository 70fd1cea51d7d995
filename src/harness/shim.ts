// Source text of the shim modules the executor writes into the sandbox: each re-exports the
// namespace `globalThis.__gremlins_harness.moduleFor(specifier)` under the framework's names.

import { createHarness } from "./index.ts";

export const HARNESS_GLOBAL = "__gremlins_harness";

const namesCache = new Map<string, string[]>();

function exportedNames(specifier: string): string[] {
  let names = namesCache.get(specifier);
  if (!names) {
    const ns = createHarness().moduleFor(specifier);
    if (!ns) throw new Error(`harness: no shim for "${specifier}"`);
    names = Object.keys(ns);
    namesCache.set(specifier, names);
  }
  return names;
}

/** ESM (default) or CommonJS source of the shim for `specifier`. */
export function shimSource(specifier: string, format: "esm" | "cjs" = "esm"): string {
  const names = exportedNames(specifier);
  const head = `// gremlins: stands in for "${specifier}" (generated)\nconst m = globalThis.${HARNESS_GLOBAL}.moduleFor(${JSON.stringify(specifier)});\n`;
  if (format === "cjs") {
    return `${head}module.exports = m.default ? Object.assign(m.default, m) : m;\n`;
  }
  const named = names.filter((n) => n !== "default");
  const lines = named.map((n) => `export const ${n} = m.${n};`);
  if (names.includes("default")) lines.push("export default m.default;");
  return `${head}${lines.join("\n")}\n`;
}
