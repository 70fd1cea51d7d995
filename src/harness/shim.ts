// Source text of the shim modules the executor writes into the sandbox: each re-exports the
// namespace `globalThis.__gremlins_harness.moduleFor(specifier)` under the framework's names.

import { SHIM_EXPORTS } from "./shim-exports.ts";

export const HARNESS_GLOBAL = "__gremlins_harness";

function exportedNames(specifier: string): readonly string[] {
  const names = Object.hasOwn(SHIM_EXPORTS, specifier) ? SHIM_EXPORTS[specifier] : undefined;
  if (!names) throw new Error(`harness: no shim for "${specifier}"`);
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
