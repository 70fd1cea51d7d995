// `gremlins run` (the default command): resolves the configuration and hands it to the orchestrator.
import { defineCommand } from "citty";
import { type CommandData, resolveConfigFromFlags } from "../context.ts";
import { RUN_FLAGS } from "../flags.ts";

export const runCommand = defineCommand({
  meta: { name: "run", description: "Plant gremlins and run the tests against each one (the default command)" },
  args: RUN_FLAGS,
  async run({ data }: { data?: CommandData }): Promise<number> {
    const { flags } = data!;
    const config = await resolveConfigFromFlags(data!);
    // Loaded lazily: --help and init never pay for the pipeline.
    const { runGremlins } = await import("../../run/index.ts");
    return runGremlins(config, { verbose: flags.booleans["verbose"], quiet: flags.booleans["quiet"] });
  },
});
