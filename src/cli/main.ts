// The gremlins command line: picks the command (`run` when none is given), parses its flags strictly, runs it
// and turns every outcome into an exit code. Exit codes: 0 ok; 1 score below thresholds.break; 2 usage,
// configuration or project errors (GremlinsError); 3 unexpected errors, reported as gremlins bugs.
import { type ArgsDef, defineCommand, runCommand } from "citty";
import { GremlinsError } from "../errors.ts";
import { didYouMean } from "../util/nearest.ts";
import { VERSION } from "../version.ts";
import { explainCommand } from "./commands/explain.ts";
import { initCommand } from "./commands/init.ts";
import { listCommand } from "./commands/list.ts";
import { cacheCommand } from "./commands/cache.ts";
import { mergeCommand } from "./commands/merge.ts";
import { runCommand as gremlinsRun } from "./commands/run.ts";
import type { CommandData } from "./context.ts";
import {
  CACHE_FLAGS,
  EXPLAIN_FLAGS,
  INCREMENTAL_FLAGS,
  INIT_FLAGS,
  LIST_FLAGS,
  MERGE_FLAGS,
  ROOT_FLAGS,
  RUN_FLAGS,
  SCHEDULE_FLAGS,
} from "./flags.ts";
import { colorEnabled, createLogger, type Io, processIo } from "./output.ts";
import { stripVTControlCharacters } from "node:util";
import { flagOf, parseFlags, tokenize, UsageError } from "./parse-argv.ts";
import { type AnyCommand, renderHelp } from "./usage.ts";

const COMMANDS: Record<string, AnyCommand> = {
  run: gremlinsRun,
  list: listCommand,
  init: initCommand,
  explain: explainCommand,
  cache: cacheCommand,
  merge: mergeCommand,
};

/** The command called `name` (own keys only: `gremlins toString` is no command). */
const commandNamed = (name: string): AnyCommand | undefined =>
  Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;

/** Commands that take positional arguments (the others reject any). */
const TAKES_POSITIONALS = new Set(["explain", "cache", "merge"]);

const root = defineCommand({
  meta: { name: "gremlins", version: VERSION, description: "Mutation testing for JavaScript and TypeScript" },
  args: ROOT_FLAGS,
  subCommands: COMMANDS,
});

const ALL_FLAGS = {
  ...ROOT_FLAGS,
  ...RUN_FLAGS,
  ...INCREMENTAL_FLAGS,
  ...SCHEDULE_FLAGS,
  ...MERGE_FLAGS,
  ...LIST_FLAGS,
  ...INIT_FLAGS,
  ...EXPLAIN_FLAGS,
  ...CACHE_FLAGS,
};

/** Index of the command word in `argv`, or -1 when there is none (then `run` is meant). */
function commandIndex(argv: readonly string[]): number {
  for (const token of tokenize(argv, ALL_FLAGS)) {
    if (token.kind === "option-terminator") return -1;
    if (token.kind === "positional") return token.index;
    // Unknown to every command: report it now, or its value would be taken for the command word.
    flagOf(token, ALL_FLAGS);
  }
  return -1;
}

function writeError(io: Io, message: string): void {
  const color = colorEnabled(io.stderr, io.env);
  io.stderr.write(`${color ? "\u001B[31merror\u001B[39m" : "error"}: ${message}\n`);
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const at = commandIndex(argv);
  const word = at === -1 ? undefined : argv[at];
  const rest = at === -1 ? argv : argv.filter((_, i) => i !== at);
  const wantsHelp = rest.some((t) => t === "--help" || t === "-h");
  if (word === undefined && (argv.includes("--version") || argv.includes("-v"))) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const name = word ?? "run";
  const command = commandNamed(name);
  if (command === undefined) {
    if (name === "help") return printHelp(io, commandNamed(argv[at + 1] ?? ""));
    throw new UsageError(
      `unknown command "${name}"${didYouMean(name, Object.keys(COMMANDS))}; commands: ${Object.keys(COMMANDS).join(", ")}`,
    );
  }
  if (wantsHelp) return printHelp(io, word === undefined ? undefined : command);
  const flags = parseFlags(rest, (command.args ?? {}) as ArgsDef);
  if (flags.positionals.length > 0 && !TAKES_POSITIONALS.has(name)) {
    throw new UsageError(
      `unexpected argument "${flags.positionals[0]}" (\`gremlins ${name}\` takes only options; see --help)`,
    );
  }
  const logger = createLogger(io, { verbose: flags.booleans["verbose"], quiet: flags.booleans["quiet"] });
  const data: CommandData = { flags, io, logger, argv };
  const { result } = await runCommand(command, { rawArgs: [], data });
  return typeof result === "number" ? result : 0;
}

async function printHelp(io: Io, command: AnyCommand | undefined): Promise<number> {
  const text = command ? await renderHelp(command, root, false) : await renderHelp(root, undefined, true);
  io.stdout.write(colorEnabled(io.stdout, io.env) ? text : stripVTControlCharacters(text));
  return 0;
}

/** Runs the CLI with `argv` (without the executable and script); returns the exit code, never exits. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof GremlinsError) {
      writeError(io, error.message.split("\n", 1)[0] ?? "");
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeError(io, `${message} — this is a gremlins bug; please report it with the command you ran`);
    if (argv.includes("--verbose") && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 3;
  }
}
