// Benchmark of the thread executor: per fixture / project, thread vs spawn (and StrykerJS on the
// projects): wall, peak RSS of all processes, gremlins/s, verdicts identical between thread and spawn,
// and the thread executor's per-gremlin overhead — worker time beyond the selected tests' own baseline
// time: (workers × execution wall − Σ baseline time of the tests each gremlin ran) / gremlins run.
// Usage: bun scripts/bench-thread.ts [--fixtures bun,node-test,…|none] [--projects vitest-gen,qs|none]
//        [--workers 2] [--copies 14] [--skip-stryker] [--gremlins-runtime source|node|binary (projects only)]
// Projects are built in $TMPDIR/gremlins-bench (qs is prepared by scripts/bench.ts; vitest-gen is the
// vitest fixture's code replicated, with vitest 3 and StrykerJS 9 installed from npm); nothing is committed.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { gremlinsCommand, npm, type Project } from "./_bench-project.ts";
import { join, resolve } from "pathe";
import { measure, type Measured } from "./_measure.ts";

const REPO = resolve(import.meta.dirname, "..");
const BUN = join(REPO, "node_modules/.bin/bun");
const BENCH_DIR = join(tmpdir(), "gremlins-bench");
const STRYKER = ["@stryker-mutator/core@9"];

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const list = (value: string) => (value === "none" ? [] : value.split(","));
const WORKERS = Number(flag("workers", "2"));
const FIXTURES = list(
  flag("fixtures", "bun,node-test,mocha,uvu,tape,jest,vitest,thread-static,thread-leak,thread-rejection"),
);
const PROJECTS = list(flag("projects", "vitest-gen,qs"));
const COPIES = Number(flag("copies", "14"));
const SKIP_STRYKER = process.argv.includes("--skip-stryker");
/** How gremlins runs for the projects (source | node | binary): qs's suite passes its thread baseline on Node only. */
const PROJECT_RUNTIME = flag("gremlins-runtime", "source");

interface Stats {
  phases: Record<string, number>;
  workers: number;
  gremlins: { status: string; testMs: number; durationMs: number; static: boolean }[];
}

interface GremlinsRun extends Measured {
  statuses: Map<string, string>;
  stats: Stats | null;
}

/** One `gremlins run` (from source) with `--executor <executor>`; statuses by stable id, thread stats. */
async function runGremlins(dir: string, executor: string, extra: string[], runtime = "source"): Promise<GremlinsRun> {
  const out = mkdtempSync(join(tmpdir(), "gremlins-bench-thread-"));
  try {
    const statsFile = join(out, "stats.json");
    const { command, prefix } = gremlinsCommand(REPO, runtime);
    const args = [
      ...prefix,
      "run",
      "--executor",
      executor,
      "--workers",
      String(WORKERS),
      "--reporters",
      "json",
      "--report-dir",
      out,
      "--no-cache",
      ...extra,
    ];
    const m = await measure(command, args, dir, { GREMLINS_THREAD_STATS: statsFile });
    if (m.code !== 0 && m.code !== 1)
      console.error(`gremlins (${executor}) in ${dir} exited ${m.code}:\n${m.stderr.slice(-2000)}`);
    const statuses = new Map<string, string>();
    const report = join(out, "mutation.json");
    if (existsSync(report)) {
      const json = JSON.parse(readFileSync(report, "utf8")) as {
        files: Record<string, { mutants: { id: string; status: string }[] }>;
      };
      for (const [file, entry] of Object.entries(json.files))
        for (const mutant of entry.mutants) statuses.set(`${file} ${mutant.id}`, mutant.status);
    }
    const stats = existsSync(statsFile) ? (JSON.parse(readFileSync(statsFile, "utf8")) as Stats) : null;
    return { ...m, statuses, stats };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function counts(statuses: Map<string, string>): Record<string, number> {
  const c: Record<string, number> = {};
  for (const s of statuses.values()) c[s] = (c[s] ?? 0) + 1;
  return c;
}

const STATUSES = ["Killed", "Survived", "Timeout", "NoCoverage", "RuntimeError", "Ignored"];
const statusText = (c: Record<string, number>) => STATUSES.map((s) => c[s] ?? 0).join("/");

function identical(a: Map<string, string>, b: Map<string, string>): string {
  let same = 0;
  for (const [id, status] of a) if (b.get(id) === status) same++;
  return `${same}/${Math.max(a.size, b.size)}`;
}

/** Overhead line of a thread run: execution wall, Σ selected tests' baseline time, overhead per gremlin. */
function overhead(run: GremlinsRun): { execMs: number; testMs: number; perGremlinMs: number; ran: number } | null {
  const s = run.stats;
  if (!s || s.phases["execute-start"] === undefined || s.phases["execute-end"] === undefined) return null;
  const execMs = (s.phases["execute-end"] as number) - (s.phases["execute-start"] as number);
  const testMs = s.gremlins.reduce((sum, g) => sum + g.testMs, 0);
  const ran = s.gremlins.length;
  return { execMs, testMs, perGremlinMs: ran > 0 ? (s.workers * execMs - testMs) / ran : 0, ran };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Each gremlin's own time beyond its selected tests' baseline time (durationMs − testMs, verification
 * shares included), by kind: dynamic Killed/Survived (the per-gremlin overhead the executor adds), static
 * (a fresh or reloaded module graph) and Timeout (the limit had to pass). Mean and median, ms.
 */
function overheadByKind(run: GremlinsRun): string {
  const groups = new Map<string, number[]>();
  for (const g of run.stats?.gremlins ?? []) {
    const kind = g.status === "Timeout" ? "Timeout" : g.static ? "static" : `dynamic ${g.status}`;
    groups.set(kind, [...(groups.get(kind) ?? []), g.durationMs - g.testMs]);
  }
  const parts: string[] = [];
  for (const [kind, values] of [...groups].sort()) {
    const sorted = [...values].sort((a, b) => a - b);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    parts.push(
      `${kind}: ${values.length}, mean ${mean.toFixed(2)} ms, median ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(2)} ms`,
    );
  }
  return parts.join("; ");
}

async function benchFixtures(): Promise<void> {
  if (FIXTURES.length === 0) return;
  console.log(`\n### Fixtures (concurrency ${WORKERS})\n`);
  console.log(
    "| fixture | gremlins | thread wall | spawn wall | thread peak RSS | spawn peak RSS | identical | exec wall | Σ selected tests | overhead/gremlin |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const fixture of FIXTURES) {
    const dir = join(REPO, "tests/fixtures", fixture);
    const thread = await runGremlins(dir, "thread", []);
    const spawned = await runGremlins(dir, "spawn", []);
    const o = overhead(thread);
    console.log(
      `| ${fixture} | ${thread.statuses.size} | ${secs(thread.wallMs)} | ${secs(spawned.wallMs)} | ${thread.peakRssMb.toFixed(0)} MB | ${spawned.peakRssMb.toFixed(0)} MB | ${identical(thread.statuses, spawned.statuses)} | ` +
        (o
          ? `${o.execMs.toFixed(0)} ms | ${o.testMs.toFixed(0)} ms | ${o.perGremlinMs.toFixed(2)} ms (${o.ran} run) |`
          : "– | – | – |"),
    );
  }
}

/** The vitest fixture's code and tests replicated COPIES times (each copy its own modules and test files). */
function prepareVitestGen(): Project {
  const dir = join(BENCH_DIR, "vitest-gen");
  const fixture = join(REPO, "tests/fixtures/vitest");
  if (
    !existsSync(join(dir, "node_modules/vitest")) ||
    (!SKIP_STRYKER && !existsSync(join(dir, "node_modules/@stryker-mutator/vitest-runner")))
  ) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "vitest-gen", private: true, type: "module", scripts: { test: "vitest run" } }, null, 2),
    );
    npm(dir, [
      "install",
      "--no-save",
      "vitest@3",
      ...(SKIP_STRYKER ? [] : [...STRYKER, "@stryker-mutator/vitest-runner@9"]),
    ]);
  }
  for (const sub of ["src", "test"]) rmSync(join(dir, sub), { recursive: true, force: true });
  cpSync(join(fixture, "vitest.config.ts"), join(dir, "vitest.config.ts"));
  mkdirSync(join(dir, "src"));
  mkdirSync(join(dir, "test"));
  const modules = readdirSync(join(fixture, "src")).map((f) => f.replace(/\.ts$/, ""));
  for (let copy = 1; copy <= COPIES; copy++) {
    for (const name of modules) {
      cpSync(join(fixture, "src", `${name}.ts`), join(dir, "src", `${name}${copy}.ts`));
      let test = readFileSync(join(fixture, "test", `${name}.test.ts`), "utf8");
      for (const other of modules) test = test.replaceAll(`../src/${other}.ts`, `../src/${other}${copy}.ts`);
      writeFileSync(join(dir, "test", `${name}${copy}.test.ts`), test);
    }
  }
  return {
    name: `vitest fixture ×${COPIES} (vitest 3)`,
    dir,
    mutate: ["src/*.ts"],
    testCommand: "vitest run",
    stryker: { testRunner: "vitest" },
  };
}

/** qs as scripts/bench.ts prepares it (installed from npm into $TMPDIR/gremlins-bench/qs). */
function prepareQs(): Project {
  const dir = join(BENCH_DIR, "qs");
  if (!existsSync(join(dir, "node_modules/tape"))) {
    console.log("(preparing qs through scripts/bench.ts)");
    execFileSync(BUN, [join(REPO, "scripts/bench.ts"), "--projects", "qs", "--executors", "spawn", "--skip-stryker"], {
      stdio: "inherit",
    });
  }
  return {
    name: "qs (lib/stringify.js, lib/formats.js; tape)",
    dir,
    mutate: ["lib/stringify.js", "lib/formats.js"],
    testCommand: "tape 'test/**/*.js'",
    stryker: { testRunner: "tap", tap: { testFiles: ["test/**/*.js"] } },
  };
}

function strykerCounts(file: string): Record<string, number> {
  const c: Record<string, number> = {};
  if (!existsSync(file)) return c;
  const report = JSON.parse(readFileSync(file, "utf8")) as { files: Record<string, { mutants: { status: string }[] }> };
  for (const entry of Object.values(report.files)) for (const m of entry.mutants) c[m.status] = (c[m.status] ?? 0) + 1;
  return c;
}

async function benchProjects(): Promise<void> {
  for (const name of PROJECTS) {
    mkdirSync(BENCH_DIR, { recursive: true });
    const project = name === "qs" ? prepareQs() : prepareVitestGen();
    console.log(`\n### ${project.name} (concurrency ${WORKERS})\n`);
    console.log(
      `| tool | wall | peak RSS (all processes) | mutants | gremlins/s | ${STATUSES.join("/")} | identical to spawn | speed vs StrykerJS |`,
    );
    console.log("|---|---:|---:|---:|---:|---|---:|---:|");
    let strykerMs: number | undefined;
    if (!SKIP_STRYKER) {
      const config = {
        ...project.stryker,
        mutate: project.mutate,
        concurrency: WORKERS,
        reporters: ["json"],
        jsonReporter: { fileName: "reports/stryker.json" },
        tempDirName: ".stryker-tmp",
        cleanTempDir: true,
      };
      writeFileSync(join(project.dir, "stryker.config.json"), JSON.stringify(config, null, 2));
      rmSync(join(project.dir, "reports/stryker.json"), { force: true });
      const m = await measure(join(project.dir, "node_modules/.bin/stryker"), ["run"], project.dir);
      if (m.code !== 0) console.error(`StrykerJS exited ${m.code}:\n${m.stderr.slice(-2000)}`);
      const c = strykerCounts(join(project.dir, "reports/stryker.json"));
      const total = Object.values(c).reduce((a, b) => a + b, 0);
      strykerMs = m.wallMs;
      console.log(
        `| StrykerJS 9 | ${secs(m.wallMs)} | ${m.peakRssMb.toFixed(0)} MB | ${total} | ${(total / (m.wallMs / 1000)).toFixed(1)} | ${statusText(c)} | – | 1.0× |`,
      );
    }
    const extra = ["--mutate", project.mutate.join(","), "--test-command", project.testCommand];
    const thread = await runGremlins(project.dir, "thread", extra, PROJECT_RUNTIME);
    const spawned = await runGremlins(project.dir, "spawn", extra, PROJECT_RUNTIME);
    for (const [label, run] of [
      ["gremlins (thread)", thread],
      ["gremlins (spawn)", spawned],
    ] as const) {
      const ratio = strykerMs ? `${(strykerMs / run.wallMs).toFixed(1)}×` : "–";
      const same = label.includes("thread") ? identical(thread.statuses, spawned.statuses) : "–";
      console.log(
        `| ${label} | ${secs(run.wallMs)} | ${run.peakRssMb.toFixed(0)} MB | ${run.statuses.size} | ${(run.statuses.size / (run.wallMs / 1000)).toFixed(1)} | ${statusText(counts(run.statuses))} | ${same} | ${ratio} |`,
      );
    }
    const o = overhead(thread);
    if (o)
      console.log(
        `\nthread: execution ${o.execMs.toFixed(0)} ms for ${o.ran} gremlins run; Σ selected tests' baseline time ${o.testMs.toFixed(0)} ms; overhead ${o.perGremlinMs.toFixed(2)} ms per gremlin (× ${WORKERS} workers)`,
      );
    if (o) console.log(`thread, per gremlin beyond its tests' baseline time: ${overheadByKind(thread)}`);
    if (!thread.stderr.includes("Executor: thread"))
      console.log(`(thread run fell back: ${/Executor: .*/.exec(thread.stderr)?.[0] ?? "see stderr"})`);
  }
}

console.log(`bench-thread: ${new Date().toISOString()}, statuses = ${STATUSES.join("/")}`);
await benchFixtures();
await benchProjects();
