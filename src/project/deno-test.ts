// `deno test`'s command line and config: which files it runs (its default pattern, directories, --ignore,
// deno.json "exclude"), which options the thread executor honours, and the exact permissions gremlins adds
// to a `deno test` that does not grant everything (the runtime helper reads GREMLINS_* and writes its state dir).

import { readFileSync, statSync } from "node:fs";
import { basename, join } from "pathe";
import { globFiles, normalise } from "./files.ts";
import { optionReason, parseArgs, type OptionSpec } from "./options.ts";
import type { RunnerRead } from "./types.ts";
import { STATE_DIR } from "../util/own-paths.ts";
import { readJsonc } from "../util/jsonc.ts";
import { denoConfigFile } from "./markers.ts";

/** deno test's default test-file pattern: `{*_,*.,}test.{ts,tsx,mts,js,mjs,jsx}` (Deno's testing docs). */
export const DENO_TEST_GLOB = "**/{*_,*.,}test.{ts,tsx,mts,js,mjs,jsx}";

/** Switches that grant every permission; without one of them the thread workers would get more than the tests. */
const ALL_PERMISSIONS = ["--allow-all", "-A"];

export const DENO_TEST_OPTIONS: OptionSpec[] = [
  { names: ["--allow-all", "-A"], effect: "honoured", what: "the workers run with every permission, as the tests do" },
  { names: ["--no-check"], effect: "harmless", what: "no type check; the workers never type-check" },
  {
    names: ["--parallel"],
    effect: "harmless",
    what: "files in parallel processes; each file's tests still run in order",
  },
  { names: ["--trace-leaks"], effect: "harmless", what: "more detail in sanitizer failures (output only)" },
  { names: ["--trace-ops"], effect: "harmless", what: "more detail in sanitizer failures (output only)" },
  {
    names: ["--coverage"],
    value: true,
    equalsOnly: true,
    effect: "harmless",
    what: "writes a coverage profile (output only)",
  },
  { names: ["--clean"], effect: "harmless", what: "empties the coverage directory (output only)" },
  {
    names: ["--fail-fast"],
    value: true,
    equalsOnly: true,
    effect: "harmless",
    what: "stops at the first failure: the baseline has none",
  },
  { names: ["--reporter"], value: true, effect: "harmless", what: "output only" },
  { names: ["--junit-path"], value: true, effect: "harmless", what: "output only" },
  { names: ["--quiet", "-q"], effect: "harmless", what: "output only" },
  { names: ["--hide-stacktraces"], effect: "harmless", what: "output only" },
  { names: ["--permit-no-files"], effect: "harmless", what: "the baseline has files" },
  { names: ["--lock"], value: true, effect: "harmless", what: "lockfile checks; the host uses the project's lockfile" },
  { names: ["--frozen"], effect: "harmless", what: "lockfile checks" },
  { names: ["--no-lock"], effect: "harmless", what: "lockfile checks" },
  { names: ["--cached-only"], effect: "harmless", what: "downloads" },
  { names: ["--no-remote"], effect: "harmless", what: "downloads" },
  { names: ["--ignore"], value: true, equalsOnly: true, effect: "honoured", what: "files left out" },
  { names: ["--doc"], effect: "unsupported", what: "runs code blocks of JSDoc and Markdown" },
  { names: ["--filter"], effect: "unsupported", what: "test name filter" },
  { names: ["--shuffle"], effect: "unsupported", what: "test order" },
  { names: ["--config", "-c"], value: true, effect: "unsupported", what: "another config file" },
  { names: ["--no-config"], effect: "unsupported", what: "no config file" },
  { names: ["--import-map"], value: true, effect: "unsupported", what: "another import map" },
  { names: ["--env-file"], value: true, equalsOnly: true, effect: "unsupported", what: "environment file" },
];

interface DenoConfig {
  test?: unknown;
  exclude?: unknown;
}

/** The project's deno.json(c), parsed leniently (comments and trailing commas dropped); null when absent or unreadable. */
export function readDenoConfig(root: string): { name: string; config: DenoConfig } | null {
  const file = denoConfigFile(root);
  if (file === null) return null;
  const name = basename(file);
  try {
    return { name, config: readJsonc(readFileSync(file, "utf8")) as DenoConfig };
  } catch {
    return { name, config: { test: "unreadable" } };
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The files `deno test <specs>` runs in `root` (project-relative, sorted), or why they cannot be known. */
export function denoTestFiles(
  root: string,
  specs: readonly string[],
  ignore: readonly string[] = [],
): string[] | { reason: string } {
  const found = readDenoConfig(root);
  if (found && found.config.test !== undefined)
    return { reason: `${found.name} sets which files deno test runs ("test")` };
  const excluded = [
    ...(Array.isArray(found?.config.exclude)
      ? (found.config.exclude as unknown[]).filter((e): e is string => typeof e === "string")
      : []),
    ...ignore,
  ].map(normalise);
  const ignored = excluded.flatMap((p) => [p, `${p}/**`]);
  const patterns =
    specs.length === 0
      ? [DENO_TEST_GLOB]
      : specs.map((s) =>
          isDir(join(root, s)) ? `${normalise(s) === "." ? "" : `${normalise(s)}/`}${DENO_TEST_GLOB}` : normalise(s),
        );
  return globFiles(root, patterns, { ignore: ignored });
}

/** What the thread executor needs from `deno test <args>`: its test files, or why it cannot honour the command. */
export function readDenoTest(root: string, command: string, args: readonly string[]): RunnerRead {
  if (!args.some((a) => ALL_PERMISSIONS.includes(a))) {
    const granted = args.filter((a) => /^-(?:-allow-|-deny-|[RWENSP](?:=|$))/.test(a));
    return {
      reason: `"${command}" runs the tests with ${granted.length > 0 ? `only ${granted.join(" ")}` : "no permissions"}; thread workers would run them with every permission gremlins has (deno test -A is needed for threads)`,
    };
  }
  const parsed = parseArgs(args, DENO_TEST_OPTIONS, { valueMayBeFlag: false });
  if ("problem" in parsed) return { reason: optionReason(command, "deno test", parsed.problem) };
  const ignore = (parsed.values.get("--ignore") ?? [])
    .flatMap((v) => v.split(","))
    .filter((v) => v !== "" && v !== "true");
  const files = denoTestFiles(root, parsed.positional, ignore);
  if ("reason" in files) return files;
  return {
    files,
    notes: [...parsed.notes, "Deno.test suites run in workers of a deno process with the project's deno.json"],
  };
}

/** The state files' variables the runtime helper reads (src/instrument/runtime.ts). */
export const HELPER_ENV = ["GREMLINS_ACTIVE", "GREMLINS_DIR", "GREMLINS_HIT_LIMIT"];

/**
 * Flags gremlins adds after `deno test` so the runtime helper works without the user widening anything:
 * read access to its three variables and write access to gremlins' own directory (coverage and hit-limit
 * files). None when the command grants every permission already.
 */
export function denoHelperGrants(root: string, args: readonly string[]): string[] {
  if (args.some((a) => ALL_PERMISSIONS.includes(a))) return [];
  const env = args.some((a) => a === "--allow-env" || a === "-E") ? [] : [`--allow-env=${HELPER_ENV.join(",")}`];
  const write = args.some((a) => a === "--allow-write" || a === "-W") ? [] : [`--allow-write=${join(root, STATE_DIR)}`];
  return [...env, ...write];
}
