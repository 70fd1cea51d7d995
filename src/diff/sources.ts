// Reads the sources to mutate: the working tree, or for --staged the staged content where it differs
// (files deleted from the index are left out: they are not part of the commit).
import { overlayReader, type Overlay } from "./staged.ts";

export interface SourceInput {
  file: string;
  source: string;
}

/** The sources of `paths` as the run should see them, and the reader used (for hashing other inputs). */
export function readSources(
  root: string,
  paths: readonly string[],
  changes: { overlay: Overlay } | null,
): { inputs: SourceInput[]; read: (path: string) => Buffer | null } {
  const read = overlayReader(root, changes?.overlay ?? new Map());
  const inputs: SourceInput[] = [];
  for (const file of paths) {
    const bytes = read(file);
    if (bytes !== null) inputs.push({ file, source: bytes.toString("utf8") });
  }
  return { inputs, read };
}
