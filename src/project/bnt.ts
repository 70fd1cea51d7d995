// `bnt` (better-node-test): a wrapper that runs `node --test --test-reporter spec [files]` with
// NODE_ENV=test, finding `*.test.js`/`*.spec.js` itself when given no file. Read as node:test with its options.

import { lstatSync, readdirSync } from "node:fs";
import { join } from "pathe";
import { readNodeTest } from "./node-test.ts";
import { optionReason, type OptionSpec } from "./options.ts";
import type { RunnerRead } from "./types.ts";
import { isOwnName } from "../util/own-paths.ts";

/** bnt's options (better-node-test 0.8): any other word is a file it hands to `node --test`. */
export const BNT_OPTIONS: OptionSpec[] = [
  { names: ["--debug"], effect: "harmless", what: "output only: prints the node command" },
  {
    names: ["--coverage-include", "--coverage-exclude"],
    value: true,
    effect: "harmless",
    what: "coverage only (passed to node as --test-coverage-include/-exclude)",
  },
  {
    names: ["--coverage"],
    value: true,
    effect: "unsupported",
    what: "a line-coverage threshold that fails the run (Node >= 22.6; below it bnt exits 1)",
  },
  { names: ["-t"], value: true, effect: "unsupported", what: "test filtering (node --test-name-pattern)" },
  { names: ["--help", "-h"], effect: "unsupported", what: "prints its help, runs no test" },
];

/** Names bnt never descends into or picks (it compares every name it reads, at any depth); gremlins' own ones: `isOwnName`. */
const SKIPPED = new Set([".git", "node_modules"]);
/** The files bnt runs when given none. */
const BNT_TEST_FILE = /\.(test|spec)\.(js|ts)$/;

/** The project-relative files bnt finds with no file argument: a walk from its cwd that follows no symlinked folder. */
export function bntDefaultFiles(root: string, dir = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    if (SKIPPED.has(name) || isOwnName(name)) continue;
    const rel = dir ? `${dir}/${name}` : name;
    if (lstatSync(join(root, rel)).isDirectory()) out.push(...bntDefaultFiles(root, rel));
    else if (BNT_TEST_FILE.test(name)) out.push(rel);
  }
  return dir ? out : out.sort();
}

export function isBnt(program: string): boolean {
  return program.split("/").pop() === "bnt";
}

/** Reads `bnt [options] [files]` as the `node --test` run it starts. */
export function readBnt(root: string, command: string, args: readonly string[]): RunnerRead {
  const notes = [
    "honoured bnt (node --test with NODE_ENV=test)",
    "ignored --test-reporter spec (bnt's reporter: output only)",
  ];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const spec = BNT_OPTIONS.find((s) => s.names.includes(arg));
    if (!spec) {
      // bnt hands every other word to node as a file; one that looks like an option would be read by node as one.
      if (arg.startsWith("-")) return { reason: optionReason(command, "bnt", arg) };
      files.push(arg);
      continue;
    }
    if (spec.effect === "unsupported") return { reason: `${optionReason(command, "bnt", arg)} (${spec.what})` };
    if (spec.value) i++;
    notes.push(`ignored ${arg} (${spec.what})`);
  }
  const chosen = files.length > 0 ? files : bntDefaultFiles(root);
  if (chosen.length === 0) return { reason: `bnt finds no *.test.js or *.spec.js file in ${root}` };
  const typescript = chosen.find((f) => f.endsWith(".ts"));
  if (typescript)
    return {
      reason: `"${command}" runs TypeScript test files (${typescript}) through tsx or node's type stripping, which the built-in harness does not apply for bnt`,
    };
  const read = readNodeTest(root, command, ["--test", ...chosen]);
  if ("reason" in read) return read;
  return {
    ...read,
    env: { NODE_ENV: "test" },
    notes: [...notes, ...read.notes.filter((n) => !n.startsWith("honoured --test "))],
  };
}
