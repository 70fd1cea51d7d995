// uvu's command line (`uvu [dir] [pattern] -r -i -b -c -C`) and the files its CLI would load: the same
// default patterns and ignores as uvu 0.5's parse(), matched against paths relative to `dir`.

import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "pathe";
import { isEsmPackage, normalise } from "./files.ts";
import { all, last, optionReason, parseArgs, type OptionSpec } from "./options.ts";
import { OWN_SEGMENT } from "../util/own-paths.ts";
import type { RunnerRead } from "./types.ts";

/** uvu's options (its CLI is sade/mri: an option that is not a declared switch takes the next word as its value). */
export const UVU_OPTIONS: OptionSpec[] = [
  {
    names: ["--require", "-r"],
    value: true,
    effect: "honoured",
    what: "modules required in every worker before the test files (uvu requires them the same way)",
  },
  {
    names: ["--ignore", "-i"],
    value: true,
    effect: "honoured",
    what: "case-insensitive patterns: matching files and folders are skipped (plus ^.git and node_modules)",
  },
  { names: ["--cwd", "-C"], value: true, effect: "honoured", what: "the folder dir is resolved from" },
  {
    names: ["--bail", "-b"],
    value: true,
    effect: "harmless",
    what: "stop at the first failure: gremlins stops there too",
  },
  {
    names: ["--color", "-c"],
    effect: "honoured",
    what: "on by default: uvu sets FORCE_COLOR=1 for the tests (--no-color: not set)",
  },
  { names: ["--version", "-v", "--help", "-h"], effect: "unsupported", what: "prints and exits" },
];

/** uvu 0.5 parse(): the pattern without arguments, and with a dir but no pattern. */
export const UVU_DEFAULT_PATTERN = /((\/|^)(tests?|__tests?__)\/.*|\.(tests?|spec)|^\/?tests?)\.([mc]js|[jt]sx?)$/i;
export const UVU_DIR_PATTERN = /(((?:[^/]*(?:\/|$))*)[\\/])?\w+\.([mc]js|[jt]sx?)$/;
const DEFAULT_IGNORES = ["^.git", "node_modules"];

export function readUvu(root: string, command: string, args: readonly string[]): RunnerRead {
  const parsed = parseArgs(args, UVU_OPTIONS, { negatable: true });
  if ("problem" in parsed) return { reason: optionReason(command, "uvu", parsed.problem) };
  if (parsed.positional.length > 2)
    return { reason: `"${command}": uvu takes at most [dir] [pattern], got ${parsed.positional.length} arguments` };
  const [dir, pattern] = parsed.positional;
  const files = uvuFiles(root, { dir, pattern, ignore: all(parsed, "--ignore"), cwd: last(parsed, "--cwd") });
  if (typeof files === "string") return { reason: `"${command}": ${files}` };
  const settings: RunnerRead = { files, notes: [...parsed.notes] };
  const requires = all(parsed, "--require").map((name) => uvuResolve(root, name) ?? name);
  // uvu's CLI sets FORCE_COLOR=1 before loading the tests unless --no-color (its -c defaults to on).
  if (last(parsed, "--color") !== "false") settings.env = { FORCE_COLOR: "1" };
  const esm = requires.find(isEsmPackage);
  if (esm) settings.esmLoader = esm;
  const preload = requires.filter((r) => !isEsmPackage(r));
  if (preload.length > 0) settings.preload = preload;
  return settings;
}

/**
 * The files uvu's CLI loads for `uvu [dir] [pattern] -i <ignore>… -C <cwd>`: uvu 0.5 parse()'s default pattern
 * without arguments, its directory pattern with a dir, matched against paths relative to the dir; or why not.
 */
export function uvuFiles(
  root: string,
  args: { dir?: string; pattern?: string; ignore?: readonly string[]; cwd?: string },
): string[] | string {
  let pattern: RegExp;
  try {
    pattern =
      args.pattern !== undefined
        ? new RegExp(args.pattern, "i")
        : args.dir !== undefined
          ? UVU_DIR_PATTERN
          : UVU_DEFAULT_PATTERN;
  } catch {
    return `the uvu pattern ${args.pattern} is not a valid regular expression`;
  }
  let ignores: RegExp[];
  try {
    ignores = [...DEFAULT_IGNORES, ...(args.ignore ?? [])].map((p) => new RegExp(p, "i"));
  } catch {
    return "an uvu --ignore pattern is not a valid regular expression";
  }
  const base = normalise(join(args.cwd ?? ".", args.dir ?? "."));
  const files: Found[] = [];
  collect(root, base, "", pattern, ignores, files);
  return files.sort((a, b) => a.name.localeCompare(b.name)).map((f) => f.file);
}

interface Found {
  name: string;
  file: string;
}

function collect(root: string, base: string, prefix: string, pattern: RegExp, ignores: RegExp[], out: Found[]): void {
  const dir = prefix === "" ? base : `${base}/${prefix}`;
  let names: string[];
  try {
    names = readdirSync(join(root, dir));
  } catch {
    return;
  }
  for (const entry of names) {
    const name = prefix === "" ? entry : `${prefix}/${entry}`;
    if (ignores.some((re) => re.test(name)) || OWN_SEGMENT.test(name)) continue;
    const rel = base === "." ? name : `${base}/${name}`;
    let isDirectory: boolean;
    try {
      isDirectory = statSync(join(root, rel)).isDirectory();
    } catch {
      continue;
    }
    if (isDirectory) collect(root, base, name, pattern, ignores, out);
    else if (pattern.test(name)) out.push({ name, file: rel });
  }
}

/** uvu's parse() does `require(name)` from its own file: the module that finds, as an absolute path (null when it finds none). */
export function uvuResolve(root: string, name: string): string | null {
  try {
    const parse = createRequire(join(root, "package.json")).resolve("uvu/parse");
    return createRequire(parse).resolve(name);
  } catch {
    return null;
  }
}
