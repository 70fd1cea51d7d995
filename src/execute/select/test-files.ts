// Which test files a runner command would run: from its file arguments and the runner's defaults,
// or, for jest and vitest (whose configs decide), from the runner's own listing (`--listTests`, `list`).

import { existsSync, readFileSync, statSync } from "node:fs";
import { globSync } from "tinyglobby";
import { isAbsolute, join, relative } from "pathe";
import { DEFAULT_GLOBS } from "../../project/suite.ts";
import { shellQuote, type RunnerCommand } from "./runner-command.ts";
import { stripVTControlCharacters } from "node:util";
import { denoTestFiles } from "../../project/deno-test.ts";
import { bntDefaultFiles, isBnt } from "../../project/bnt.ts";
import { OWN_GLOBS } from "../../util/own-paths.ts";
import { readPackageJson } from "../../util/package-json.ts";

const IGNORE = ["**/node_modules/**", "**/.git/**", ...OWN_GLOBS];
const SCRIPT = /\.([mc]?[jt]sx?)$/;
/** uvu's own default pattern (uvu/parse) when a directory is given. */
const UVU_DEFAULT = /(((?:[^/]*(?:\/|$))*)[\\/])?\w+\.([mc]js|[jt]sx?)$/;
const MOCHA_CONFIGS = [
  ".mocharc.js",
  ".mocharc.cjs",
  ".mocharc.json",
  ".mocharc.jsonc",
  ".mocharc.yml",
  ".mocharc.yaml",
];

/** Runs a listing command in the sandbox; resolves to its exit code and output. */
export type ListRun = (command: string) => Promise<{ exitCode: number | null; output: string }>;

function glob(root: string, patterns: string[]): string[] {
  if (patterns.length === 0) return [];
  return globSync(patterns, { cwd: root, ignore: IGNORE, onlyFiles: true, dot: false }).map((f) =>
    f.replace(/^\.\//, ""),
  );
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function sorted(files: Iterable<string>): string[] {
  return [...new Set(files)].filter((f) => SCRIPT.test(f)).sort();
}

/** mocha's config files that may name the spec (CLI files are added to it, not put in its place). */
function mochaConfigSpec(root: string): string | null {
  for (const name of MOCHA_CONFIGS) {
    if (existsSync(join(root, name)) && /\bspec\b/.test(readFileSync(join(root, name), "utf8"))) return name;
  }
  const mocha = readPackageJson(root)?.mocha as { spec?: unknown } | undefined;
  return mocha?.spec !== undefined ? 'package.json "mocha"' : null;
}

function mochaFiles(root: string, command: RunnerCommand): string[] | { reason: string } {
  const config = mochaConfigSpec(root);
  if (config) return { reason: `mocha adds the files named in ${config} to any files given on the command line` };
  const recursive = command.options.includes("--recursive");
  const extensions = ["js", "cjs", "mjs"];
  for (let i = 0; i < command.options.length; i++)
    if (command.options[i] === "--extension") extensions.push((command.options[i + 1] ?? "").replace(/^\./, ""));
  const inDir = (dir: string) => `${dir.replace(/\/$/, "")}/${recursive ? "**/" : ""}*.{${extensions.join(",")}}`;
  const specs = command.specs.length > 0 ? command.specs : ["./test"];
  return sorted(
    glob(
      root,
      specs.map((s) => (isDir(join(root, s)) ? inDir(s) : s)),
    ),
  );
}

function uvuFiles(root: string, command: RunnerCommand): string[] | { reason: string } {
  if (command.specs.length > 2) return { reason: "uvu takes at most a directory and a pattern" };
  const dir = command.specs[0] ?? ".";
  const pattern = command.specs[1] !== undefined ? new RegExp(command.specs[1], "i") : UVU_DEFAULT;
  const ignores = [/^.git/i, /node_modules/i];
  for (let i = 0; i < command.options.length; i++) {
    if (command.options[i] === "-i" || command.options[i] === "--ignore")
      ignores.push(new RegExp(command.options[i + 1] ?? "", "i"));
  }
  const base = join(root, dir);
  const files = globSync(["**/*"], {
    cwd: base,
    onlyFiles: true,
    dot: true,
    ignore: ["**/node_modules/**", "**/.git/**", ...OWN_GLOBS],
  })
    .filter(
      (name) =>
        !ignores.some((re) => name.split("/").some((_, at, parts) => re.test(parts.slice(0, at + 1).join("/")))) &&
        pattern.test(name),
    )
    .map((name) => relative(root, join(base, name)));
  return sorted(files);
}

function nodeTestFiles(root: string, command: RunnerCommand): string[] {
  if (command.specs.length === 0) {
    const program = command.head.find((w) => !/^[A-Za-z_]\w*=/.test(w)) ?? "";
    return sorted(isBnt(program) ? bntDefaultFiles(root) : glob(root, DEFAULT_GLOBS["node-test"]));
  }
  const out: string[] = [];
  for (const spec of command.specs) {
    if (isDir(join(root, spec)))
      out.push(...glob(join(root, spec), DEFAULT_GLOBS["node-test"]).map((f) => relative(root, join(root, spec, f))));
    else out.push(...glob(root, [spec]));
  }
  return sorted(out);
}

/** bun test's arguments are path filters: substrings, or paths when they start with ./ or /. */
function bunFiles(root: string, command: RunnerCommand): string[] {
  const all = glob(root, DEFAULT_GLOBS.bun);
  if (command.specs.length === 0) return sorted(all);
  return sorted(
    all.filter((f) =>
      command.specs.some((s) =>
        s.startsWith("./") ? f === s.slice(2) || f.startsWith(`${s.slice(2).replace(/\/$/, "")}/`) : f.includes(s),
      ),
    ),
  );
}

function denoFiles(root: string, command: RunnerCommand): string[] | { reason: string } {
  const values = command.options.flatMap((o, i) =>
    o.startsWith("--ignore=") ? [o.slice("--ignore=".length)] : o === "--ignore" ? [command.options[i + 1] ?? ""] : [],
  );
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
      return nodeTestFiles(root, command);
    case "tape":
      return command.specs.length > 0 ? sorted(glob(root, command.specs)) : { reason: "tape is given no test files" };
    case "bun":
      return bunFiles(root, command);
    case "deno":
      return denoFiles(root, command);
    case "jest":
    case "vitest":
      return listedByRunner(root, command, run);
  }
}
