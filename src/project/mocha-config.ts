// Reads mocha's configuration the way mocha does: the first of .mocharc.{cjs,js,mjs,yaml,yml,jsonc,json}
// in the project root (or `--config <file>`), and package.json "mocha" (or `--package <file>`).
// YAML and JSONC are read for the flat shapes mocha configs use; anything else is a clear problem.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "pathe";
import { readJsonc } from "../util/jsonc.ts";
import { readPackageJsonFile } from "../util/package-json.ts";

export { readJsonc };

/** mocha's search order (lib/cli/config.cjs CONFIG_FILES). */
export const MOCHA_CONFIG_FILES = [
  ".mocharc.cjs",
  ".mocharc.js",
  ".mocharc.mjs",
  ".mocharc.yaml",
  ".mocharc.yml",
  ".mocharc.jsonc",
  ".mocharc.json",
];

export type ConfigValue = string | number | boolean | string[] | Record<string, unknown>;
export interface MochaConfigSource {
  /** "package.json \"mocha\"" or the rc file's name. */
  origin: string;
  values: Record<string, ConfigValue>;
}

/** A minimal YAML reader for flat mappings: `key: scalar`, `key: [a, b]`, and `key:` followed by `- item` lines. */
export function readFlatYaml(text: string): Record<string, ConfigValue> | string {
  const out: Record<string, ConfigValue> = {};
  let listKey: string | null = null;
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/(^|\s)#.*$/, "").trimEnd();
    if (line.trim() === "" || line.trim() === "---") continue;
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey !== null) {
      (out[listKey] as string[]).push(String(yamlScalar(item[1] as string)));
      continue;
    }
    const pair = /^([A-Za-z0-9_-]+|"[^"]+"|'[^']+')\s*:\s*(.*)$/.exec(line);
    if (!pair) return `line ${n + 1} is not a flat "key: value" YAML line`;
    const key = (pair[1] as string).replace(/^["']|["']$/g, "");
    const value = pair[2] as string;
    if (value === "") {
      out[key] = [];
      listKey = key;
      continue;
    }
    listKey = null;
    if (value.startsWith("[")) {
      if (!value.endsWith("]")) return `line ${n + 1}: a list must close on the same line`;
      out[key] = value
        .slice(1, -1)
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "")
        .map((s) => String(yamlScalar(s)));
      continue;
    }
    if (
      value.startsWith("{") ||
      value.startsWith("|") ||
      value.startsWith(">") ||
      value.startsWith("&") ||
      value.startsWith("*")
    )
      return `line ${n + 1} uses YAML syntax gremlins does not read`;
    out[key] = yamlScalar(value);
  }
  return out;
}

function yamlScalar(text: string): string | number | boolean {
  const t = text.trim();
  if (/^".*"$/.test(t)) return JSON.parse(t) as string;
  if (/^'.*'$/.test(t)) return t.slice(1, -1).replace(/''/g, "'");
  if (t === "true" || t === "false") return t === "true";
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

function asConfig(value: unknown, origin: string): MochaConfigSource | string {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return `${origin} does not hold an object of mocha options`;
  return { origin, values: value as Record<string, ConfigValue> };
}

/** Loads one rc file (absolute path); a problem string when it cannot be read. */
export function loadMochaRc(file: string, name: string): MochaConfigSource | string {
  try {
    if (/\.ya?ml$/.test(file)) {
      const values = readFlatYaml(readFileSync(file, "utf8"));
      return typeof values === "string" ? `${name}: ${values}` : { origin: name, values };
    }
    if (/\.(c|m)?js$/.test(file)) {
      // mocha require()s its JS config too; an ES module config needs a runtime that can require() ESM.
      const loaded = createRequire(file)(file) as { default?: unknown };
      return asConfig(loaded && typeof loaded === "object" && "default" in loaded ? loaded.default : loaded, name);
    }
    return asConfig(readJsonc(readFileSync(file, "utf8")), name);
  } catch (error) {
    return `${name} could not be read (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
  }
}

/**
 * The config sources mocha would merge, highest priority first: the rc file, then package.json "mocha".
 * `config` / `pkg`: the --config / --package values (false for --no-config / --no-package).
 */
export function mochaConfigSources(
  root: string,
  config: string | false | undefined,
  pkg: string | false | undefined,
): MochaConfigSource[] | string {
  const sources: MochaConfigSource[] = [];
  if (config !== false) {
    const name = config ?? MOCHA_CONFIG_FILES.find((n) => existsSync(join(root, n)));
    if (name !== undefined) {
      if (!existsSync(join(root, name))) return `the mocha config file ${name} does not exist`;
      const rc = loadMochaRc(join(root, name), name);
      if (typeof rc === "string") return rc;
      sources.push(rc);
    }
  }
  if (pkg !== false) {
    const name = pkg ?? "package.json";
    const read = readPackageJsonFile(join(root, name));
    if ("error" in read) return `${name} could not be parsed (${read.error})`;
    if ("json" in read) {
      const parsed = read.json;
      if (parsed.mocha !== undefined) {
        const source = asConfig(parsed.mocha, `${name} "mocha"`);
        if (typeof source === "string") return source;
        sources.push(source);
      }
    }
  }
  return sources;
}

/** A config key as the CLI option it stands for: "checkLeaks" / "check-leaks" → "--check-leaks", "_" → positional. */
export function configKeyToOption(key: string): string {
  if (key === "_" || key === "spec") return key;
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Config values as CLI words (lists repeat the option, `--x=value` form; false → `--no-x`), spec entries apart. */
export function configToArgs(values: Record<string, ConfigValue>): { args: string[]; spec: string[] } | string {
  const args: string[] = [];
  const spec: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const option = configKeyToOption(key);
    if (option === "_" || option === "spec") {
      spec.push(...(Array.isArray(value) ? value.map(String) : [String(value)]));
      continue;
    }
    if (option === "--reporter-option" || option === "--reporter-options") continue;
    if (typeof value === "boolean") args.push(value ? option : `--no-${option.slice(2)}`);
    else if (Array.isArray(value)) for (const v of value) args.push(`${option}=${String(v)}`);
    else if (typeof value === "object" && value !== null)
      return `mocha option "${key}" has an object value gremlins does not read`;
    else args.push(`${option}=${String(value)}`);
  }
  return { args, spec };
}
