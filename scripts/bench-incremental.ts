// Benchmark of incremental runs, in one process run: on a generated git project with ≥ 300 gremlins, times
// (a) a full cold run, (b) a re-run with no change, (c) a one-line staged change with --staged.
// Uses dist/gremlins-linux-x64 (built with `bun build.ts` when missing or without --staged), else the sources.
// Usage: bun scripts/bench-incremental.ts [--copies N] [--executor auto|spawn|thread] [--source]
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const REPO = resolve(import.meta.dir, "..");
const BUN = join(REPO, "node_modules/.bin/bun");
const BINARY = join(REPO, "dist/gremlins-linux-x64");
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
};
const COPIES = Number(option("--copies", "8"));
const EXECUTOR = option("--executor", "spawn");

/** The gremlins command: the compiled binary (rebuilt when it predates --staged) unless --source. */
function gremlinsCommand(): { argv: string[]; label: string } {
  const source = { argv: [BUN, join(REPO, "src/cli/bin.ts")], label: "bun src/cli/bin.ts" };
  if (args.includes("--source")) return source;
  const knowsStaged = () =>
    existsSync(BINARY) &&
    (spawnSync(BINARY, ["run", "--help"], { encoding: "utf8" }).stdout ?? "").includes("--staged");
  if (!knowsStaged()) {
    console.error("building dist/gremlins-linux-x64 …");
    spawnSync(BUN, ["build.ts"], { cwd: REPO, stdio: "inherit" });
  }
  return knowsStaged() ? { argv: [BINARY], label: "dist/gremlins-linux-x64" } : source;
}

function git(cwd: string, ...argv: string[]): void {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("GIT_")));
  const result = spawnSync(
    "git",
    ["-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false", ...argv],
    { cwd, env, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`git ${argv.join(" ")}: ${result.stderr}`);
}

/** COPIES copies of the bun fixture's modules, each with its own bun:test file; a counter logs each test process. */
function makeProject(dir: string, counter: string): void {
  const fixture = join(REPO, "tests/fixtures/bun");
  cpSync(join(fixture, "bunfig.toml"), join(dir, "bunfig.toml"));
  for (let i = 1; i <= COPIES; i++) {
    mkdirSync(join(dir, `src/mod${i}`), { recursive: true });
    mkdirSync(join(dir, "test"), { recursive: true });
    for (const name of ["range", "slug"]) {
      cpSync(join(fixture, `src/${name}.ts`), join(dir, `src/mod${i}/${name}.ts`));
      const test = readFileSync(join(fixture, `test/${name}.test.ts`), "utf8").replace(
        `../src/${name}.ts`,
        `../src/mod${i}/${name}.ts`,
      );
      writeFileSync(join(dir, `test/${name}${i}.test.ts`), test);
    }
  }
  const scripts = { test: `echo run >> ${counter} && bun test` };
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "bench-incremental", private: true, type: "module", scripts }, null, 2),
  );
  writeFileSync(join(dir, ".gitignore"), ".gremlins/\n");
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "initial");
}

interface Step {
  name: string;
  wallMs: number;
  code: number | null;
  testRuns: number;
  gremlins: number;
  cached: number;
}

function step(name: string, command: string[], dir: string, counter: string, extra: string[]): Step {
  const reportDir = mkdtempSync(join(tmpdir(), "gremlins-bench-report-"));
  rmSync(counter, { force: true });
  const argv = [
    ...command,
    "run",
    "--executor",
    EXECUTOR,
    "--workers",
    "2",
    "--reporters",
    "json",
    "--report-dir",
    reportDir,
    ...extra,
  ];
  const started = performance.now();
  const child = spawnSync(argv[0]!, argv.slice(1), {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", PATH: `${join(REPO, "node_modules/.bin")}:${process.env.PATH}` },
  });
  const wallMs = performance.now() - started;
  if (child.status !== 0) console.error(child.stderr);
  let gremlins = 0;
  let cached = 0;
  const report = join(reportDir, "mutation.json");
  if (existsSync(report)) {
    const files = (
      JSON.parse(readFileSync(report, "utf8")) as { files: Record<string, { mutants: { cached?: boolean }[] }> }
    ).files;
    for (const file of Object.values(files))
      for (const m of file.mutants) {
        gremlins++;
        if (m.cached) cached++;
      }
  }
  rmSync(reportDir, { recursive: true, force: true });
  const testRuns = existsSync(counter) ? readFileSync(counter, "utf8").split("\n").filter(Boolean).length : 0;
  return { name, wallMs, code: child.status, testRuns, gremlins, cached };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const work = mkdtempSync(join(tmpdir(), "gremlins-bench-incremental-"));
try {
  const dir = join(work, "project");
  mkdirSync(dir);
  const counter = join(work, "test-runs.log");
  makeProject(dir, counter);
  const { argv, label } = gremlinsCommand();
  console.log(`gremlins: ${label}; executor ${EXECUTOR}; ${COPIES} copies of the bun fixture's modules; 2 workers`);

  const steps: Step[] = [];
  steps.push(step("(a) full cold run", argv, dir, counter, []));
  steps.push(step("(b) re-run, no change", argv, dir, counter, []));
  const target = join(dir, "src/mod3/range.ts");
  writeFileSync(
    target,
    readFileSync(target, "utf8").replace(
      "return value >= start && value < end;",
      "return start <= value && value < end;",
    ),
  );
  git(dir, "add", "src/mod3/range.ts");
  steps.push(step("(c) one-line change, --staged", argv, dir, counter, ["--staged"]));

  console.log("");
  console.log("| step | wall | exit | gremlins reported | from cache | test processes |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const s of steps)
    console.log(`| ${s.name} | ${seconds(s.wallMs)} | ${s.code} | ${s.gremlins} | ${s.cached} | ${s.testRuns} |`);
  const [a, b, c] = steps as [Step, Step, Step];
  console.log("");
  console.log(
    `(b)/(a) = ${(b.wallMs / a.wallMs).toFixed(3)}  (${(a.wallMs / b.wallMs).toFixed(1)}× faster; goal ≥ 20×)`,
  );
  console.log(
    `(b) ${b.wallMs < 1000 ? "under" : "OVER"} 1 s; (c) ${c.wallMs < 1000 ? "under" : "OVER"} 1 s (goal: both under 1 s with the binary)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
