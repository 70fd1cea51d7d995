// Test helper: writes a small project (relative path → file text) into a directory.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export function writeProject(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}
