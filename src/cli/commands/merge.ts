// `gremlins merge <reports...>`: combines the JSON reports of `gremlins run --shard i/n` (one per
// shard) into the whole run's reports (console, JSON, HTML…) and exit code (thresholds.break).
import { existsSync, statSync } from "node:fs";
import { defineCommand } from "citty";
import { join, resolve } from "pathe";
import type { ReporterName, ResolvedConfig } from "../../types.ts";
import { type CommandData, rootOf } from "../context.ts";
import { MERGE_FLAGS } from "../flags.ts";
import { colorEnabled } from "../output.ts";
import { lastValue, UsageError } from "../parse-argv.ts";
import { splitList } from "../to-user-config.ts";
import { REPORTER_NAMES } from "../../config/defaults.ts";

const KNOWN_REPORTERS = new Set<ReporterName>(REPORTER_NAMES);

/** A report path; a directory means its mutation.json. */
function reportFile(cwd: string, given: string): string {
  const path = resolve(cwd, given);
  return existsSync(path) && statSync(path).isDirectory() ? join(path, "mutation.json") : path;
}

export const mergeCommand = defineCommand({
  meta: {
    name: "merge",
    description: "Combine the shard reports of `gremlins run --shard i/n` into one report and exit code",
  },
  args: {
    reports: {
      type: "positional",
      required: false,
      description: "The shards' mutation.json files (or their directories)",
    },
    ...MERGE_FLAGS,
  },
  async run({ data }: { data?: CommandData }): Promise<number> {
    const { flags, io, logger } = data!;
    if (flags.positionals.length === 0)
      throw new UsageError(
        "`gremlins merge` needs the shards' reports, e.g. gremlins merge shard-1/mutation.json shard-2/mutation.json",
      );
    const { mergeShardReports, readMutationTestReport, runResultFromReport, writeReports } =
      await import("../../report/index.ts");
    const { exitCodeFor } = await import("../../run/index.ts");
    const inputs = [];
    for (const given of flags.positionals) {
      const path = reportFile(io.cwd, given);
      inputs.push({ path, report: await readMutationTestReport(path) });
    }
    const merged = mergeShardReports(inputs);
    const root = rootOf(data!);
    const stored = merged.config as unknown as ResolvedConfig;
    const reportersFlag = lastValue(flags, "reporters");
    const reporters = (
      reportersFlag === undefined ? (stored.reporters ?? ["clear-text", "json"]) : splitList(reportersFlag)
    ) as ReporterName[];
    const unknown = reporters.find((r) => !KNOWN_REPORTERS.has(r));
    if (unknown !== undefined)
      throw new UsageError(`--reporters: unknown reporter "${unknown}" (known: ${[...KNOWN_REPORTERS].join(", ")})`);
    const config: ResolvedConfig = {
      ...stored,
      root,
      reporters,
      reportDir: lastValue(flags, "report-dir") ?? stored.reportDir ?? "reports/gremlins",
    };
    const result = runResultFromReport(merged, root, config);
    logger.info(`Merged ${inputs.length} shard report(s): ${result.gremlins.length} gremlins`);
    const written = await writeReports(result, reporters, {
      color: colorEnabled(io.stdout, io.env),
      quiet: flags.booleans["quiet"],
      write: (text) => void io.stdout.write(text),
      env: io.env,
    });
    for (const file of written) logger.info(`Report written: ${file}`);
    return exitCodeFor(result);
  },
});
