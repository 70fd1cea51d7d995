// `gremlins cache clear`: removes the result cache (verdicts and coverage map) of the project;
// `gremlins cache` alone says where the cache is and how many verdicts it holds.
import { existsSync, statSync } from "node:fs";
import { defineCommand } from "citty";
import { dirname } from "pathe";
import { type CommandData, resolveConfigFromFlags } from "../context.ts";
import { CACHE_FLAGS } from "../flags.ts";
import { UsageError } from "../parse-argv.ts";

const ACTIONS = ["clear", "info"];

export const cacheCommand = defineCommand({
  meta: {
    name: "cache",
    description: "Manage the result cache: `gremlins cache clear` removes it, `gremlins cache info` describes it",
  },
  args: {
    action: { type: "positional", required: false, description: "clear | info (default: info)" },
    ...CACHE_FLAGS,
  },
  async run({ data }: { data?: CommandData }): Promise<number> {
    const { flags, io } = data!;
    const [action = "info", ...extra] = flags.positionals;
    if (!ACTIONS.includes(action))
      throw new UsageError(`unknown cache action "${action}"; use \`gremlins cache clear\` or \`gremlins cache info\``);
    if (extra.length > 0)
      throw new UsageError(`unexpected argument "${extra[0]}" (\`gremlins cache ${action}\` takes no other argument)`);
    const config = await resolveConfigFromFlags(data!);
    const { cachePathOf, clearCache, loadCache } = await import("../../cache/index.ts");
    const { VERSION } = await import("../../version.ts");
    const path = cachePathOf(config);
    if (action === "clear") {
      const existed = clearCache(dirname(path));
      io.stdout.write(
        existed ? `Removed the result cache ${dirname(path)}\n` : `No result cache at ${dirname(path)}\n`,
      );
      return 0;
    }
    if (!existsSync(path)) {
      io.stdout.write(`No result cache at ${path}\n`);
      return 0;
    }
    const loaded = loadCache(path, VERSION);
    const size = statSync(path).size;
    if (loaded.discarded) {
      io.stdout.write(`${path} (${size} bytes) will be discarded by the next run: ${loaded.discarded}\n`);
      return 0;
    }
    const verdicts = Object.keys(loaded.cache.verdicts).length;
    const coverage = loaded.cache.coverage
      ? `, a coverage map of ${loaded.cache.coverage.reached.length} reached gremlins`
      : "";
    io.stdout.write(`${path}: ${verdicts} cached verdicts${coverage} (${size} bytes)\n`);
    return 0;
  },
});
