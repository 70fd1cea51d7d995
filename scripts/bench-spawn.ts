// Benchmark of the spawn executor's test selection on real projects: `--executor spawn` with every
// gremlin running the whole test command (GREMLINS_TEST_SELECTION=off, the executor as it was) against
// per-file selection only (GREMLINS_TEST_SELECTION=files) and the default (per-test selection where the
// runner filters titles), same gremlins, same workers, one after the other; wall time, speedups and whether
// every gremlin's verdict is equal. Optionally StrykerJS's command runner on a copy of the project.
// Usage: bun scripts/bench-spawn.ts --project '<dir>|<mutate globs, comma-separated>|<test command>[|<extra gremlins args>]' [--project …]
//        [--workers 2] [--stryker-command <name of one project's dir>] [--only after | stryker | warm]
// Warm processes are used where the runner has them and they measure faster (GREMLINS_WARM_RUNS, default);
// `--only warm` runs the default twice instead, with warm runs off and on, and compares the two.
// The projects are directories prepared elsewhere (e.g. /tmp/realset/<name>); nothing of them is committed.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "pathe";
import { gremlinsCommand, npm } from "./_bench-project.ts";
import { measure, type Measured } from "./_measure.ts";

const REPO = resolve(import.meta.dirname, "..");
const STRYKER = "@stryker-mutator/core@9";

function flags(name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < process.argv.length; i++)
    if (process.argv[i] === `--${name}` && process.argv[i + 1]) out.push(process.argv[i + 1] as string);
  return out;
}
const WORKERS = Number(flags("workers")[0] ?? "2");
const STRYKER_FOR = new Set(flags("stryker-command"));
const ONLY = flags("only")[0];
const RUNTIME = flags("gremlins-runtime")[0] ?? "source";

interface BenchProject {
  name: string;
  dir: string;
  mutate: string[];
  testCommand: string;
  /** More `gremlins run` arguments, e.g. `--shard 1/3` to keep the whole-suite run short. */
  extra: string[];
}

function parseProject(text: string): BenchProject {
  const [dir, mutate, testCommand, extra] = text.split("|");
  if (!dir || !mutate || !testCommand)
    throw new Error(`--project '${text}': expected '<dir>|<mutate globs>|<test command>[|<extra args>]'`);
  return {
    name: basename(dir),
    dir: resolve(dir),
    mutate: mutate.split(","),
    testCommand,
    extra: extra ? extra.split(" ").filter(Boolean) : [],
  };
}

interface GremlinsRun {
  m: Measured;
  statuses: Map<string, string>;
  counts: Record<string, number>;
  selection: string;
  warm: string;
}

/** off: whole command per gremlin; files: per-file selection only (GREMLINS_TEST_SELECTION=files); tests: the default. */
type Selection = "off" | "files" | "tests";

async function runGremlins(project: BenchProject, selection: Selection, warm?: "off"): Promise<GremlinsRun> {
  const reportDir = mkdtempSync(join(tmpdir(), "gremlins-bench-spawn-"));
  const { command, prefix } = gremlinsCommand(REPO, RUNTIME);
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
    "spawn",
    "--reporters",
    "json",
    "--report-dir",
    reportDir,
    "--no-cache",
    ...project.extra,
  ];
  // NO_COLOR unset (measure sets it): the tests must see the user's terminal environment, as in bench-real
  // (commander.js's and kleur's colour tests fail under NO_COLOR=1).
  const env: Record<string, string | undefined> = {
    NO_COLOR: undefined,
    ...(selection === "tests" ? {} : { GREMLINS_TEST_SELECTION: selection }),
    ...(warm ? { GREMLINS_WARM_RUNS: warm } : {}),
  };
  const m = await measure(command, args, project.dir, env, 200);
  const statuses = new Map<string, string>();
  const counts: Record<string, number> = {};
  const file = join(reportDir, "mutation.json");
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, "utf8")) as {
      files: Record<string, { mutants: { id: string; status: string }[] }>;
    };
    for (const [path, entry] of Object.entries(report.files)) {
      for (const mutant of entry.mutants) {
        statuses.set(`${path}#${mutant.id}`, mutant.status);
        counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
      }
    }
  } else {
    console.error(`no report (exit ${m.code}):\n${m.stderr}`);
  }
  rmSync(reportDir, { recursive: true, force: true });
  const selectionLine = /Test selection: [^\n]*/.exec(m.stderr)?.[0] ?? "";
  const warmLine = /Warm runs: [^\n]*/.exec(m.stderr)?.[0] ?? "";
  return { m, statuses, counts, selection: selectionLine, warm: warmLine };
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [key, status] of a) if (b.get(key) !== status) out.push(`${key}: ${status} vs ${b.get(key) ?? "missing"}`);
  for (const key of b.keys()) if (!a.has(key)) out.push(`${key}: missing vs ${b.get(key)}`);
  return out;
}

const COUNTED = ["Killed", "Survived", "Timeout", "NoCoverage", "RuntimeError"];
const countsText = (c: Record<string, number>): string => COUNTED.map((s) => c[s] ?? 0).join(" / ");
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** StrykerJS's command runner (whole test command per mutant, no coverage analysis) on a copy of the project. */
async function strykerCommand(project: BenchProject): Promise<{ m: Measured; counts: Record<string, number> }> {
  const copy = mkdtempSync(join(tmpdir(), `stryker-${project.name}-`));
  // Caches keyed by the original paths (node_modules/.cache: esm, babel) are left behind.
  cpSync(project.dir, copy, {
    recursive: true,
    filter: (src) => !/\/(\.git|\.gremlins|\.stryker-tmp|node_modules\/\.cache)(\/|$)/.test(src),
  });
  npm(copy, ["install", "--no-save", STRYKER]);
  // StrykerJS's command runner does not put node_modules/.bin on PATH (npm test would): name the runner's path.
  const [program, ...rest] = project.testCommand.split(" ");
  const command = existsSync(join(copy, "node_modules/.bin", program as string))
    ? [`./node_modules/.bin/${program}`, ...rest].join(" ")
    : project.testCommand;
  const config = {
    mutate: project.mutate,
    testRunner: "command",
    commandRunner: { command },
    concurrency: WORKERS,
    reporters: ["json"],
    jsonReporter: { fileName: "reports/stryker.json" },
    tempDirName: ".stryker-tmp",
    cleanTempDir: true,
  };
  writeFileSync(join(copy, "stryker.config.json"), JSON.stringify(config, null, 2));
  // The esm loader's one shared cache breaks under StrykerJS's parallel test processes as it does under
  // gremlins' (which gives each worker its own): off for StrykerJS, so its dry run passes.
  const m = await measure(
    join(copy, "node_modules/.bin/stryker"),
    ["run"],
    copy,
    { ESM_OPTIONS: JSON.stringify({ cache: false }) },
    200,
  );
  const counts: Record<string, number> = {};
  const report = join(copy, "reports/stryker.json");
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8")) as {
      files: Record<string, { mutants: { status: string }[] }>;
    };
    for (const entry of Object.values(json.files))
      for (const mutant of entry.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  } else {
    console.error(`StrykerJS wrote no report (exit ${m.code}):\n${m.stderr}`);
  }
  rmSync(copy, { recursive: true, force: true });
  return { m, counts };
}

const projects = flags("project").map(parseProject);
if (projects.length === 0) {
  console.error(
    "usage: bun scripts/bench-spawn.ts --project '<dir>|<mutate globs>|<test command>' [--project …] [--workers 2] [--stryker-command <name>]",
  );
  process.exit(2);
}
console.log(`bench-spawn: ${WORKERS} workers, ${new Date().toISOString()}, statuses = ${COUNTED.join(" / ")}\n`);
console.log(
  "| project | test command | gremlins | whole suite per gremlin | per file only | per test (default) | speedup (whole / default, files / default) | verdicts vs whole suite (files, default) | statuses |\n|---|---|---:|---:|---:|---:|---:|---|---|",
);
for (const project of projects) {
  if (ONLY === "stryker") {
    const stryker = await strykerCommand(project);
    console.log(
      `| ${project.name} (StrykerJS 9 command runner) | \`${project.testCommand}\` | ${Object.values(stryker.counts).reduce((a, b) => a + b, 0)} | ${seconds(stryker.m.wallMs)} | | | | | ${countsText(stryker.counts)} |`,
    );
    continue;
  }
  if (ONLY === "warm") {
    // Warm runs against fresh processes, both with the default selection, one after the other.
    const fresh = await runGremlins(project, "tests", "off");
    const warm = await runGremlins(project, "tests");
    const diff = differences(fresh.statuses, warm.statuses);
    for (const line of diff.slice(0, 20)) console.error(`  ${line}`);
    console.log(
      `| ${project.name} (warm vs fresh) | \`${project.testCommand}\` | ${warm.statuses.size} | | fresh ${seconds(fresh.m.wallMs)} | warm ${seconds(warm.m.wallMs)} | ${(fresh.m.wallMs / warm.m.wallMs).toFixed(1)}× | ${diff.length === 0 ? "equal" : `${diff.length} differ`} | ${countsText(warm.counts)} |`,
    );
    console.error(`${project.name}: ${warm.warm || "Warm runs: (no line)"}`);
    continue;
  }
  const before = ONLY === "after" ? null : await runGremlins(project, "off");
  const fresh = await runGremlins(project, "files");
  const after = await runGremlins(project, "tests");
  const equalText = (other: GremlinsRun): string => {
    const diff = differences((before ?? fresh).statuses, other.statuses);
    if (!before && other === fresh) return "n/a";
    for (const line of diff.slice(0, 20)) console.error(`  ${line}`);
    return diff.length === 0 ? "equal" : `${diff.length} differ`;
  };
  const speedup = `${before ? `${(before.m.wallMs / after.m.wallMs).toFixed(1)}×` : "n/a"}, ${(fresh.m.wallMs / after.m.wallMs).toFixed(1)}×`;
  console.log(
    `| ${project.name}${project.extra.length > 0 ? ` (${project.extra.join(" ")})` : ""} | \`${project.testCommand}\` | ${after.statuses.size} | ${before ? seconds(before.m.wallMs) : "n/a"} | ${seconds(fresh.m.wallMs)} | ${seconds(after.m.wallMs)} | ${speedup} | ${equalText(fresh)}, ${equalText(after)} | ${countsText(after.counts)} |`,
  );
  console.error(`${project.name}: files: ${fresh.selection}`);
  console.error(`${project.name}: default: ${after.selection}`);
  console.error(`${project.name}: ${after.warm || "Warm runs: (no line)"}`);
  if (STRYKER_FOR.has(project.name)) {
    const stryker = await strykerCommand(project);
    if (Object.keys(stryker.counts).length === 0) {
      console.log(
        `| ${project.name} (StrykerJS 9 command runner) | \`${project.testCommand}\` | failed (exit ${stryker.m.code}) | ${seconds(stryker.m.wallMs)} | | | | | |`,
      );
      continue;
    }
    console.log(
      `| ${project.name} (StrykerJS 9 command runner) | \`${project.testCommand}\` | ${Object.values(stryker.counts).reduce((a, b) => a + b, 0)} | ${seconds(stryker.m.wallMs)} | | | gremlins (default) is ${(stryker.m.wallMs / after.m.wallMs).toFixed(1)}× faster | | ${countsText(stryker.counts)} |`,
    );
  }
}
