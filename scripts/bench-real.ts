// Benchmark on real projects (issue 15): for each project directory, a gremlins run with the default
// executor (auto) and one with `--executor spawn`, at 2 workers: the executor auto chose and why, wall
// times, verdict counts, and the verdicts compared gremlin by gremlin (Killed-vs-Timeout apart).
// Usage: bun scripts/bench-real.ts <dir…> [--binary <path>] [--runtime binary|node|source] [--workers 2]
//        [--skip-spawn] [--leg-limit <s>] [--stryker] [--verify <n|p%>] [--json <file>] [--mutate <globs>] [--test-command <cmd>]
//        [--keep-reports <dir>]  (each leg's JSON report kept as <dir>/<project>.<executor>.json, e.g. to name disagreements)
// The auto leg's --verify re-check (gremlins' default sample, or --verify's) is read from its report: the
// "verify" column says how many thread verdicts the spawn executor re-checked (of how many sampled, and why it
// stopped), how many agreed, and its cost: its wall time and that time's share of the rest of the leg's wall time.
// A spawn leg is not run again when auto already fell back to spawn; a leg past --leg-limit (default
// 300 s) is stopped and shown as such (its executor line and reason are still read).
// Each project's settings live OUTSIDE its tree, beside it: <dir>.bench.json =
//   { "runner": "mocha", "mutate": ["lib/x.js"], "testCommand"?: "…", "skipSpawn"?: true, "repo"?: "o/n", "commit"?: "…", "note"?: "…" }
// (--mutate / --test-command override it; with neither, gremlins detects the test command itself).
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  existsSync,
  readFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "pathe";
import { gremlinsCommand } from "./_bench-project.ts";
import { measure, type Measured } from "./_measure.ts";
import {
  compareVerdicts,
  countStatuses,
  readExecutorChoice,
  readVerdicts,
  type Comparison,
  type ExecutorChoice,
} from "./_verdicts.ts";
import { strykerAvailableFor, runStryker, type StrykerLeg } from "./_bench-stryker.ts";

const REPO = resolve(import.meta.dirname, "..");
const STATUSES = ["Killed", "Survived", "Timeout", "NoCoverage", "RuntimeError", "Ignored"];

interface Args {
  dirs: string[];
  flags: Map<string, string | true>;
}

/** `--name value` and bare `--switch` flags; everything else is a project directory. */
function parseArgs(argv: string[]): Args {
  const switches = new Set(["--skip-spawn", "--stryker", "--help"]);
  const flags = new Map<string, string | true>();
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (switches.has(arg)) flags.set(arg.slice(2), true);
    else if (arg.startsWith("--")) {
      const value = argv[++i];
      if (value === undefined) fail(`${arg} needs a value`);
      flags.set(arg.slice(2), value as string);
    } else dirs.push(resolve(arg));
  }
  return { dirs, flags };
}

function fail(message: string): never {
  console.error(`bench-real: ${message}`);
  process.exit(2);
}

export interface BenchProject {
  name: string;
  dir: string;
  runner: string;
  mutate: string[];
  testCommand?: string;
  skipSpawn?: boolean;
  repo?: string;
  commit?: string;
  note?: string;
  /** Extra StrykerJS options for --stryker (e.g. mochaOptions). */
  stryker?: Record<string, unknown>;
}

/** The project's settings: `<dir>.bench.json` beside it, then the command-line overrides. */
function loadProject(dir: string, flags: Map<string, string | true>): BenchProject {
  if (!existsSync(join(dir, "package.json")) && !existsSync(join(dir, "deno.json")))
    fail(`${dir} has no package.json or deno.json: pass a project directory`);
  const file = join(dirname(dir), `${basename(dir)}.bench.json`);
  let settings: Partial<BenchProject> = {};
  if (existsSync(file)) {
    try {
      settings = JSON.parse(readFileSync(file, "utf8")) as Partial<BenchProject>;
    } catch (error) {
      fail(`${file} is not valid JSON (${(error as Error).message}): fix it or pass --mutate`);
    }
  }
  const mutate = typeof flags.get("mutate") === "string" ? (flags.get("mutate") as string).split(",") : settings.mutate;
  if (!mutate?.length) fail(`no files to mutate for ${dir}: write "mutate" in ${file} or pass --mutate`);
  const testCommand =
    typeof flags.get("test-command") === "string" ? (flags.get("test-command") as string) : settings.testCommand;
  return { ...settings, name: basename(dir), dir, runner: settings.runner ?? "?", mutate, testCommand };
}

interface Leg extends ExecutorChoice {
  wallMs: number;
  exit: number | null;
  /** Stopped at the --leg-limit. */
  stopped: boolean;
  counts: Record<string, number>;
  verdicts: ReturnType<typeof readVerdicts>;
  /** The report's --verify re-check, when it ran. */
  verification?: {
    checked: number;
    agreed: number;
    equivalent: number;
    disagreements: number;
    durationMs: number;
    /** Absent in reports of binaries from before the time-boxed sample said so. */
    sampled?: number;
    stopped?: string;
  };
}

/** The `verification` field of a gremlins JSON report, summed up; undefined when there is none. */
function readVerification(file: string): Leg["verification"] {
  if (!existsSync(file)) return undefined;
  const v = (
    JSON.parse(readFileSync(file, "utf8")) as {
      verification?: {
        checked: number;
        agreed: number;
        equivalent: number;
        disagreements: unknown[];
        durationMs: number;
        sampled?: number;
        stopped?: string;
      };
    }
  ).verification;
  return v
    ? {
        checked: v.checked,
        agreed: v.agreed,
        equivalent: v.equivalent,
        disagreements: v.disagreements.length,
        durationMs: v.durationMs,
        ...(v.sampled !== undefined ? { sampled: v.sampled } : {}),
        ...(v.stopped !== undefined ? { stopped: v.stopped } : {}),
      }
    : undefined;
}

/** A directory holding only `bun` and `deno` (from this repo's node_modules), put on PATH for Bun and Deno projects. */
function runtimesOnPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "gremlins-bench-real-bin-"));
  for (const tool of ["bun", "deno"]) {
    const target = join(REPO, "node_modules/.bin", tool);
    if (existsSync(target)) symlinkSync(target, join(dir, tool));
  }
  return dir;
}

/** One `gremlins run` of `project` with `--executor <executor>`; its report goes to a temp dir. */
async function runLeg(
  project: BenchProject,
  executor: string,
  gremlins: { command: string; prefix: string[] },
  options: { workers: string; pathDir: string; limitMs: number; verify?: string; keepReports?: string },
): Promise<Leg> {
  const out = mkdtempSync(join(tmpdir(), "gremlins-bench-real-"));
  try {
    const args = [
      ...gremlins.prefix,
      "run",
      "--root",
      project.dir,
      "--mutate",
      project.mutate.join(","),
      "--workers",
      options.workers,
      "--executor",
      executor,
      "--reporters",
      "json",
      "--report-dir",
      out,
      "--no-cache",
    ];
    if (project.testCommand) args.push("--test-command", project.testCommand);
    if (options.verify !== undefined && executor !== "spawn") args.push("--verify", options.verify);
    // NO_COLOR unset (measure sets it): the tests must see the user's terminal environment (kleur's colour tests fail under NO_COLOR=1).
    const env = { PATH: `${options.pathDir}:${process.env.PATH ?? ""}`, NO_COLOR: undefined };
    const m: Measured = await measure(gremlins.command, args, project.dir, env, 200, options.limitMs);
    const verdicts = readVerdicts(join(out, "mutation.json"));
    const choice = readExecutorChoice(m.stderr);
    if (m.code !== 0 && m.code !== 1 && !m.stopped && !choice.error)
      choice.error = m.stderr.trim().split("\n").slice(-3).join(" / ");
    const verification = readVerification(join(out, "mutation.json"));
    if (options.keepReports && existsSync(join(out, "mutation.json"))) {
      mkdirSync(options.keepReports, { recursive: true });
      copyFileSync(join(out, "mutation.json"), join(options.keepReports, `${project.name}.${executor}.json`));
    }
    return {
      ...choice,
      wallMs: m.wallMs,
      exit: m.code,
      stopped: Boolean(m.stopped),
      counts: countStatuses(verdicts),
      verdicts,
      ...(verification ? { verification } : {}),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export interface Row {
  project: string;
  repo?: string;
  commit?: string;
  runner: string;
  mutate: string[];
  testCommand: string;
  gremlins: number;
  auto: Omit<Leg, "verdicts">;
  spawn: Omit<Leg, "verdicts"> | { skipped: string };
  comparison?: Comparison;
  stryker?: StrykerLeg | { skipped: string };
}

const finished = (leg: Leg) => !leg.stopped && (leg.exit === 0 || leg.exit === 1);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const statusText = (c: Record<string, number>) => STATUSES.map((s) => c[s] ?? 0).join("/");
const strip = ({ verdicts: _verdicts, ...rest }: Leg) => rest;

function legCell(leg: Row["auto"] | Row["spawn"]): string {
  if ("skipped" in leg) return `— (${leg.skipped})`;
  if (leg.stopped) return `> ${seconds(leg.wallMs)} (stopped)`;
  return leg.exit === 0 || leg.exit === 1 ? seconds(leg.wallMs) : `${seconds(leg.wallMs)} exit ${leg.exit}`;
}

function equalCell(row: Row): string {
  const c = row.comparison;
  if (!c) return "—";
  const kt = c.killedVsTimeout.length > 0 ? `, ${c.killedVsTimeout.length} Killed/Timeout` : "";
  return `${c.equal}/${c.compared}${c.differing.length === 0 && c.killedVsTimeout.length === 0 ? " yes" : ` no: ${c.differing.length} differ${kt}`}`;
}

function verifyCell(leg: Row["auto"]): string {
  const v = leg.verification;
  if (!v) return "—";
  const agree = v.agreed + v.equivalent;
  const sampled = v.sampled === undefined ? "" : ` of ${v.sampled} sampled${v.stopped ? ` (${v.stopped})` : ""}`;
  const share = ((v.durationMs / Math.max(1, leg.wallMs - v.durationMs)) * 100).toFixed(1);
  return `${agree}/${v.checked} agree${v.disagreements > 0 ? ` (${v.disagreements} disagree)` : ""}${sampled}, ${seconds(v.durationMs)} = ${share}% of the rest of the run`;
}

function printRow(row: Row): void {
  const auto = row.auto;
  const why = [auto.executor === "none" ? "" : auto.reason, auto.error].filter(Boolean).join("; then ");
  const stryker = !row.stryker
    ? ""
    : "skipped" in row.stryker
      ? ` | — (${row.stryker.skipped})`
      : ` | ${seconds(row.stryker.wallMs)} (${row.stryker.mutants} mutants)`;
  const spawnCounts = "skipped" in row.spawn ? "—" : statusText(row.spawn.counts);
  console.log(
    `| ${row.project} | ${row.runner} | ${auto.executor} | ${why.replaceAll("|", "\\|")} | ${row.gremlins} | ${legCell(auto)} | ${legCell(row.spawn)} | ${statusText(auto.counts)} | ${spawnCounts} | ${equalCell(row)} | ${verifyCell(auto)}${stryker} |`,
  );
}

function printDifferences(row: Row): void {
  const c = row.comparison;
  if (!c) return;
  for (const d of c.differing) console.log(`  ${row.project}: ${d.id} (${d.where}): threads ${d.a}, spawn ${d.b}`);
  for (const d of c.killedVsTimeout)
    console.log(`  ${row.project}: ${d.id} (${d.where}): Killed in threads, Timeout in spawn`);
}

async function main(): Promise<void> {
  const { dirs, flags } = parseArgs(process.argv.slice(2));
  if (flags.has("help") || dirs.length === 0) {
    console.log(
      "usage: bun scripts/bench-real.ts <dir…> [--binary <path>] [--runtime binary|node|source] [--workers 2] [--skip-spawn] [--stryker] [--verify <n|p%>] [--json <file>] [--mutate <globs>] [--test-command <cmd>] [--keep-reports <dir>]",
    );
    process.exit(dirs.length === 0 && !flags.has("help") ? 2 : 0);
  }
  const workers = String(flags.get("workers") ?? "2");
  const limitMs = Number(flags.get("leg-limit") ?? "300") * 1000;
  if (!(limitMs > 0)) fail("--leg-limit takes a number of seconds");
  const projects = dirs.map((dir) => loadProject(dir, flags));
  const binary = flags.get("binary");
  const gremlins =
    typeof binary === "string"
      ? { command: resolve(binary), prefix: [] }
      : gremlinsCommand(REPO, String(flags.get("runtime") ?? "binary"));
  if (!existsSync(gremlins.command))
    fail(`${gremlins.command} does not exist: build it (./node_modules/.bin/bun build.ts) or pass --binary`);
  const pathDir = runtimesOnPath();
  const rows: Row[] = [];
  console.log(
    `bench-real: ${gremlins.command} ${gremlins.prefix.join(" ")}, ${workers} workers, ${new Date().toISOString()}; verdicts = ${STATUSES.join("/")}\n`,
  );
  const strykerHead = flags.has("stryker") ? " StrykerJS 10 |" : "";
  console.log(
    `| project | runner | executor (auto) | why | gremlins | wall (auto) | wall (spawn) | verdicts (auto) | verdicts (spawn) | equal | verify (auto) |${strykerHead}`,
  );
  console.log(`|---|---|---|---|---:|---:|---:|---|---|---|---|${flags.has("stryker") ? "---:|" : ""}`);
  try {
    for (const project of projects) {
      const verify = flags.get("verify");
      const keep = flags.get("keep-reports");
      const options = {
        workers,
        pathDir,
        limitMs,
        ...(typeof verify === "string" ? { verify } : {}),
        ...(typeof keep === "string" ? { keepReports: resolve(keep) } : {}),
      };
      const auto = await runLeg(project, "auto", gremlins, options);
      const skip =
        auto.executor === "spawn"
          ? "auto ran spawn"
          : flags.has("skip-spawn")
            ? "--skip-spawn"
            : project.skipSpawn
              ? "skipSpawn in its bench.json"
              : "";
      const spawn = skip ? { skipped: skip } : await runLeg(project, "spawn", gremlins, options);
      const row: Row = {
        project: project.name,
        repo: project.repo,
        commit: project.commit,
        runner: project.runner,
        mutate: project.mutate,
        testCommand: auto.testCommand || project.testCommand || "",
        gremlins: Math.max(auto.verdicts.size, auto.planted, "verdicts" in spawn ? spawn.verdicts.size : 0),
        auto: strip(auto),
        spawn: "verdicts" in spawn ? strip(spawn) : spawn,
        // Compared only when both legs finished (a failed or stopped leg has no verdicts to compare).
        comparison:
          "verdicts" in spawn && finished(auto) && finished(spawn)
            ? compareVerdicts(auto.verdicts, spawn.verdicts)
            : undefined,
      };
      if (flags.has("stryker"))
        row.stryker = strykerAvailableFor(project.runner)
          ? await runStryker(project, workers)
          : { skipped: `no StrykerJS runner for ${project.runner}` };
      rows.push(row);
      printRow(row);
    }
  } finally {
    rmSync(pathDir, { recursive: true, force: true });
  }
  console.log("");
  for (const row of rows) printDifferences(row);
  const json = flags.get("json");
  if (typeof json === "string") {
    mkdirSync(dirname(resolve(json)), { recursive: true });
    writeFileSync(resolve(json), `${JSON.stringify(rows, null, 2)}\n`);
  }
}

await main();
