// Benchmark: gremlin generation + instrumentation (gremlins, oxc) against StrykerJS's Babel-based
// instrumenter, on the same real third-party files, in one process run. Usage: bun scripts/bench-generate.ts
// Real code comes from npm at bench time (qs's lib/, zod 3.25's src/v4/core/schemas.ts) into a temp dir; nothing is committed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "pathe";
import { generateGremlins } from "../src/mutate/index.ts";
import { instrumentFile } from "../src/instrument/index.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const workDir = join(tmpdir(), "gremlins-bench-generate");

/** Stryker mutator names → gremlins operator families, for the side-by-side table. */
const FAMILY: Record<string, string> = {
  ArithmeticOperator: "arithmetic",
  EqualityOperator: "equality",
  LogicalOperator: "logical",
  AssignmentOperator: "assignment",
  UnaryOperator: "unary",
  UpdateOperator: "update",
  BooleanLiteral: "boolean-literal",
  ConditionalExpression: "conditional",
  BlockStatement: "block",
  ArrayDeclaration: "array-literal",
  ObjectLiteral: "object-literal",
  StringLiteral: "string-literal",
  OptionalChaining: "optional-chaining",
  MethodExpression: "method",
  ArrowFunction: "arrow-body",
  Regex: "regex",
};

function installCorpus(): { name: string; content: string }[] {
  mkdirSync(workDir, { recursive: true });
  if (
    !existsSync(join(workDir, "node_modules/qs/lib/parse.js")) ||
    !existsSync(join(workDir, "node_modules/zod/src/v4/core/schemas.ts"))
  ) {
    console.error(`installing qs@6 and zod@3 from npm into ${workDir} …`);
    if (!existsSync(join(workDir, "package.json")))
      execFileSync("npm", ["init", "-y"], { cwd: workDir, stdio: "ignore" });
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "qs@6", "zod@3"], { cwd: workDir, stdio: "ignore" });
  }
  const files = [
    "qs/lib/formats.js",
    "qs/lib/index.js",
    "qs/lib/parse.js",
    "qs/lib/stringify.js",
    "qs/lib/utils.js",
    "zod/src/v4/core/schemas.ts",
  ];
  return files.map((f) => ({ name: f, content: readFileSync(join(workDir, "node_modules", f), "utf8") }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface StrykerSide {
  runtime: string;
  times: number[];
  mutators: string[];
  perFile: { name: string; count: number; ms: number }[];
}

/** StrykerJS's instrumenter only runs under Node, so it is timed in a Node child started from this run. */
function runStryker(paths: string[]): StrykerSide {
  const script = join(import.meta.dirname, "_stryker-instrument.mjs");
  const out = execFileSync("node", [script, String(ROUNDS), ...paths], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as StrykerSide;
}

function runGremlins(files: { name: string; content: string }[]): string[] {
  const {
    files: sources,
    gremlins,
    failures,
  } = generateGremlins(files.map((f) => ({ file: f.name, source: f.content })));
  if (failures.length > 0)
    throw new Error(`gremlins failed to parse: ${failures.map((f) => `${f.file}:${f.line}: ${f.message}`).join("; ")}`);
  for (const source of sources) instrumentFile(source);
  return gremlins.map((g) => g.operator);
}

async function timeIt<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

function countBy(names: string[], map: (n: string) => string = (n) => n): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(map(n), (counts.get(map(n)) ?? 0) + 1);
  return counts;
}

const corpus = installCorpus();
const runtime = typeof Bun !== "undefined" ? `Bun ${Bun.version}` : `Node ${process.version}`;
const lines = corpus.reduce((n, f) => n + f.content.split("\n").length, 0);

// gremlins: warm up once (JIT, lazy requires), then ROUNDS timed rounds over the whole corpus.
runGremlins(corpus);
const gremlinTimes: number[] = [];
let gremlinOps: string[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const g = await timeIt(() => runGremlins(corpus));
  gremlinTimes.push(g.ms);
  gremlinOps = g.value;
}
const gremlinPerFile: { count: number; ms: number }[] = [];
for (const file of corpus) {
  const g = await timeIt(() => runGremlins([file]));
  gremlinPerFile.push({ count: g.value.length, ms: g.ms });
}
const stryker = runStryker(corpus.map((f) => join(workDir, "node_modules", f.name)));
console.log(
  `corpus: ${corpus.map((f) => f.name).join(", ")} (${lines} lines); gremlins on ${runtime}, StrykerJS instrumenter on ${stryker.runtime}; ${ROUNDS} rounds, median, generate + instrument`,
);

const gCounts = countBy(gremlinOps);
const sCounts = countBy(stryker.mutators, (n) => FAMILY[n] ?? n);
const families = [...new Set([...gCounts.keys(), ...sCounts.keys()])].sort();
console.log("\n| operator family | gremlins | StrykerJS |\n|---|---:|---:|");
for (const family of families) console.log(`| ${family} | ${gCounts.get(family) ?? 0} | ${sCounts.get(family) ?? 0} |`);
console.log(`| **total** | **${gremlinOps.length}** | **${stryker.mutators.length}** |`);
console.log(
  "\n| file | lines | gremlins | StrykerJS mutants | gremlins ms | StrykerJS ms | ratio |\n|---|---:|---:|---:|---:|---:|---:|",
);
corpus.forEach((file, i) => {
  const g = gremlinPerFile[i]!;
  const s = stryker.perFile[i]!;
  console.log(
    `| ${file.name} | ${file.content.split("\n").length} | ${g.count} | ${s.count} | ${g.ms.toFixed(1)} | ${s.ms.toFixed(1)} | ${(s.ms / g.ms).toFixed(1)}× |`,
  );
});
const gMedian = median(gremlinTimes);
const sMedian = median(stryker.times);
console.log(
  `\nwhole corpus: gremlins ${gMedian.toFixed(1)} ms, StrykerJS instrumenter ${sMedian.toFixed(1)} ms — gremlins is ${(sMedian / gMedian).toFixed(1)}× faster`,
);
