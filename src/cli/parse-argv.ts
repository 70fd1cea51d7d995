// Reads command-line flags with node:util parseArgs against a command's citty definitions (citty renders --help
// from the same ones), strictly: unknown flags and missing values are one-line usage errors (exit 2) naming the
// nearest valid flag; string flags may repeat (all values are kept), camelCase and --no-<flag> are accepted.
import { parseArgs } from "node:util";
import type { ArgsDef } from "citty";
import { GremlinsError } from "../errors.ts";
import { didYouMean } from "../util/nearest.ts";

export class UsageError extends GremlinsError {
  constructor(message: string) {
    super(message, 2);
    this.name = "UsageError";
  }
}

export interface ParsedFlags {
  /** Every value given for each string flag, in order; key = the flag's kebab-case name. */
  strings: Record<string, string[]>;
  booleans: Record<string, boolean>;
  positionals: string[];
}

/** One token of `argv` as parseArgs reads it (its `tokens` output, narrowed to what is used here). */
export type ArgToken =
  | { kind: "option"; index: number; name: string; rawName: string; value?: string; inlineValue?: boolean }
  | { kind: "positional"; index: number; value: string }
  | { kind: "option-terminator"; index: number };

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `--testCommand=x` → `--test-command=x` when the kebab-case name is a flag (else the token is left as typed). */
function kebabFlag(token: string, defs: ArgsDef): string {
  if (!token.startsWith("--")) return token;
  const eq = token.indexOf("=");
  const name = token.slice(2, eq === -1 ? undefined : eq);
  const long = kebab(name);
  return long !== name && long in defs ? `--${long}${eq === -1 ? "" : token.slice(eq)}` : token;
}

/**
 * Splits `argv` into tokens, leniently: unknown flags come back as options (judged by the caller), and a string
 * flag takes the next argument as its value whatever it looks like (checked by `valueOf`).
 */
export function tokenize(argv: readonly string[], defs: ArgsDef): ArgToken[] {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {};
  for (const [flag, def] of Object.entries(defs)) {
    const short = "alias" in def ? [def.alias ?? []].flat().find((alias) => alias.length === 1) : undefined;
    options[flag] = {
      type: def.type === "boolean" ? "boolean" : "string",
      ...(def.type === "boolean" ? {} : { multiple: true }),
      ...(short ? { short } : {}),
    };
  }
  const terminator = argv.indexOf("--");
  const args = argv.map((token, i) => (terminator !== -1 && i > terminator ? token : kebabFlag(token, defs)));
  return parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true }).tokens as ArgToken[];
}

function unknownFlag(rawName: string, defs: ArgsDef): never {
  const valid = Object.keys(defs).map((flag) => `--${flag}`);
  throw new UsageError(`unknown option ${rawName}${didYouMean(rawName, valid)}`);
}

/** The flag an option token names, and whether it is a `--no-` negation; throws the unknown-option UsageError. */
export function flagOf(
  token: Extract<ArgToken, { kind: "option" }>,
  defs: ArgsDef,
): { flag: string; negated: boolean } {
  if (token.name in defs) return { flag: token.name, negated: false };
  const positive = token.name.startsWith("no-") ? token.name.slice(3) : undefined;
  if (positive !== undefined && token.rawName.startsWith("--") && defs[positive]?.type === "boolean")
    return { flag: positive, negated: true };
  return unknownFlag(token.rawName, defs);
}

/** A string flag's value: inline (`--x=v`, may be empty) or the next argument when that is not a flag (negative numbers are values). */
function valueOf(token: Extract<ArgToken, { kind: "option" }>, flag: string, valueHint: string | undefined): string {
  const { value } = token;
  if (
    value !== undefined &&
    (token.inlineValue === true || (value !== "-" && (!value.startsWith("-") || /^-\d/.test(value))))
  )
    return value;
  throw new UsageError(`option --${flag} needs a value${valueHint ? ` <${valueHint}>` : ""}`);
}

/** Parses `argv` for a command whose flags are `defs`. */
export function parseFlags(argv: readonly string[], defs: ArgsDef): ParsedFlags {
  const parsed: ParsedFlags = { strings: {}, booleans: {}, positionals: [] };
  for (const token of tokenize(argv, defs)) {
    if (token.kind === "positional") parsed.positionals.push(token.value);
    if (token.kind !== "option") continue;
    const { flag, negated } = flagOf(token, defs);
    const def = defs[flag];
    if (def?.type === "boolean") {
      if (token.value !== undefined && (negated || !["true", "false"].includes(token.value))) {
        throw new UsageError(`option --${flag} takes no value (got "${token.value}")`);
      }
      parsed.booleans[flag] = !negated && token.value !== "false";
    } else {
      (parsed.strings[flag] ??= []).push(valueOf(token, flag, def?.valueHint));
    }
  }
  return parsed;
}

/** The last value given for a string flag. */
export function lastValue(flags: ParsedFlags, name: string): string | undefined {
  return flags.strings[name]?.at(-1);
}
