#!/usr/bin/env bun
// The executable entry: runs the CLI with the process's arguments and sets its exit code (the only place
// that does). Normally the process then ends by itself once its output is flushed; a handle left open
// (a timer started by a config file, a worker still shutting down) must not keep a finished run alive,
// so an unref'd timer ends the process a little later if something else still holds it. That timer starts only
// once stdout and stderr have drained: a slow reader of a long `list --json` must still get all of it (CI cut
// a 28 MB listing short). Bun reports no writableLength, so a write that returned false is what says "pending".
import { setTimeout } from "node:timers"; // Node's timers (with unref) in Deno too, whose global setTimeout returns a number
import { main } from "./main.ts";

/** How long a finished run may wait for its output to drain before it is ended regardless. */
const EXIT_GRACE_MS = 2000;

/** Remembers whether the stream's latest write is still queued; the returned function waits for its drain. */
function trackDrain(stream: NodeJS.WriteStream): () => Promise<void> {
  let pending = false;
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  // Overloaded signature: the wrapper passes every argument through unchanged.
  stream.write = ((...args: unknown[]) => {
    const ok = write(...args);
    if (!ok) pending = true;
    return ok;
  }) as typeof stream.write;
  stream.on("drain", () => (pending = false));
  return () =>
    pending
      ? new Promise<void>((resolve) => {
          stream.once("drain", resolve);
          stream.once("error", () => resolve());
          stream.once("close", resolve);
        })
      : Promise.resolve();
}

const drained = [trackDrain(process.stdout), trackDrain(process.stderr)];
const code = await main(process.argv.slice(2));
process.exitCode = code;
await Promise.all(drained.map((wait) => wait()));
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
