// `gremlins init`: writes a commented starter config for the project and git-ignores gremlins' working files.
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { defineCommand } from "citty";
import { join } from "pathe";
import { CONFIG_FILE_NAMES } from "../../config/defaults.ts";
import { GremlinsError } from "../../errors.ts";
import { type CommandData, rootOf } from "../context.ts";
import { INIT_FLAGS } from "../flags.ts";
import { describeProject } from "../../project/model.ts";
import { configFileName, starterConfig } from "../init-template.ts";
import { OWN_GITIGNORE } from "../../util/own-paths.ts";
import { readPackageJson } from "../../util/package-json.ts";

/** What gremlins writes into a project and should never be committed. */
export const IGNORED_PATHS = [...OWN_GITIGNORE, "reports/gremlins/"];

/** Adds the missing lines of `entries` to `.gitignore` (created if needed); returns the lines added. */
export async function updateGitignore(root: string, entries: readonly string[]): Promise<string[]> {
  const file = join(root, ".gitignore");
  const current = existsSync(file) ? await readFile(file, "utf8") : "";
  const present = new Set(current.split(/\r?\n/).map((line) => line.trim().replace(/^\//, "")));
  const missing = entries.filter((entry) => !present.has(entry) && !present.has(entry.replace(/\/$/, "")));
  if (missing.length === 0) return [];
  const separator = current === "" || current.endsWith("\n") ? "" : "\n";
  await writeFile(
    file,
    `${current}${separator}${current === "" ? "" : "\n"}# gremlins (mutation testing)\n${missing.join("\n")}\n`,
  );
  return missing;
}

async function hasPackageJsonConfig(root: string): Promise<boolean> {
  return readPackageJson(root)?.gremlins !== undefined;
}

/** `init --hook`: the pre-commit hook only (the threshold comes from thresholds.break, else thresholds.low). */
async function installHook(data: CommandData, root: string, force: boolean): Promise<number> {
  const { installPreCommitHook } = await import("../hook.ts");
  const { loadConfig } = await import("../../config/index.ts");
  const thresholds = (await loadConfig(root, {})).thresholds;
  const result = installPreCommitHook(root, { force, threshold: thresholds.break ?? thresholds.low });
  const out = (line: string): unknown => data.io.stdout.write(line + "\n");
  if (result.instructions) {
    out(result.instructions);
    return 0;
  }
  out(`${result.replaced ? "Replaced" : "Installed"} ${result.path}: runs \`${result.command}\` before each commit`);
  out("Skip it once with `git commit --no-verify`.");
  return 0;
}

export const initCommand = defineCommand({
  meta: { name: "init", description: "Write a starter gremlins.config for this project" },
  args: INIT_FLAGS,
  async run({ data }: { data?: CommandData }): Promise<number> {
    const { flags, io } = data!;
    const root = rootOf(data!);
    if (!existsSync(root)) throw new GremlinsError(`--root: ${root} does not exist`);
    const force = flags.booleans["force"] === true;
    if (flags.booleans["hook"]) return installHook(data!, root, force);
    const existing = CONFIG_FILE_NAMES.filter((name) => existsSync(join(root, name)));
    if (existing.length > 0 && !force) {
      throw new GremlinsError(`${existing.join(" and ")} already exists; use --force to overwrite it`);
    }
    if (!force && (await hasPackageJsonConfig(root))) {
      throw new GremlinsError(
        `package.json already has a "gremlins" configuration; use --force to write a config file anyway`,
      );
    }
    const facts = describeProject(root);
    const name = configFileName(facts);
    for (const old of existing) await rm(join(root, old));
    await writeFile(join(root, name), starterConfig(facts));
    const added = await updateGitignore(root, IGNORED_PATHS);

    const out = (line: string): unknown => io.stdout.write(line + "\n");
    out(`Runtime:      ${facts.runtime}`);
    out(
      `Test runner:  ${facts.testRunner ? `${facts.testRunner} (from ${facts.testRunnerSource})` : 'not recognised (gremlins will use the "test" script)'}`,
    );
    out(`TypeScript:   ${facts.typescript ? "yes" : "no"}`);
    out(`Wrote ${name}${existing.length > 0 ? ` (replacing ${existing.join(", ")})` : ""}`);
    out(added.length > 0 ? `Added ${added.join(", ")} to .gitignore` : ".gitignore already ignores gremlins' files");
    if (force && (await hasPackageJsonConfig(root))) {
      out(`Note: remove the "gremlins" key from package.json; gremlins refuses two configurations`);
    }
    out(`Next: run \`gremlins list\` to preview the gremlins, then \`gremlins\` to run them.`);
    return 0;
  },
});
