// Checks one layer of user configuration (a config file, package.json "gremlins", or CLI flags) and
// normalises it; every problem becomes one ConfigError line naming the key, the value and what is allowed.
import { ConfigError } from "../errors.ts";
import type { ExecutorName, ReporterName, Thresholds, UserConfig } from "../types.ts";
import { didYouMean } from "../util/nearest.ts";
import { parseVerifySpec } from "./verify-spec.ts";
import { CONFIG_KEYS, EXECUTOR_NAMES, REPORTER_NAMES } from "./defaults.ts";

/** How a layer names itself and its keys in messages: `gremlins.config.ts: workers …` or `--workers …`. */
export interface Origin {
  /** Prefix before the key, e.g. "gremlins.config.ts: " (empty for CLI flags). */
  prefix: string;
  /** How a (dotted) key is spelled for the user, e.g. "thresholds.high" or "--threshold-high". */
  name(key: string): string;
}

export const fileOrigin = (label: string): Origin => ({ prefix: `${label}: `, name: (key) => key });

/** A value as the user wrote it, for "(got …)". */
export function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? text.slice(0, 57) + "..." : text;
}

function fail(origin: Origin, key: string, allowed: string, value: unknown): never {
  throw new ConfigError(`${origin.prefix}${origin.name(key)} must be ${allowed} (got ${show(value)})`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkKeys(object: Record<string, unknown>, allowed: readonly string[], origin: Origin, parent?: string): void {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue;
    const dotted = parent ? `${parent}.${key}` : key;
    const valid = allowed.map((k) => (parent ? `${parent}.${k}` : k));
    throw new ConfigError(
      `${origin.prefix}unknown key "${dotted}"${didYouMean(dotted, valid)}; valid keys: ${valid.join(", ")}`,
    );
  }
}

function stringList(value: unknown, origin: Origin, key: string, allowed: string): string[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== "string" || item.trim() === ""))
    fail(origin, key, allowed, value);
  return list as string[];
}

function workers(value: unknown, origin: Origin): UserConfig["workers"] {
  const allowed = 'a positive integer, "auto" or a percentage like "50%"';
  if (typeof value === "number") {
    if (Number.isInteger(value) && value > 0) return value;
    fail(origin, "workers", allowed, value);
  }
  if (value === "auto") return "auto";
  if (typeof value === "string") {
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
    if (percent && Number(percent[1]) > 0 && Number(percent[1]) <= 100) return value;
  }
  fail(origin, "workers", allowed, value);
}

function percentage(value: unknown, origin: Origin, key: string, nullable: boolean): number | null {
  if (nullable && value === null) return null;
  if (typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 100) return value;
  fail(origin, key, `a number from 0 to 100${nullable ? " or null" : ""}`, value);
}

function thresholds(value: unknown, origin: Origin): Partial<Thresholds> {
  if (!isPlainObject(value)) fail(origin, "thresholds", "an object like { high: 80, low: 60, break: null }", value);
  checkKeys(value, ["high", "low", "break"], origin, "thresholds");
  const out: Partial<Thresholds> = {};
  if (value.high !== undefined) out.high = percentage(value.high, origin, "thresholds.high", false)!;
  if (value.low !== undefined) out.low = percentage(value.low, origin, "thresholds.low", false)!;
  if (value.break !== undefined) out.break = percentage(value.break, origin, "thresholds.break", true);
  return out;
}

function operators(value: unknown, origin: Origin): { include?: string[]; exclude?: string[] } {
  if (!isPlainObject(value)) fail(origin, "operators", "an object like { include: [...], exclude: [...] }", value);
  checkKeys(value, ["include", "exclude"], origin, "operators");
  const out: { include?: string[]; exclude?: string[] } = {};
  for (const key of ["include", "exclude"] as const) {
    if (value[key] !== undefined)
      out[key] = stringList(value[key], origin, `operators.${key}`, "a list of operator names");
  }
  return out;
}

function oneOf<T extends string>(value: unknown, names: readonly T[], origin: Origin, key: string): T {
  if (typeof value === "string" && (names as readonly string[]).includes(value)) return value as T;
  const hint = typeof value === "string" ? didYouMean(value, names) : "";
  throw new ConfigError(
    `${origin.prefix}${origin.name(key)} must be one of ${names.join(", ")} (got ${show(value)})${hint}`,
  );
}

/** Validates one configuration layer; returns only the keys it sets, normalised. */
export function validateUserConfig(raw: unknown, origin: Origin): UserConfig {
  if (!isPlainObject(raw))
    throw new ConfigError(`${origin.prefix}the configuration must be an object (got ${show(raw)})`);
  checkKeys(raw, CONFIG_KEYS, origin);
  const out: UserConfig = {};
  const positive = (key: "timeoutMs" | "timeoutFactor", allowed: string): number => {
    const value = raw[key];
    if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
    fail(origin, key, allowed, value);
  };
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    switch (key) {
      case "mutate":
        out.mutate = stringList(
          value,
          origin,
          key,
          'a list of glob patterns like "src/**/*.ts" (prefix "!" to exclude)',
        );
        break;
      case "testCommand":
        if (value !== null && (typeof value !== "string" || value.trim() === ""))
          fail(origin, key, "a non-empty command string or null", value);
        out.testCommand = value as string | null;
        break;
      case "workers":
        out.workers = workers(value, origin);
        break;
      case "timeoutMs":
        out.timeoutMs = positive("timeoutMs", "a positive number of milliseconds");
        break;
      case "timeoutFactor":
        out.timeoutFactor = positive("timeoutFactor", "a positive number");
        break;
      case "thresholds":
        out.thresholds = thresholds(value, origin);
        break;
      case "reporters": {
        const list = typeof value === "string" ? [value] : value;
        if (!Array.isArray(list)) fail(origin, key, `a list of reporter names (${REPORTER_NAMES.join(", ")})`, value);
        out.reporters = list.map((name) => oneOf<ReporterName>(name, REPORTER_NAMES, origin, key));
        break;
      }
      case "reportDir":
        if (typeof value !== "string" || value.trim() === "") fail(origin, key, "a non-empty directory path", value);
        out.reportDir = value;
        break;
      case "operators":
        out.operators = operators(value, origin);
        break;
      case "executor":
        out.executor = oneOf<ExecutorName>(value, EXECUTOR_NAMES, origin, key);
        break;
      case "cacheDir":
        if (typeof value !== "string" || value.trim() === "") fail(origin, key, "a non-empty directory path", value);
        out.cacheDir = value;
        break;
      case "baselineRuns":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 10)
          fail(origin, key, "an integer from 1 to 10", value);
        out.baselineRuns = value;
        break;
      case "verify": {
        const text = typeof value === "number" ? String(value) : value;
        if (typeof text !== "string" || parseVerifySpec(text) === null)
          fail(origin, key, 'a count ("20"), a share ("5%", up to "100%"), "0" (off) or "default"', value);
        out.verify = (text as string).trim();
        break;
      }
    }
  }
  return out;
}
