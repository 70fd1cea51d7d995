// Options in a project's jest or vitest config the harness does not apply: snapshot ones that change
// how snapshots are printed or where they live (custom serializers, snapshotFormat, a resolver), and
// fake-timer or expect.poll defaults. A suite they would affect is refused instead of run differently.

import { existsSync, readFileSync } from "node:fs";
import { join } from "pathe";
import { readPackageJson } from "../../util/package-json.ts";

const CONFIG_FILES = ["jest.config", "vitest.config", "vite.config", "vitest.workspace"].flatMap((base) =>
  ["js", "ts", "mjs", "cjs", "mts", "cts", "json"].map((ext) => `${base}.${ext}`),
);
const OPTIONS = /\b(snapshotSerializers|snapshotFormat|snapshotResolver|resolveSnapshotPath)\b/;
/** Those left when the runner's config was read and its format and serializers are applied (jest). */
const WHERE_OPTIONS = /\b(snapshotResolver|resolveSnapshotPath)\b/;
/** Options that change every suite's timers or polling: fake timers on globally, other defaults, poll defaults. */
const RUN_OPTIONS = /\b(fakeTimers|poll)\s*:|"(fakeTimers|poll)"/;

/**
 * "snapshotSerializers in jest.config.js" for the first such option found under `root`, or null; with
 * `applied`, only the options that move snapshot files count.
 */
export function snapshotConfigProblem(root: string, applied = false): string | null {
  return configMention(root, applied ? WHERE_OPTIONS : OPTIONS);
}

/** "fakeTimers in vitest.config.ts" when the config sets fake-timer or expect.poll defaults, or null. */
export function timersConfigProblem(root: string): string | null {
  return configMention(root, RUN_OPTIONS);
}

function configMention(root: string, OPTIONS: RegExp): string | null {
  for (const name of CONFIG_FILES) {
    const path = join(root, name);
    if (!existsSync(path)) continue;
    const m = OPTIONS.exec(readFileSync(path, "utf8"));
    if (m) return `${m[1] ?? m[2]} in ${name}`;
  }
  // An unreadable package.json is the config reader's problem, not the snapshot check's.
  const jest = readPackageJson(root)?.jest;
  const m = jest === undefined ? null : OPTIONS.exec(JSON.stringify(jest));
  return m ? `${m[1] ?? m[2]} in package.json "jest"` : null;
}
