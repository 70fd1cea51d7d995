// `gremlins run` (the default command): resolves the configuration and hands it to the orchestrator.
import { defineCommand } from "citty";
import { type CommandData, logConfig, resolveConfigFromFlags } from "../context.ts";
import { INCREMENTAL_FLAGS, RUN_FLAGS, SCHEDULE_FLAGS } from "../flags.ts";
import { lastValue, type ParsedFlags, UsageError } from "../parse-argv.ts";
import type { DiffMode } from "../../diff/index.ts";

/** The diff mode the flags ask for (at most one of --since, --staged, --changed). */
export function diffModeFromFlags(flags: ParsedFlags): DiffMode | undefined {
  const since = lastValue(flags, "since");
  const modes: DiffMode[] = [];
  if (since !== undefined) modes.push({ kind: "since", ref: since });
  if (flags.booleans["staged"]) modes.push({ kind: "staged" });
  if (flags.booleans["changed"]) modes.push({ kind: "changed" });
  if (modes.length > 1) throw new UsageError("--since, --staged and --changed exclude each other; pick one");
  return modes[0];
}

export const runCommand = defineCommand({
  meta: { name: "run", description: "Plant gremlins and run the tests against each one (the default command)" },
  args: { ...RUN_FLAGS, ...INCREMENTAL_FLAGS, ...SCHEDULE_FLAGS },
  async run({ data }: { data?: CommandData }): Promise<number> {
    const { flags } = data!;
    const diff = diffModeFromFlags(flags);
    const shardText = lastValue(flags, "shard");
    const { parseShard } = await import("../../plan/shard.ts");
    const shard = shardText === undefined ? undefined : parseShard(shardText);
    const config = await resolveConfigFromFlags(data!, { log: false });
    // The project's runtime hosts the test workers: a run whose runtime is not gremlins' own is handed over whole.
    const { hostRun } = await import("../../host/index.ts");
    const { createLog } = await import("../../run/log.ts");
    const log = createLog({ verbose: flags.booleans["verbose"], quiet: flags.booleans["quiet"] }, (text) =>
      data!.io.stderr.write(text),
    );
    const handedOverCode = await hostRun(config, data!.argv, log.verbose);
    if (handedOverCode !== null) return handedOverCode;
    logConfig(data!, config);
    if (diff) {
      // Checked before discovery: outside git, the flag is the problem, whatever else is wrong.
      const { assertGitWorkTree } = await import("../../diff/git.ts");
      assertGitWorkTree(config.root, diff.kind === "since" ? "--since" : `--${diff.kind}`);
    }
    // Loaded lazily: --help and init never pay for the pipeline.
    const { runGremlins } = await import("../../run/index.ts");
    return runGremlins(config, {
      verbose: flags.booleans["verbose"],
      quiet: flags.booleans["quiet"],
      // A shard never reads the result cache: its partition needs the fresh baseline coverage every shard shares.
      cache: flags.booleans["cache"] !== false && shard === undefined,
      diff,
      shard,
      bail: flags.booleans["bail"] !== false,
    });
  },
});
