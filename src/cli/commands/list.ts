// `gremlins list`: shows every gremlin the configuration would plant, without running any test.
import { readFile } from "node:fs/promises";
import { defineCommand } from "citty";
import { join } from "pathe";
import { GremlinsError } from "../../errors.ts";
import { type CommandData, resolveConfigFromFlags } from "../context.ts";
import { LIST_FLAGS } from "../flags.ts";
import { formatListJson, formatListText } from "../list-format.ts";

export const listCommand = defineCommand({
  meta: { name: "list", description: "List the gremlins that would be planted, without running tests" },
  args: LIST_FLAGS,
  async run({ data }: { data?: CommandData }): Promise<number> {
    const { flags, io } = data!;
    const config = await resolveConfigFromFlags(data!);
    const { discoverFiles } = await import("../../discover/index.ts");
    const { describeSource } = await import("../../config/index.ts");
    const files = await discoverFiles(config.root, config.mutate);
    if (files.length === 0) {
      throw new GremlinsError(
        `no files to mutate: the mutate globs from ${describeSource(config, "mutate")} (${config.mutate.join(", ")}) match no JS/TS source under ${config.root}`,
      );
    }
    const inputs = await Promise.all(
      files.map(async (file) => ({ file, source: await readFile(join(config.root, file), "utf8") })),
    );
    const { generateGremlins } = await import("../../mutate/index.ts");
    const result = generateGremlins(inputs, { operators: config.operators });
    const listed = { files, gremlins: result.gremlins, failures: result.failures };
    io.stdout.write(flags.booleans["json"] ? formatListJson(listed) : formatListText(listed));
    return 0;
  },
});
