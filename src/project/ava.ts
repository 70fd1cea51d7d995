// ava's command line as the spawn executor reads it (the built-in harness does not emulate ava, so an
// ava suite always runs under ava itself): its options, and the script that asks the project's own ava
// which test files its config (package.json "ava", ava.config.{js,cjs,mjs}) and the command select.

import type { OptionSpec } from "./options.ts";

/** Why the thread executor hands every ava suite to the spawn executor. */
export const AVA_THREAD_REASON =
  "ava is not emulated by the built-in harness (ava runs its test files in workers of its own): its tests run under ava itself";

/**
 * ava's options (ava 5–8). "honoured": read by gremlins for the per-file and per-test runs; "harmless":
 * passed on unchanged in every run; "unsupported": every gremlin runs the whole command (no selection).
 */
export const AVA_OPTIONS: OptionSpec[] = [
  {
    names: ["--config"],
    value: true,
    effect: "honoured",
    what: "the config file ava reads instead of ava.config.* (its files globs select the test files)",
  },
  {
    names: ["--fail-fast"],
    effect: "honoured",
    what: "ava's bail flag: gremlins adds it to each gremlin's run itself (--no-bail: not added)",
  },
  {
    names: ["--match", "-m"],
    value: true,
    effect: "honoured",
    what: "title filter: kept in every run; files are still selected, single tests not",
  },
  { names: ["--serial", "-s"], effect: "harmless", what: "tests of a file one at a time: kept" },
  { names: ["--concurrency", "-c"], value: true, effect: "harmless", what: "files run at once: kept" },
  { names: ["--timeout", "-T"], value: true, effect: "harmless", what: "ava's inactivity timeout: kept" },
  { names: ["--tap", "-t"], effect: "harmless", what: "output only: TAP reporter" },
  { names: ["--verbose", "-v"], effect: "harmless", what: "output only" },
  { names: ["--color"], effect: "harmless", what: "output only: colours" },
  { names: ["--no-worker-threads"], effect: "harmless", what: "child processes instead of worker threads: kept" },
  { names: ["--node-arguments"], value: true, effect: "harmless", what: "node flags for ava's workers: kept" },
  { names: ["--reset-cache"], effect: "unsupported", what: "clears ava's cache and exits" },
  { names: ["--update-snapshots", "-u"], effect: "unsupported", what: "would write snapshots" },
  { names: ["--watch", "-w"], effect: "unsupported", what: "watch mode" },
];

/** Options after which the next word is their value (spawn's command splitter). */
export const AVA_VALUE_OPTIONS = AVA_OPTIONS.filter((o) => o.value).flatMap((o) => o.names);

/** The option of `options` that keeps gremlins from selecting ava's test files, or null. */
export function avaRefusedOption(options: readonly string[]): string | null {
  const refused = new Set(AVA_OPTIONS.filter((o) => o.effect === "unsupported").flatMap((o) => o.names));
  for (const word of options) {
    const name = word.split("=")[0] as string;
    if (refused.has(name)) return name;
  }
  return null;
}

/** Marks the listing script's answer in its output. */
export const AVA_LISTING_MARK = "GREMLINS-AVA-LISTING ";

/** What the listing script reports: ava's test files (relative to its cwd) and the config keys selection depends on. */
export interface AvaListing {
  files: string[];
  /** The config's `match` patterns (a config that filters titles). */
  match: string[];
  /** The config has a `typescript` provider (@ava/typescript rewrites paths: files are not listed). */
  typescript: boolean;
}

/**
 * ESM source of the listing script, run by the project's `node` in the sandbox with one argument: the
 * JSON of [configFile or "", ...file patterns]. It loads the project's ava's own config loader and globs
 * (lib/load-config.js, lib/globs.js, lib/extensions.js), so the files are exactly those ava would run.
 */
export const AVA_LISTING_SOURCE = String.raw`
import {createRequire} from "node:module";
import path from "node:path";
import {pathToFileURL} from "node:url";
const require = createRequire(path.join(process.cwd(), "package.json"));
const main = require.resolve("ava");
let dir = path.dirname(main);
while (!require("node:fs").existsSync(path.join(dir, "lib", "globs.js"))) {
  const up = path.dirname(dir);
  if (up === dir) throw new Error("ava's lib/globs.js not found from " + main);
  dir = up;
}
const lib = (name) => import(pathToFileURL(path.join(dir, "lib", name)).href);
const [configFile, ...patterns] = JSON.parse(process.argv.at(-1));
const {loadConfig} = await lib("load-config.js");
const globs = await lib("globs.js");
const extensionsModule = await lib("extensions.js");
const {config} = await loadConfig(configFile ? {configFile} : {});
const typescript = Object.hasOwn(config, "typescript");
const extensions = extensionsModule.default(config.extensions, []);
const normal = globs.normalizeGlobs({files: config.files, ignoredByWatcher: config.watchMode?.ignoreChanges, extensions, providers: []});
let files = typescript ? [] : await globs.findTests({cwd: config.projectDir, ...normal});
if (patterns.length > 0 && files.length > 0) {
  const filter = patterns.map((p) => globs.normalizePattern(path.relative(config.projectDir, path.resolve(p))));
  files = globs.applyTestFileFilter({cwd: config.projectDir, filter, testFiles: files});
}
const match = config.match === undefined || config.match === "" ? [] : [].concat(config.match);
console.log(${JSON.stringify("GREMLINS-AVA-LISTING ")} + JSON.stringify({files: files.map((f) => path.relative(process.cwd(), f)), match, typescript}));
`;

/** The listing script's answer in `output`, or null when it printed none. */
export function readAvaListing(output: string): AvaListing | null {
  const line = output.split(/\r?\n/).find((l) => l.startsWith(AVA_LISTING_MARK));
  if (!line) return null;
  try {
    return JSON.parse(line.slice(AVA_LISTING_MARK.length)) as AvaListing;
  } catch {
    return null;
  }
}

/** ava's --match pattern for exactly `title` or a superset (`*` is its wildcard; a leading `!` negates). */
export function avaMatchPattern(title: string): string {
  return title.startsWith("!") ? `*${title.slice(1)}` : title;
}
