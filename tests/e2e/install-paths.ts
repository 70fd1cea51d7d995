// Shared by the install-path end-to-end tests (binary*, package-*) and scripts/bench-install-paths.ts:
// build once, pack once, install once (module-level promises), copy fixtures outside the repo, and run
// gremlins through one install path, reading the verdict counts from the JSON report.
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";

export const REPO = resolve(import.meta.dir, "../..");
export const BIN_DIR = join(REPO, "node_modules/.bin");
export const BUN = join(BIN_DIR, "bun");
export const DENO = join(BIN_DIR, "deno");
export const BINARY = join(REPO, "dist/gremlins-linux-x64");

/** Verdict counts per fixture as documented in tests/fixtures/README.md (same as tests/e2e/run-*.test.ts). */
export const EXPECTED: Record<string, Record<string, number>> = {
  bun: { Killed: 29, Survived: 2, Timeout: 1, NoCoverage: 10 },
  deno: { Killed: 29, Survived: 3, NoCoverage: 10 },
  "node-test": { Killed: 43, Survived: 4, Timeout: 1, NoCoverage: 10 },
};

/** Newest modification time among the inputs of the builds. */
function newestInput(): number {
  let newest = 0;
  const visit = (path: string): void => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const input of ["src", "bin", "build.ts", "package.json", "package-lock.json"]) {
    if (existsSync(join(REPO, input))) visit(join(REPO, input));
  }
  return newest;
}

export function runBuild(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(BUN, ["build.ts", ...args], { cwd: REPO, encoding: "utf8" });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

const builds = new Map<string, true>();

/** Runs build.ts with `args` unless `output` is newer than every input; once per process per output. */
export function ensureBuilt(output: string, ...args: string[]): void {
  if (builds.has(output)) return;
  if (!existsSync(output) || statSync(output).mtimeMs < newestInput()) {
    const build = runBuild(...args);
    if (build.code !== 0)
      throw new Error(`build.ts ${args.join(" ")} failed: ${build.stderr.trim() || build.stdout.trim()}`);
  }
  builds.set(output, true);
}

/** A temp dir outside the repo (so no node_modules above it), removed by the caller. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `gremlins-${prefix}-`));
}

/** Copies tests/fixtures/<name> to `<parent>/<name>` and returns the copy's path. */
export function copyFixture(name: string, parent: string): string {
  const dest = join(parent, name);
  cpSync(join(REPO, "tests/fixtures", name), dest, { recursive: true, filter: (src) => !src.includes("/.gremlins") });
  return dest;
}

/** A directory holding only `sh` and the named runtimes (symlinks): a PATH that proves what a run needs. */
export function toolsPath(parent: string, runtimes: ("bun" | "deno" | "node")[]): string {
  const dir = join(parent, `tools-${runtimes.join("-") || "none"}`);
  mkdirSync(dir, { recursive: true });
  const sources: Record<string, string> = {
    sh: "/bin/sh",
    bun: BUN,
    deno: DENO,
    node: process.env.GREMLINS_NODE ?? whichNode(),
  };
  for (const name of ["sh", ...runtimes])
    if (!existsSync(join(dir, name))) symlinkSync(sources[name] as string, join(dir, name));
  return dir;
}

function whichNode(): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter))
    if (dir && existsSync(join(dir, "node"))) return join(dir, "node");
  throw new Error("node is not on PATH");
}

let packed: Promise<string> | null = null;

/** `npm pack` of the repo (its prepack builds dist/) into a temp dir; the tarball's path. Once per process. */
export function packOnce(): Promise<string> {
  packed ??= (async () => {
    const dest = tempDir("pack");
    const out = await exec("npm", ["pack", "--pack-destination", dest, "--json"], {
      cwd: REPO,
      env: { ...process.env, PATH: `${BIN_DIR}${delimiter}${process.env.PATH}` },
    });
    if (out.code !== 0) throw new Error(`npm pack failed: ${out.stderr.trim().split("\n").slice(-5).join("\n")}`);
    const [info] = JSON.parse(out.stdout.slice(out.stdout.indexOf("["))) as { filename: string }[];
    return join(dest, (info as { filename: string }).filename);
  })();
  return packed;
}

let installed: Promise<string> | null = null;

/** A fresh project (the node-test fixture) with the packed tarball installed by npm; its path. Once per process. */
export function installOnce(): Promise<string> {
  installed ??= (async () => {
    const tarball = await packOnce();
    const project = copyFixture("node-test", tempDir("npm-app"));
    const out = await exec("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], {
      cwd: project,
      env: process.env,
    });
    if (out.code !== 0)
      throw new Error(`npm install of the tarball failed: ${out.stderr.trim().split("\n").slice(-5).join("\n")}`);
    return project;
  })();
  return installed;
}

export interface Exec {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
}

/** Runs a command without blocking the event loop (so tests' timers keep working). */
export function exec(
  cmd: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Exec> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 240_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      done({ code: 127, stdout, stderr: stderr + String(error), wallMs: performance.now() - started });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? (signal ? 128 : 1), stdout, stderr, wallMs: performance.now() - started });
    });
  });
}

export interface PathRun extends Exec {
  counts: Record<string, number>;
}

/** `<command> run --reporters json --workers 2 …` in `cwd`, without reusing cached verdicts; counts from the JSON report. */
export async function runThrough(
  command: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  extra: string[] = [],
): Promise<PathRun> {
  const reportDir = tempDir("report");
  // Every path must really test every gremlin: drop the result cache an earlier run left (default cacheDir).
  rmSync(join(cwd, ".gremlins/cache"), { recursive: true, force: true });
  try {
    const args = [
      ...command.slice(1),
      "run",
      "--reporters",
      "json",
      "--workers",
      "2",
      "--report-dir",
      reportDir,
      ...extra,
    ];
    const out = await exec(command[0] as string, args, { cwd, env: { ...env, NO_COLOR: "1" } });
    const counts: Record<string, number> = {};
    const file = join(reportDir, "mutation.json");
    if (existsSync(file)) {
      const report = JSON.parse(readFileSync(file, "utf8")) as {
        files: Record<string, { mutants: { status: string }[] }>;
      };
      for (const entry of Object.values(report.files))
        for (const m of entry.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
    }
    return { ...out, counts };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

/** The three ways the npm package runs: how each starts `gremlins` inside an installed project. */
export const PACKAGE_RUNTIMES: { name: "node" | "bun" | "deno"; command: (project: string) => string[] }[] = [
  {
    name: "node",
    command: (p) => [process.env.GREMLINS_NODE ?? whichNode(), join(p, "node_modules/gremlins/bin/gremlins.mjs")],
  },
  { name: "bun", command: (p) => [BUN, join(p, "node_modules/gremlins/bin/gremlins.mjs")] },
  { name: "deno", command: (p) => [DENO, "run", "-A", join(p, "node_modules/gremlins/bin/gremlins.mjs")] },
];
