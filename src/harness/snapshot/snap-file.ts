// Reads a `.snap` file, read-only: where it lives next to a test file, its header (which runner wrote
// it), and its entries, evaluated as the runners evaluate them (`exports[key] = value` statements).

import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "pathe";
import type { SnapshotFlavor } from "./serialize.ts";

export interface SnapFile {
  path: string;
  exists: boolean;
  /** key → stored text (unescaped), as the runner reads it. */
  data: Record<string, string>;
  /** The runner named in the header line, or null when there is none. */
  writer: SnapshotFlavor | null;
  /** jest in CI mode refuses a file whose header is not its own v1 header; the reason, or null. */
  jestHeaderError: string | null;
}

const JEST_HEADER = /^\/\/ Jest Snapshot v(.+), (.+)$/m;
const VITEST_HEADER = /^\/\/ Vitest Snapshot v/m;
const JEST_GUIDE = "https://jestjs.io/docs/snapshot-testing";

/** The default location both runners use: `__snapshots__/<test file name>.snap` beside the test file. */
export function snapPathOf(testFile: string): string {
  return join(dirname(testFile), "__snapshots__", `${basename(testFile)}.snap`);
}

function jestHeaderError(content: string): string | null {
  const m = JEST_HEADER.exec(content);
  if (!m) return "Outdated snapshot: No snapshot header found.";
  if (m[1] !== "1") return `Outdated snapshot: the snapshot file's version is v${m[1]}, jest expects v1.`;
  if (m[2] !== JEST_GUIDE) return `Outdated guide link: expected ${JEST_GUIDE}, found ${m[2]}.`;
  return null;
}

export function readSnapFile(path: string): SnapFile {
  const data: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!existsSync(path)) return { path, exists: false, data, writer: null, jestHeaderError: null };
  const content = readFileSync(path, "utf8");
  try {
    // Both runners populate the entries by running the file as a function of `exports`.
    new Function("exports", content)(data);
  } catch {
    // Like the runners: an unreadable file has no entries (every snapshot then fails as missing).
  }
  const writer: SnapshotFlavor | null = JEST_HEADER.test(content)
    ? "jest"
    : VITEST_HEADER.test(content)
      ? "vitest"
      : null;
  return { path, exists: true, data, writer, jestHeaderError: content === "" ? null : jestHeaderError(content) };
}

/** A key's test-name part (`name 3` → `name`); jest also writes line breaks in names as `\n`. */
export function keyName(key: string, flavor: SnapshotFlavor): string {
  const name = key.replace(/ \d+$/, "");
  if (flavor === "vitest") return name;
  return name.replace(/\\r\\n|\\r|\\n/g, (m) => (m === "\\r\\n" ? "\r\n" : m === "\\r" ? "\r" : "\n"));
}

/** The key of the `count`-th snapshot of `name` (jest writes line breaks in names as `\n`). */
export function keyOf(name: string, count: number, flavor: SnapshotFlavor): string {
  const written =
    flavor === "jest"
      ? name.replace(/\r\n|\r|\n/g, (m) => (m === "\r\n" ? "\\r\\n" : m === "\r" ? "\\r" : "\\n"))
      : name;
  return `${written} ${count}`;
}
