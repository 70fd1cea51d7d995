// Node side of scripts/bench-generate.ts: times StrykerJS's instrumenter (it does not run under Bun:
// @babel/generator's default export interop differs) on the files named in argv, prints JSON.
import { readFileSync } from "node:fs";
import { Instrumenter } from "@stryker-mutator/instrumenter";

const [rounds, ...paths] = process.argv.slice(2);
const files = paths.map((p) => ({ name: p, content: readFileSync(p, "utf8"), mutate: true }));
const silent = () => undefined;
const logger = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => false,
  isErrorEnabled: () => false,
  isFatalEnabled: () => false,
  trace: silent,
  debug: silent,
  info: silent,
  warn: silent,
  error: silent,
  fatal: silent,
};
const instrumenter = new Instrumenter(logger);
const options = { plugins: null, excludedMutations: [], ignorers: [], noHeader: true };
const run = async (subset) => (await instrumenter.instrument(subset, options)).mutants.map((m) => m.mutatorName);

await run(files); // warm-up
const times = [];
let mutators = [];
for (let i = 0; i < Number(rounds); i++) {
  const start = performance.now();
  mutators = await run(files);
  times.push(performance.now() - start);
}
const perFile = [];
for (const file of files) {
  const start = performance.now();
  const count = (await run([file])).length;
  perFile.push({ name: file.name, count, ms: performance.now() - start });
}
process.stdout.write(JSON.stringify({ runtime: `Node ${process.version}`, times, mutators, perFile }));
