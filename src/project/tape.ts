// tape's command line (`tape [-r module] files/globs`) and the files its bin would load, in order.

import { existsSync } from "node:fs";
import { globSync } from "tinyglobby";
import { join } from "pathe";
import { normalise, preloadPath } from "./files.ts";
import { all, optionReason, parseArgs, type OptionSpec } from "./options.ts";
import type { RunnerRead } from "./types.ts";

export const TAPE_OPTIONS: OptionSpec[] = [
  {
    names: ["--require", "-r"],
    value: true,
    effect: "honoured",
    what: "modules required in every worker before the test files (resolved from the project)",
  },
  { names: ["--strict"], effect: "harmless", what: "fails when no file matches: the baseline has files" },
  {
    names: ["--only"],
    effect: "harmless",
    what: "--no-only fails on .only: the baseline passes with it, and gremlins adds no .only",
  },
  { names: ["--ignore", "-i", "--ignore-pattern"], value: true, effect: "unsupported", what: "ignore files" },
];
const EXTENSIONS = ["", ".js", ".cjs", ".mjs", ".json", ".ts", ".cts", ".mts"];

/** The files `tape <args>` requires: each glob's matches (sorted, no dot files), each path as require.resolve finds it; or why not. */
export function tapeFiles(root: string, args: readonly string[]): string[] | string {
  const files: string[] = [];
  for (const arg of args) {
    if (/[*?[\]{}()!+@]/.test(arg)) {
      // tape's glob 7: sorted, no dot files.
      files.push(
        ...globSync([arg], { cwd: root, onlyFiles: true, dot: false, expandDirectories: false }).map(normalise).sort(),
      );
      continue;
    }
    // require.resolve of the path: the file itself, or with an extension added.
    const found = EXTENSIONS.map((ext) => normalise(arg) + ext).find((f) => existsSync(join(root, f)));
    if (!found) return `tape would not find the test file ${arg}`;
    files.push(found);
  }
  return [...new Set(files)];
}

export function readTape(root: string, command: string, args: readonly string[]): RunnerRead {
  const parsed = parseArgs(args, TAPE_OPTIONS, { negatable: true });
  if ("problem" in parsed) return { reason: optionReason(command, "tape", parsed.problem) };
  const files = tapeFiles(root, parsed.positional);
  if (typeof files === "string") return { reason: files };
  const settings: RunnerRead = { files, notes: [...parsed.notes] };
  const requires = all(parsed, "--require").filter((r) => r !== "");
  if (requires.length > 0) settings.preload = requires.map(preloadPath);
  return settings;
}
