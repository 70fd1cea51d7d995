// Probe entry for tests/e2e/binary-workers.test.ts: starts its worker through build.ts's `__GREMLINS_WORKERS__`
// map (or next to itself when run from source) and prints what the worker answered, or the error.
import { Worker } from "node:worker_threads";

declare const __GREMLINS_WORKERS__: Record<string, string> | undefined;
declare const __GREMLINS_LAYOUT__: string | undefined;

const SOURCE = "tests/e2e/binary-worker-probe/probe.worker.ts";
const url =
  typeof __GREMLINS_WORKERS__ === "object"
    ? new URL(__GREMLINS_WORKERS__[SOURCE] as string, import.meta.url)
    : new URL("./probe.worker.ts", import.meta.url);
const layout = typeof __GREMLINS_LAYOUT__ === "string" ? __GREMLINS_LAYOUT__ : "source";

const worker = new Worker(url, { workerData: 20 });
const timer = setTimeout(() => {
  console.log("probe: worker did not answer within 5 s");
  process.exit(1);
}, 5000);
worker.on("message", (answer: unknown) => {
  clearTimeout(timer);
  console.log(`probe ${layout}: ${String(answer)}`);
  void worker.terminate();
});
worker.on("error", (error) => {
  clearTimeout(timer);
  console.log(`probe: worker failed: ${String(error)}`);
  process.exit(1);
});
