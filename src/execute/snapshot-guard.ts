// The spawn baseline must leave the project's snapshot files as they were: gremlins compares snapshots as
// CI does and never writes one. A runner that writes them anyway (vitest 3 outside CI writes a missing
// snapshot, a command with -u rewrites them) is caught here, with the files named.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "pathe";
import { isOwnName } from "../util/own-paths.ts";

/** Folders never searched: dependencies, VCS data. gremlins' own folders are skipped by isOwnName. */
const SKIPPED = new Set(["node_modules", ".git"]);

/** Snapshot files under `dir` (`*.snap`, and anything in a `__snapshots__` folder): relative path → content hash. */
export function snapshotFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string, inSnapshots: boolean): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !isOwnName(entry.name))
          walk(path, inSnapshots || entry.name === "__snapshots__");
      } else if (entry.isFile() && (inSnapshots || entry.name.endsWith(".snap"))) {
        files.set(relative(dir, path), createHash("sha1").update(readFileSync(path)).digest("hex"));
      }
    }
  };
  walk(dir, false);
  return files;
}

/** What happened to snapshot files between two scans: "<file> (written)", "(changed)" or "(removed)". */
export function snapshotChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const changes: string[] = [];
  for (const [file, hash] of after) {
    const earlier = before.get(file);
    if (earlier === undefined) changes.push(`${file} (written)`);
    else if (earlier !== hash) changes.push(`${file} (changed)`);
  }
  for (const file of before.keys()) if (!after.has(file)) changes.push(`${file} (removed)`);
  return changes.sort();
}
