#!/usr/bin/env bun
// The executable entry: runs the CLI with the process's arguments and exits with its code (the only place
// that does). It exits explicitly once output is flushed, so a handle left open by a user's test (a timer,
// a socket) or a worker still shutting down can never keep a finished run from ending.
import { main } from "./main.ts";

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.write("", () => resolve())) stream.once("drain", () => resolve());
  });
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
