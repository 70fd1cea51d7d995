// Soak benchmark (not part of the test command): N consecutive full runs, in ONE process through the
// runGremlins API, on a generated bun:test project with ≥ 300 gremlins. Between runs it samples the
// coordinator's open file descriptors and threads (/proc/self), its live child processes, the temp dir's
// entries and the project's .gremlins/ entries; every run's verdicts must be identical to the first.
// Usage: bun scripts/bench-soak.ts [--runs 20] [--copies 8] [--executor auto|spawn|thread]
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadConfig } from "../src/config/index.ts";
import { runGremlins } from "../src/run/index.ts";
import type { ExecutorName } from "../src/types.ts";

const REPO = resolve(import.meta.dir, "..");
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
};
const RUNS = Number(option("--runs", "20"));
const COPIES = Number(option("--copies", "8"));
const EXECUTOR = option("--executor", "auto") as ExecutorName;

/** COPIES copies of the bun fixture's modules, each with its own bun:test file. */
function makeProject(dir: string): void {
  const fixture = join(REPO, "tests/fixtures/bun");
  cpSync(join(fixture, "bunfig.toml"), join(dir, "bunfig.toml"));
  mkdirSync(join(dir, "test"), { recursive: true });
  for (let i = 1; i <= COPIES; i++) {
    mkdirSync(join(dir, `src/mod${i}`), { recursive: true });
    for (const name of ["range", "slug"]) {
      cpSync(join(fixture, `src/${name}.ts`), join(dir, `src/mod${i}/${name}.ts`));
      const test = readFileSync(join(fixture, `test/${name}.test.ts`), "utf8").replace(
        `../src/${name}.ts`,
        `../src/mod${i}/${name}.ts`,
      );
      writeFileSync(join(dir, `test/${name}${i}.test.ts`), test);
    }
  }
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "bench-soak", private: true, type: "module", scripts: { test: "bun test" } }, null, 2),
  );
}

const count = (dir: string): number => (existsSync(dir) ? readdirSync(dir).length : 0);
const threads = (): number => Number(/^Threads:\s+(\d+)/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? -1);
const rssMb = (): number => Math.round(process.memoryUsage().rss / 1048576);
/** Live child processes of this process (zombies included: they would be a leak too). */
function children(): number {
  let n = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === process.pid) n++;
    } catch {
      // Gone meanwhile.
    }
  }
  return n;
}

interface Sample {
  run: number;
  wallMs: number;
  code: number;
  fds: number;
  threads: number;
  children: number;
  tmpEntries: number;
  gremlinsDirEntries: number;
  rssMb: number;
}

// The project's `bun test` needs bun on PATH: the repo's, from npm.
process.env.PATH = `${join(REPO, "node_modules/.bin")}:${process.env.PATH ?? ""}`;
const project = mkdtempSync(join(tmpdir(), "gremlins-soak-"));
const reportDir = mkdtempSync(join(tmpdir(), "gremlins-soak-report-"));
makeProject(project);
const sample = (run: number, wallMs: number, code: number): Sample => ({
  run,
  wallMs: Math.round(wallMs),
  code,
  fds: count("/proc/self/fd"),
  threads: threads(),
  children: children(),
  tmpEntries: count(tmpdir()),
  gremlinsDirEntries: count(join(project, ".gremlins")),
  rssMb: rssMb(),
});

const samples: Sample[] = [sample(0, 0, 0)];
let first: string | null = null;
let differing = 0;
let gremlins = 0;
const quietWrite = process.stdout.write.bind(process.stdout);
for (let run = 1; run <= RUNS; run++) {
  const config = await loadConfig(project, { executor: EXECUTOR, reporters: ["json"], reportDir, workers: "auto" });
  const started = performance.now();
  // The JSON reporter writes nothing to stdout; the info log goes to stderr (silenced by quiet).
  const code = await runGremlins(config, { quiet: true, cache: false });
  const wallMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 200)); // let terminated workers and children be reaped
  const report = JSON.parse(readFileSync(join(reportDir, "mutation.json"), "utf8")) as {
    files: Record<string, { mutants: { id: string; status: string }[] }>;
  };
  const verdicts = Object.entries(report.files)
    .flatMap(([file, f]) => f.mutants.map((m) => `${file} ${m.id} ${m.status}`))
    .sort()
    .join("\n");
  gremlins = verdicts.split("\n").length;
  if (first === null) first = verdicts;
  else if (verdicts !== first) differing++;
  samples.push(sample(run, wallMs, code));
  quietWrite(
    `run ${run}/${RUNS}: ${Math.round(wallMs)} ms, exit ${code}, fds ${samples.at(-1)?.fds}, threads ${samples.at(-1)?.threads}, children ${samples.at(-1)?.children}, tmp ${samples.at(-1)?.tmpEntries}, .gremlins ${samples.at(-1)?.gremlinsDirEntries}, rss ${samples.at(-1)?.rssMb} MB\n`,
  );
}

const after1 = samples[1] as Sample;
const last = samples.at(-1) as Sample;
const summary = {
  executor: EXECUTOR,
  runs: RUNS,
  gremlins,
  identicalVerdicts: differing === 0,
  runsWithDifferentVerdicts: differing,
  fds: {
    before: samples[0]?.fds,
    afterRun1: after1.fds,
    afterLast: last.fds,
    max: Math.max(...samples.map((s) => s.fds)),
  },
  threads: {
    before: samples[0]?.threads,
    afterRun1: after1.threads,
    afterLast: last.threads,
    max: Math.max(...samples.map((s) => s.threads)),
  },
  children: { afterLast: last.children, max: Math.max(...samples.map((s) => s.children)) },
  tmpEntries: { before: samples[0]?.tmpEntries, afterLast: last.tmpEntries },
  gremlinsDirEntries: { afterRun1: after1.gremlinsDirEntries, afterLast: last.gremlinsDirEntries },
  rssMb: { afterRun1: after1.rssMb, afterLast: last.rssMb },
  wallMs: {
    first: after1.wallMs,
    median: [...samples.slice(1).map((s) => s.wallMs)].sort((a, b) => a - b)[Math.floor(RUNS / 2)],
    last: last.wallMs,
  },
};
quietWrite(`${JSON.stringify(summary, null, 2)}\n`);
rmSync(project, { recursive: true, force: true });
rmSync(reportDir, { recursive: true, force: true });
const leaked =
  last.fds > after1.fds + 2 ||
  last.threads > after1.threads + 2 ||
  last.children > 0 ||
  last.gremlinsDirEntries > after1.gremlinsDirEntries;
process.exit(leaked || differing > 0 ? 1 : 0);
