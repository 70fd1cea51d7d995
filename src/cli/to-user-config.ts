// Turns parsed CLI flags into the highest configuration layer (a UserConfig); validation happens in src/config,
// which names the flag in its messages.
import type { UserConfig } from "../types.ts";
import { lastValue, type ParsedFlags } from "./parse-argv.ts";

/** Splits on commas outside `{…}`, so `src/**\/*.{ts,tsx}` stays one glob. */
export function splitList(value: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of value) {
    if (char === "{") depth++;
    if (char === "}") depth = Math.max(0, depth - 1);
    if (char === "," && depth === 0) {
      items.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== "");
}

/** A number when the text is one, else the text itself (so the validator can quote it). */
function numeric(text: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
}

/** The configuration set by flags; keys without a flag are absent. */
export function userConfigFromFlags(flags: ParsedFlags): UserConfig {
  const config: UserConfig = {};
  const mutate = flags.strings["mutate"];
  if (mutate) config.mutate = mutate.flatMap(splitList);
  const text = (name: string): string | undefined => lastValue(flags, name);
  // Values that fail validation are passed through as-is; `as never` lets the validator report them.
  const testCommand = text("test-command");
  if (testCommand !== undefined) config.testCommand = testCommand;
  const workers = text("workers");
  if (workers !== undefined) config.workers = numeric(workers);
  const timeoutMs = text("timeout-ms");
  if (timeoutMs !== undefined) config.timeoutMs = numeric(timeoutMs) as never;
  const timeoutFactor = text("timeout-factor");
  if (timeoutFactor !== undefined) config.timeoutFactor = numeric(timeoutFactor) as never;
  const thresholds: Record<string, unknown> = {};
  for (const key of ["high", "low", "break"] as const) {
    const value = text(`threshold-${key}`);
    if (value === undefined) continue;
    thresholds[key] = key === "break" && /^(none|null|off)$/i.test(value) ? null : numeric(value);
  }
  if (Object.keys(thresholds).length > 0) config.thresholds = thresholds as never;
  const reporters = text("reporters");
  if (reporters !== undefined) config.reporters = splitList(reporters) as never;
  const reportDir = text("report-dir");
  if (reportDir !== undefined) config.reportDir = reportDir;
  const cacheDir = text("cache-dir");
  if (cacheDir !== undefined) config.cacheDir = cacheDir;
  const baselineRuns = text("baseline-runs");
  if (baselineRuns !== undefined) config.baselineRuns = numeric(baselineRuns) as never;
  const include = text("operators");
  const exclude = text("exclude-operators");
  if (include !== undefined || exclude !== undefined) {
    config.operators = {};
    if (include !== undefined) config.operators.include = splitList(include);
    if (exclude !== undefined) config.operators.exclude = splitList(exclude);
  }
  const executor = text("executor");
  if (executor !== undefined) config.executor = executor as never;
  const verify = text("verify");
  if (verify !== undefined) config.verify = verify;
  return config;
}
