// Worker threads recurse about as deep as a main thread (the spawn executor's processes) before a
// RangeError: with Node's 4 MB worker default, a gremlin recursing without end timed out instead of
// failing its test (qs: stringify without its cycle check). Under Deno, whose stackSizeMb sizes the native
// thread (an endless recursion then aborted the process), the workers keep Deno's default.

import { expect, test } from "bun:test";
import { execFileSync } from "node:child_process";
import { WORKER_STACK_MB, workerLimits } from "../../../../src/execute/thread/thread-worker.ts";

const DEPTH = "let n = 0; const f = () => { n++; f(); }; try { f(); } catch {}";

test("on Node, a worker with WORKER_STACK_MB recurses within 25% of the main thread's depth", () => {
  const script = `
    const { Worker } = require("node:worker_threads");
    ${DEPTH}
    const main = n;
    const code = ${JSON.stringify(`${DEPTH} require("node:worker_threads").parentPort.postMessage(n);`)};
    const w = new Worker(code, { eval: true, resourceLimits: { stackSizeMb: ${WORKER_STACK_MB} } });
    w.once("message", (worker) => { console.log(JSON.stringify({ main, worker })); process.exit(0); });
  `;
  const { main, worker } = JSON.parse(execFileSync("node", ["-e", script], { encoding: "utf8" })) as {
    main: number;
    worker: number;
  };
  expect(worker / main).toBeGreaterThan(0.75);
  expect(worker / main).toBeLessThan(1.25);
});

test("workerLimits: a stack size for Node and Bun workers, none for Deno's", () => {
  expect(workerLimits({}).stackSizeMb).toBe(WORKER_STACK_MB);
  expect(workerLimits({ Deno: {} }).stackSizeMb).toBeUndefined();
  expect(workerLimits({ Deno: {} }).maxOldGenerationSizeMb).toBe(workerLimits({}).maxOldGenerationSizeMb);
});
