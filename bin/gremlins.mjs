#!/usr/bin/env node
// npm bin entry, a placeholder until the npm packaging issue: runs the bundle `npm run build` writes
// (dist/gremlins.mjs, which starts the CLI on import) under Node >= 20, Bun or Deno.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/gremlins.mjs", import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  console.error("gremlins: dist/gremlins.mjs is missing; run `npm run build` first");
  process.exitCode = 2;
}
