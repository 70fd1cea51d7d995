// Which test files a runner command would run, for the spawn executor's per-file selection: the project
// model's own reading of each runner's files (src/project, the same the thread executor loads), or, for jest,
// vitest and ava (whose configs decide), the runner's own listing (`--listTests`, `list`, ava's globs).

import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "pathe";
import { shellQuote, type RunnerCommand } from "./runner-command.ts";
import { stripVTControlCharacters } from "node:util";
import { denoTestFiles } from "../../project/deno-test.ts";
import { bntDefaultFiles, isBnt } from "../../project/bnt.ts";
import { bunTestFiles, bunTestRoot } from "../../project/bun-test.ts";
import { mochaSpecFiles } from "../../project/mocha.ts";
import { MOCHA_CONFIG_FILES } from "../../project/mocha-config.ts";
import { nodeTestFiles } from "../../project/node-test.ts";
import { tapeFiles } from "../../project/tape.ts";
import { uvuFiles as uvuTestFiles } from "../../project/uvu.ts";
import { readPackageJson } from "../../util/package-json.ts";
import { AVA_LISTING_SOURCE, readAvaListing } from "../../project/ava.ts";

const SCRIPT = /\.([mc]?[jt]sx?)$/;

/** Runs a listing command in the sandbox; resolves to its exit code and output. */
export type ListRun = (command: string) => Promise<{ exitCode: number | null; output: string }>;

function sorted(files: Iterable<string>): string[] {
  return [...new Set(files)].filter((f) => SCRIPT.test(f)).sort();
}

/** The values of an option in a split command's options (`--x v` or `--x=v`), comma lists split when `split`. */
function optionValues(options: readonly string[], names: readonly string[], split = false): string[] {
  const values: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const word = options[i] as string;
    const eq = word.indexOf("=");
    if (eq > 0 && names.includes(word.slice(0, eq))) values.push(word.slice(eq + 1));
    else if (names.includes(word) && options[i + 1] !== undefined) values.push(options[++i] as string);
  }
  return split ? values.flatMap((v) => v.split(",")).filter((v) => v !== "") : values;
}

/** The runner's own reading of its files (src/project), as a listing: sorted scripts, or the reason. */
function listed(files: string[] | string): string[] | { reason: string } {
  return typeof files === "string" ? { reason: files } : sorted(files);
}

/** mocha's config files that may name the spec (CLI files are added to it, not put in its place). */
function mochaConfigSpec(root: string): string | null {
  for (const name of MOCHA_CONFIG_FILES) {
    if (existsSync(join(root, name)) && /\bspec\b/.test(readFileSync(join(root, name), "utf8"))) return name;
  }
  const mocha = readPackageJson(root)?.mocha as { spec?: unknown } | undefined;
  return mocha?.spec !== undefined ? 'package.json "mocha"' : null;
}

function mochaFiles(root: string, command: RunnerCommand): string[] | { reason: string } {
  const config = mochaConfigSpec(root);
  if (config) return { reason: `mocha adds the files named in ${config} to any files given on the command line` };
  return listed(
    mochaSpecFiles(root, command.specs, {
      extensions: optionValues(command.options, ["--extension"], true),
      recursive: command.options.includes("--recursive"),
      ignore: optionValues(command.options, ["--ignore", "--exclude"]),
    }),
  );
}

function uvuFiles(root: string, command: RunnerCommand): string[] | { reason: string } {
  if (command.specs.length > 2) return { reason: "uvu takes at most a directory and a pattern" };
  const [dir, pattern] = command.specs;
  return listed(uvuTestFiles(root, { dir, pattern, ignore: optionValues(command.options, ["-i", "--ignore"]) }));
}

function nodeFiles(root: string, command: RunnerCommand): string[] | { reason: string } {
  const program = command.head.find((w) => !/^[A-Za-z_]\w*=/.test(w)) ?? "";
  if (command.specs.length === 0 && isBnt(program)) return sorted(bntDefaultFiles(root));
  return listed(nodeTestFiles(root, command.specs));
}

function denoFiles(root: string, command: RunnerCommand): string[] | { reason: string } {
  // deno takes --ignore's value only as --ignore=a,b (a word after a bare --ignore is a test path).
  const values = command.options.flatMap((o) => (o.startsWith("--ignore=") ? [o.slice("--ignore=".length)] : []));
  const ignore = values.flatMap((v) => v.split(","));
  return denoTestFiles(root, command.specs, ignore);
}

/** Paths printed one per line (absolute or relative to `root`), as project-relative paths. */
function listedPaths(root: string, output: string): string[] {
  const out: string[] = [];
  for (const line of stripVTControlCharacters(output).split(/\r?\n/)) {
    const path = line.trim();
    if (!SCRIPT.test(path) || /\s/.test(path)) continue;
    const full = isAbsolute(path) ? path : join(root, path);
    if (existsSync(full)) out.push(relative(root, full));
  }
  return out;
}

async function listedByRunner(
  root: string,
  command: RunnerCommand,
  run: ListRun,
): Promise<string[] | { reason: string }> {
  const words =
    command.runner === "jest"
      ? [...command.head, ...command.options, "--listTests", ...command.specs]
      : [...command.head.slice(0, -1), "list", "--filesOnly", ...command.options, ...command.specs];
  if (command.runner === "vitest" && command.head.at(-1) !== "run") return { reason: "vitest without run" };
  const listing = words.map(shellQuote).join(" ");
  const result = await run(listing);
  if (result.exitCode !== 0) return { reason: `"${listing}" failed (exit code ${result.exitCode})` };
  return sorted(listedPaths(root, result.output));
}

/** ava's own config loader and globs, run by the project's node in the sandbox, say which files it runs. */
async function avaFiles(root: string, command: RunnerCommand, run: ListRun): Promise<string[] | { reason: string }> {
  const env = command.head.filter((w) => /^[A-Za-z_]\w*=/.test(w));
  const at = command.options.findIndex((o) => o === "--config" || o.startsWith("--config="));
  const config =
    at < 0 ? "" : command.options[at]?.includes("=") ? command.options[at]!.slice(9) : (command.options[at + 1] ?? "");
  const words = [
    ...env,
    "node",
    "--input-type=module",
    "-e",
    AVA_LISTING_SOURCE,
    JSON.stringify([config, ...command.specs]),
  ];
  const result = await run(words.map(shellQuote).join(" "));
  const listing = readAvaListing(stripVTControlCharacters(result.output));
  if (result.exitCode !== 0 || !listing) {
    const last = stripVTControlCharacters(result.output).trim().split("\n").at(-1) ?? "";
    return {
      reason: `ava's test files could not be listed (exit code ${result.exitCode}${last ? `: ${last.slice(0, 200)}` : ""})`,
    };
  }
  if (listing.typescript)
    return { reason: "ava's typescript provider maps the test files: gremlins does not list them" };
  return sorted(listing.files.filter((f) => existsSync(join(root, f))));
}

/** The project-relative test files `command` runs in `root`, or why they cannot be known. */
export async function listTestFiles(
  root: string,
  command: RunnerCommand,
  run: ListRun,
): Promise<string[] | { reason: string }> {
  switch (command.runner) {
    case "mocha":
      return mochaFiles(root, command);
    case "uvu":
      return uvuFiles(root, command);
    case "node-test":
      return nodeFiles(root, command);
    case "tape":
      return command.specs.length > 0
        ? listed(tapeFiles(root, command.specs))
        : { reason: "tape is given no test files" };
    case "bun":
      return sorted(bunTestFiles(root, bunTestRoot(root), command.specs));
    case "deno":
      return denoFiles(root, command);
    case "jest":
    case "vitest":
      return listedByRunner(root, command, run);
    case "ava":
      return avaFiles(root, command, run);
  }
}
