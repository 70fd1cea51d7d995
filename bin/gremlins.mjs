#!/usr/bin/env node
// npm bin entry (npx/bunx gremlins, deno run -A npm:gremlins): checks the runtime, then imports the bundle
// `dist/gremlins.mjs` (built by `bun build.ts --npm` before packing), which runs the CLI on import.
import { existsSync } from "node:fs";

const isBun = typeof globalThis.Bun !== "undefined";
const isDeno = typeof globalThis.Deno !== "undefined";
const nodeMajor = Number(process.versions.node.split(".")[0]);

if (!isBun && !isDeno && nodeMajor < 20) {
  console.error(`gremlins needs Node.js 20 or later (this is ${process.version}); or run it with Bun or Deno, or use the standalone binary`);
  process.exit(2);
}

const bundle = new URL("../dist/gremlins.mjs", import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  console.error("gremlins: dist/gremlins.mjs is missing; in a checkout, build it with `bun build.ts --npm`");
  process.exitCode = 2;
}
