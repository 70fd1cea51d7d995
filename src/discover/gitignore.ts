// Reads every .gitignore of a project (root and nested) and answers whether a project-relative path is ignored,
// with git's precedence: the deepest .gitignore that has an opinion about a path wins.
import { readFile } from "node:fs/promises";
import ignore, { type Ignore } from "ignore";
import { glob } from "tinyglobby";
import { NEVER_WALKED } from "../util/own-paths.ts";

interface Level {
  /** Directory of the .gitignore, project-relative, "" for the root, no trailing slash. */
  dir: string;
  rules: Ignore;
}

export interface GitignoreMatcher {
  ignores(path: string): boolean;
}

/** Loads all .gitignore files under `root` (never inside node_modules, .git or gremlins' own folders). */
export async function loadGitignores(root: string): Promise<GitignoreMatcher> {
  const files = await glob(["**/.gitignore"], {
    cwd: root,
    dot: true,
    followSymbolicLinks: false,
    ignore: [...NEVER_WALKED],
  });
  const levels: Level[] = [];
  for (const file of files) {
    const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
    levels.push({ dir, rules: ignore().add(await readFile(`${root}/${file}`, "utf8")) });
  }
  // Shallow first, so deeper files override.
  levels.sort((a, b) => a.dir.split("/").length - b.dir.split("/").length || (a.dir < b.dir ? -1 : 1));
  return {
    ignores(path: string): boolean {
      let ignored = false;
      for (const level of levels) {
        if (level.dir !== "" && !path.startsWith(level.dir + "/")) continue;
        const relative = level.dir === "" ? path : path.slice(level.dir.length + 1);
        const result = level.rules.test(relative);
        if (result.ignored) ignored = true;
        else if (result.unignored) ignored = false;
      }
      return ignored;
    },
  };
}
