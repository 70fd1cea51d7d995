// `gremlins explain <id>`: one gremlin of the last run, from its report (reports/gremlins/mutation.json,
// else mutation.html, or --report <path>): diff, status, tests, killer or reason, cache state.
import { existsSync } from "node:fs";
import { defineCommand } from "citty";
import { join, resolve } from "pathe";
import { GremlinsError } from "../../errors.ts";
import { type CommandData, resolveConfigFromFlags } from "../context.ts";
import { EXPLAIN_FLAGS } from "../flags.ts";
import { colorEnabled } from "../output.ts";
import { lastValue, UsageError } from "../parse-argv.ts";

/** The report to read: --report, else the configured report dir's mutation.json, else its mutation.html. */
async function reportPath(data: CommandData): Promise<string> {
  const given = lastValue(data.flags, "report");
  if (given !== undefined) return resolve(data.io.cwd, given);
  const config = await resolveConfigFromFlags(data);
  const dir = resolve(config.root, config.reportDir);
  const candidates = [join(dir, "mutation.json"), join(dir, "mutation.html")];
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new GremlinsError(
      `no report of a previous run in ${dir} (looked for mutation.json and mutation.html); run \`gremlins run\` first or pass --report <path>`,
    );
  }
  return found;
}

export const explainCommand = defineCommand({
  meta: { name: "explain", description: "Explain one gremlin of the last run: its diff, tests, verdict and why" },
  args: {
    // Not `required`: citty would throw its own error before run(); run() reports a missing id as a usage error.
    id: {
      type: "positional",
      required: false,
      description: "Gremlin id (or a unique prefix of at least 4 characters)",
    },
    ...EXPLAIN_FLAGS,
  },
  async run({ data }: { data?: CommandData }): Promise<number> {
    const { flags, io } = data!;
    const [id, ...extra] = flags.positionals;
    if (id === undefined)
      throw new UsageError("`gremlins explain` needs a gremlin id (see the clear-text report or mutation.json)");
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" (\`gremlins explain\` takes one id)`);
    const path = await reportPath(data!);
    const { readMutationTestReport } = await import("../../report/json.ts");
    const { findMutant, formatExplanation } = await import("../../report/explain.ts");
    const report = await readMutationTestReport(path);
    const found = findMutant(report, id, path);
    io.stdout.write(formatExplanation(report, found, { color: colorEnabled(io.stdout, io.env) }));
    return 0;
  },
});
