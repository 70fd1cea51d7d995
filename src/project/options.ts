// A runner's command-line options as a table: each option is honoured, known harmless, or sends the
// suite to the spawn executor with its reason. One small parser reads any runner's arguments with it.

export type Effect = "honoured" | "harmless" | "unsupported";

export interface OptionSpec {
  /** Long name first, then aliases: ["--require", "-r"]. */
  names: string[];
  /** Takes a value (`--timeout 5000` or `--timeout=5000`). */
  value?: boolean;
  /** The value is optional and only written with `=` (deno's `--coverage[=DIR]`): the next word is never taken. */
  equalsOnly?: boolean;
  effect: Effect;
  /** What gremlins does with it (README table, --verbose notes). */
  what: string;
}

export interface ParsedArgs {
  /** Canonical name (first of `names`) → values in order (switches get "true", `--no-x` gets "false"). */
  values: Map<string, string[]>;
  positional: string[];
  /** Notes for --verbose: "honoured --require", "ignored --reporter (output only)". */
  notes: string[];
}

/** Parses `args` with `table`; an unknown or unsupported option gives its name as `problem`. */
export function parseArgs(
  args: readonly string[],
  table: readonly OptionSpec[],
  options: { negatable?: boolean; valueMayBeFlag?: boolean } = {},
): ParsedArgs | { problem: string } {
  const byName = new Map<string, OptionSpec>();
  for (const spec of table) for (const name of spec.names) byName.set(name, spec);
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  const notes: string[] = [];
  const noted = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    let name = eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : undefined;
    let spec = byName.get(name);
    if (!spec && options.negatable && name.startsWith("--no-")) {
      spec = byName.get(`--${name.slice(5)}`);
      if (spec) {
        name = `--${name.slice(5)}`;
        value = "false";
      }
    }
    // Bundled short switches (`-bc`) are read one by one when every letter is a known switch.
    if (!spec && /^-[A-Za-z]{2,}$/.test(arg)) {
      const letters = [...arg.slice(1)].map((c) => byName.get(`-${c}`));
      if (letters.every((s) => s && !s.value)) {
        for (const s of letters as OptionSpec[]) {
          const list = values.get(s.names[0] as string) ?? [];
          list.push("true");
          values.set(s.names[0] as string, list);
        }
        continue;
      }
    }
    if (!spec) return { problem: name };
    if (spec.effect === "unsupported") return { problem: name };
    if (spec.value && value === undefined && !spec.equalsOnly) {
      const next = args[i + 1];
      if (next !== undefined && (options.valueMayBeFlag || !next.startsWith("-") || /^-\d/.test(next))) {
        value = next;
        i++;
      } else {
        value = "true";
      }
    }
    const canonical = spec.names[0] as string;
    const list = values.get(canonical) ?? [];
    list.push(value ?? "true");
    values.set(canonical, list);
    if (!noted.has(canonical)) {
      noted.add(canonical);
      notes.push(`${spec.effect === "honoured" ? "honoured" : "ignored"} ${canonical} (${spec.what})`);
    }
  }
  return { values, positional, notes };
}

/** The last value of an option, or undefined. */
export function last(parsed: ParsedArgs, name: string): string | undefined {
  const list = parsed.values.get(name);
  return list?.[list.length - 1];
}

/** Every value of an option, comma-separated lists split when `split`. */
export function all(parsed: ParsedArgs, name: string, split = false): string[] {
  const list = parsed.values.get(name) ?? [];
  return split ? list.flatMap((v) => v.split(",")).filter((v) => v !== "") : list;
}

/** The fallback reason for an option the harness does not honour. */
export function optionReason(command: string, runner: string, option: string): string {
  return `"${command}": ${runner} option ${option} is not supported by the built-in harness`;
}

/** Parses "2000", "2s", "1.5s", "100ms" as milliseconds (mocha's format); null when it is none of those. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === "s" ? n * 1000 : m[2] === "m" ? n * 60_000 : n;
}
