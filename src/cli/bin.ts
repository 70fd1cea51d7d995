#!/usr/bin/env bun
// The executable entry: runs the CLI with the process's arguments and sets its exit code (the only place
// that does). Normally the process then ends by itself once its output is flushed; a handle left open
// (a timer started by a config file, a worker still shutting down) must not keep a finished run alive,
// so an unref'd timer ends the process a little later if something else still holds it.
import { setTimeout } from "node:timers"; // Node's timers (with unref) in Deno too, whose global setTimeout returns a number
import { main } from "./main.ts";

/** How long a finished run may wait for its output to drain before it is ended regardless. */
const EXIT_GRACE_MS = 2000;

const code = await main(process.argv.slice(2));
process.exitCode = code;
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
