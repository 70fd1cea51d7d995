// Parses command-line flags against a command's citty definitions, strictly: unknown flags and missing values
// are one-line usage errors (exit 2) with the nearest valid flag; string flags may repeat (all values are kept).
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

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Looks a flag up by its long name (kebab or camelCase) or a short alias. */
function findFlag(defs: ArgsDef, name: string, short: boolean): string | undefined {
  for (const [flag, def] of Object.entries(defs)) {
    const aliases = "alias" in def ? [def.alias ?? []].flat() : [];
    if (short ? aliases.includes(name) : flag === kebab(name)) return flag;
  }
  return undefined;
}

function unknownFlag(token: string, defs: ArgsDef): never {
  const valid = Object.keys(defs).map((flag) => `--${flag}`);
  const name = token.split("=")[0]!;
  throw new UsageError(`unknown option ${name}${didYouMean(name, valid)}`);
}

/** A token that is a value, not a flag (negative numbers count as values). */
const isValue = (token: string | undefined): token is string => token !== undefined && (!token.startsWith("-") || /^-\d/.test(token));

/** Throws the unknown-option UsageError when `token` (e.g. `--wokers=2`, `-q`) names no flag of `defs`. */
export function assertKnownFlag(token: string, defs: ArgsDef): void {
  const isLong = token.startsWith("--");
  const name = token.slice(isLong ? 2 : 1).split("=")[0]!;
  if (findFlag(defs, name, !isLong)) return;
  if (isLong && name.startsWith("no-") && findFlag(defs, name.slice(3), false)) return;
  unknownFlag(token, defs);
}

/** Parses `argv` for a command whose flags are `defs`. */
export function parseFlags(argv: string[], defs: ArgsDef): ParsedFlags {
  const parsed: ParsedFlags = { strings: {}, booleans: {}, positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith("-") || token === "-") {
      parsed.positionals.push(token);
      continue;
    }
    const isLong = token.startsWith("--");
    const body = token.slice(isLong ? 2 : 1);
    const eq = body.indexOf("=");
    const rawName = eq === -1 ? body : body.slice(0, eq);
    const inline = eq === -1 ? undefined : body.slice(eq + 1);
    let flag = findFlag(defs, rawName, !isLong);
    let negated = false;
    if (!flag && isLong && rawName.startsWith("no-")) {
      flag = findFlag(defs, rawName.slice(3), false);
      negated = flag !== undefined && defs[flag]!.type === "boolean";
      if (!negated) flag = undefined;
    }
    if (!flag) unknownFlag(token, defs);
    const def = defs[flag]!;
    if (def.type === "boolean") {
      if (inline !== undefined && !["true", "false"].includes(inline)) {
        throw new UsageError(`option --${flag} takes no value (got "${inline}")`);
      }
      parsed.booleans[flag] = negated ? false : inline !== "false";
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (!isValue(next)) throw new UsageError(`option --${flag} needs a value${def.valueHint ? ` <${def.valueHint}>` : ""}`);
      value = next;
      i++;
    }
    (parsed.strings[flag] ??= []).push(value);
  }
  return parsed;
}

/** The last value given for a string flag. */
export function lastValue(flags: ParsedFlags, name: string): string | undefined {
  return flags.strings[name]?.at(-1);
}
