// Benchmark: a full gremlins run against StrykerJS on the same files of the same project at the same
// concurrency, in one process run: wall time, peak memory of all processes, mutant counts, statuses.
// Usage: bun scripts/bench.ts [--projects qs,mocha] [--executors spawn,thread] [--workers 2] [--skip-stryker]
//        bun scripts/bench.ts --efficiency   (scheduler efficiency of the thread executor at 1 and 2 workers on qs)
// Third-party code (qs and its test dependencies, StrykerJS) is installed from npm into a temp dir at
// bench time; nothing of it is committed.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { gremlinsCommand, npm, type Project } from "./_bench-project.ts";
import { join, resolve } from "pathe";
import { measure as measureRaw, type Measured } from "./_measure.ts";

const REPO = resolve(import.meta.dirname, "..");
const BENCH_DIR = join(tmpdir(), "gremlins-bench");
// StrykerJS 10 requires Node ≥ 22; this machine has Node 20, so the latest 9.x (same instrumenter design) is used.
const STRYKER = ["@stryker-mutator/core@9", "@stryker-mutator/tap-runner@9", "@stryker-mutator/mocha-runner@9"];

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const WORKERS = Number(flag("workers", "2"));
const PROJECTS = flag("projects", "qs,mocha").split(",");
const EXECUTORS = flag("executors", "spawn").split(",");
const SKIP_STRYKER = process.argv.includes("--skip-stryker");
/** Which gremlins runs in the benchmark: source | node | binary (see gremlinsCommand). */
const GREMLINS_RUNTIME = flag("gremlins-runtime", "source");

/** qs from npm with only the packages its tests need (its devDependencies also hold linters and bundlers). */
function prepareQs(): Project {
  const dir = join(BENCH_DIR, "qs");
  if (!existsSync(join(dir, "node_modules/tape"))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const tarball = execFileSync("npm", ["pack", "qs@6", "--silent"], { cwd: dir, encoding: "utf8" })
      .trim()
      .split("\n")
      .pop()!;
    execFileSync("tar", ["xzf", tarball, "--strip-components=1"], { cwd: dir });
    rmSync(join(dir, tarball));
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const testDeps = [
      "es-value-fixtures",
      "for-each",
      "has-bigints",
      "has-override-mistake",
      "has-property-descriptors",
      "has-proto",
      "has-symbols",
      "iconv-lite",
      "mock-property",
      "object-inspect",
      "qs-iconv",
      "safer-buffer",
      "tape",
    ];
    // Major versions only: the registry mirror here can lag the newest minor that qs asks for.
    const major = (range: string) => range.replace(/^[~^=]*(\d+)\..*$/, "^$1");
    pkg.devDependencies = Object.fromEntries(
      testDeps.filter((d) => pkg.devDependencies?.[d]).map((d) => [d, major(pkg.devDependencies[d])]),
    );
    pkg.scripts = { test: "tape 'test/**/*.js'" };
    writeFileSync(join(dir, "package.json"), JSON.stringify(pkg, null, 2));
    npm(dir, ["install"]);
    npm(dir, ["install", "--no-save", ...STRYKER]);
  }
  return {
    name: "qs (lib/stringify.js, lib/formats.js; tape)",
    dir,
    mutate: ["lib/stringify.js", "lib/formats.js"],
    testCommand: "tape 'test/**/*.js'",
    stryker: { testRunner: "tap", tap: { testFiles: ["test/**/*.js"] } },
  };
}

/** The mocha fixture, copied out of the repo with its own node_modules. */
function prepareMochaFixture(): Project {
  const dir = join(BENCH_DIR, "mocha-fixture");
  if (!existsSync(join(dir, "node_modules/mocha"))) {
    rmSync(dir, { recursive: true, force: true });
    cpSync(join(REPO, "tests/fixtures/mocha"), dir, { recursive: true });
    npm(dir, ["install", "--no-save", "mocha@11", ...STRYKER]); // mocha-runner 9 supports mocha < 12
  }
  return {
    name: "fixture mocha (src/*.js; mocha)",
    dir,
    mutate: readdirSync(join(dir, "src")).map((f) => `src/${f}`),
    testCommand: "mocha",
    stryker: { testRunner: "mocha" },
  };
}

/** Like measureRaw, but says on stderr when the command failed (exit codes other than 0 and 1). */
async function measure(command: string, args: string[], cwd: string): Promise<Measured> {
  const m = await measureRaw(command, args, cwd, {}, 100);
  if (m.code !== 0 && m.code !== 1) console.error(`${command} ${args.join(" ")} exited ${m.code}:\n${m.stderr}`);
  return m;
}

type Counts = Record<string, number>;

function statusCounts(reportPath: string): { total: number; counts: Counts } {
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as {
    files: Record<string, { mutants: { status: string }[] }>;
  };
  const counts: Counts = {};
  let total = 0;
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      total++;
    }
  }
  return { total, counts };
}

const STATUSES = ["Killed", "Survived", "Timeout", "NoCoverage", "RuntimeError", "CompileError", "Ignored"];

function row(tool: string, m: Measured, r: { total: number; counts: Counts }, reference?: Measured): string {
  const score =
    ((r.counts.Killed ?? 0) + (r.counts.Timeout ?? 0)) /
    ((r.counts.Killed ?? 0) + (r.counts.Timeout ?? 0) + (r.counts.Survived ?? 0) + (r.counts.NoCoverage ?? 0));
  const ratio = reference ? `${(reference.wallMs / m.wallMs).toFixed(1)}×` : "1.0×";
  return `| ${tool} | ${(m.wallMs / 1000).toFixed(1)} s | ${m.peakRssMb.toFixed(0)} MB | ${r.total} | ${STATUSES.map((s) => r.counts[s] ?? 0).join(" / ")} | ${(score * 100).toFixed(1)}% | ${ratio} |`;
}

mkdirSync(BENCH_DIR, { recursive: true });
if (process.argv.includes("--efficiency")) {
  await efficiencyBench();
  process.exit(0);
}
console.log(`bench: concurrency ${WORKERS}, ${new Date().toISOString()}, statuses = ${STATUSES.join(" / ")}`);
for (const name of PROJECTS) {
  const project = name === "qs" ? prepareQs() : prepareMochaFixture();
  console.log(
    `\n### ${project.name}\n\n| tool | wall | peak RSS (all processes) | mutants | statuses | score | speed vs StrykerJS |\n|---|---:|---:|---:|---|---:|---:|`,
  );
  let stryker: Measured | undefined;
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
    stryker = await measure(join(project.dir, "node_modules/.bin/stryker"), ["run"], project.dir);
    console.log(row("StrykerJS 9", stryker, statusCounts(join(project.dir, "reports/stryker.json"))));
  }
  for (const executor of EXECUTORS) {
    rmSync(join(project.dir, "reports/gremlins"), { recursive: true, force: true });
    const { command, prefix } = gremlinsCommand(REPO, GREMLINS_RUNTIME);
    const args = [
      ...prefix,
      "run",
      "--root",
      project.dir,
      "--mutate",
      project.mutate.join(","),
      "--test-command",
      project.testCommand,
      "--workers",
      String(WORKERS),
      "--executor",
      executor,
      "--reporters",
      "json",
      "--quiet",
      "--no-cache",
    ];
    const m = await measure(command, args, project.dir);
    console.log(
      row(
        `gremlins ${GREMLINS_RUNTIME === "source" ? "" : `[${GREMLINS_RUNTIME}] `}(${executor})`,
        m,
        statusCounts(join(project.dir, "reports/gremlins/mutation.json")),
        stryker,
      ),
    );
  }
}

/**
 * Scheduler efficiency (issue 6): the thread executor on qs with ≥ 300 gremlins (lib/utils.js,
 * lib/stringify.js, lib/parse.js; tape) at 1 and 2 workers. gremlins --verbose prints the lower bound
 * (baseline + the test time the verdicts needed ÷ workers) and the achieved time (baseline + mutation);
 * efficiency = lower bound / achieved. Also the 2-vs-1 speedup of the same phase and of the whole process.
 */
async function efficiencyBench(): Promise<void> {
  // qs's tape suite needs t.intercept, which the built-in harness lacks (the thread executor refuses it);
  // --efficiency-project generated (default) uses a generated node:test project instead.
  const which = flag("efficiency-project", "generated");
  const project = which === "qs" ? prepareQs() : prepareGenerated();
  const mutate = which === "qs" ? ["lib/utils.js", "lib/stringify.js", "lib/parse.js"] : project.mutate;
  const runs = Number(flag("runs", "1"));
  console.log(`\n### scheduler efficiency: ${project.name}, thread executor\n`);
  console.log(
    "| workers | gremlins run | process wall | baseline + mutation | lower bound | efficiency | speedup vs 1 worker |\n|---:|---:|---:|---:|---:|---:|---:|",
  );
  const achieved = new Map<number, number>();
  for (const workers of [1, 2]) {
    for (let r = 0; r < runs; r++) {
      rmSync(join(project.dir, "reports/gremlins"), { recursive: true, force: true });
      const args = [
        join(REPO, "src/cli/bin.ts"),
        "run",
        "--root",
        project.dir,
        "--mutate",
        mutate.join(","),
        "--test-command",
        project.testCommand,
        "--workers",
        String(workers),
        "--executor",
        "thread",
        "--reporters",
        "json",
        "--no-cache",
        "--verbose",
      ];
      const m = await measure(join(REPO, "node_modules/.bin/bun"), args, project.dir);
      const line = /Efficiency: lower bound ([\d.]+) (ms|s) .*achieved ([\d.]+) (ms|s): ([\d.]+)/.exec(m.stderr);
      const report = join(project.dir, "reports/gremlins/mutation.json");
      const counts = existsSync(report) ? statusCounts(report).counts : {};
      const tested = (counts.Killed ?? 0) + (counts.Survived ?? 0) + (counts.Timeout ?? 0) + (counts.RuntimeError ?? 0);
      if (!line) {
        console.log(
          `| ${workers} | ${tested} | ${(m.wallMs / 1000).toFixed(1)} s | ? | ? | ? | (no efficiency line; exit ${m.code}) |`,
        );
        continue;
      }
      const ms = (value: string, unit: string) => Number(value) * (unit === "s" ? 1000 : 1);
      const bound = ms(line[1]!, line[2]!);
      const done = ms(line[3]!, line[4]!);
      if (!achieved.has(workers)) achieved.set(workers, done);
      const speedup = workers === 1 ? "1.00×" : `${((achieved.get(1) ?? Number.NaN) / done).toFixed(2)}×`;
      console.log(
        `| ${workers} | ${tested} | ${(m.wallMs / 1000).toFixed(1)} s | ${(done / 1000).toFixed(2)} s | ${(bound / 1000).toFixed(2)} s | ${line[5]} | ${speedup} |`,
      );
    }
  }
}

/**
 * A generated node:test project: 6 modules × 8 small functions (≈ 500 gremlins), one test per function
 * whose run time varies from 0.2 to 4 ms (a deterministic busy wait), plus one slower test per module
 * that calls every function — realistic skew for the scheduler. Regenerated on each bench run.
 */
function prepareGenerated(): Project {
  const dir = join(BENCH_DIR, "generated");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "src"), { recursive: true });
  mkdirSync(join(dir, "test"), { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify(
      { name: "bench-generated", private: true, type: "module", scripts: { test: "node --test" } },
      null,
      2,
    ),
  );
  const mutate: string[] = [];
  for (let m = 0; m < 6; m++) {
    const fns: string[] = [];
    const tests: string[] = [
      `import { test } from "node:test";`,
      `import assert from "node:assert/strict";`,
      `import * as mod from "../src/m${m}.js";`,
      `function spin(ms) { const end = performance.now() + ms; while (performance.now() < end); }`,
    ];
    for (let f = 0; f < 8; f++) {
      const k = m * 8 + f;
      fns.push(`export function f${f}(a, b) {
  if (a > b && b >= 0) {
    return a - b + ${k};
  }
  const c = a * 2 + b;
  const label = c >= 10 ? "big" : "small";
  return label === "big" ? c : c + 1;
}`);
      const spinMs = ((k * 37) % 20) / 5 + 0.2;
      tests.push(`test("f${f} of module ${m}", () => {
  spin(${spinMs.toFixed(1)});
  assert.equal(mod.f${f}(5, 3), ${2 + k});
  assert.equal(mod.f${f}(1, 2), 5);
  assert.equal(mod.f${f}(4, 4), 12);
  assert.equal(mod.f${f}(5, -1), 10);
});`);
    }
    tests.push(`test("module ${m} end to end", () => {
  spin(6);
  let total = 0;
  for (const f of Object.values(mod)) total += f(7, 2) + f(0, 9);
  assert.ok(total > 0);
});`);
    writeFileSync(join(dir, `src/m${m}.js`), `${fns.join("\n\n")}\n`);
    writeFileSync(join(dir, `test/m${m}.test.js`), `${tests.join("\n\n")}\n`);
    mutate.push(`src/m${m}.js`);
  }
  return {
    name: "generated node:test project (6 modules, 49 tests)",
    dir,
    mutate,
    testCommand: "node --test",
    stryker: {},
  };
}
