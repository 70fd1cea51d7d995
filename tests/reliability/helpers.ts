// Shared helpers of the reliability suite: tiny throw-away projects, the real CLI run under a chosen
// executor (default = auto, or spawn), the JSON report's verdicts, and tree hashes for "nothing changed".
import { afterAll } from "bun:test";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BUN, CLI, REPO, hashTree } from "../e2e/run-harness.ts";

export { BUN, CLI, REPO, hashTree };

/** The executors every running case is proven under: the default (auto → thread where supported) and spawn. */
export const EXECUTORS = ["default", "spawn"] as const;
export type ExecutorChoice = (typeof EXECUTORS)[number];

export const BIN_PATH = `${join(REPO, "node_modules/.bin")}:${dirname(process.execPath)}:/usr/bin:/bin`;

/** A temp base directory per test file, removed after the file's tests. */
export function tempBase(
  name: string,
  cleanup = true,
): { base: string; project: (files: Record<string, string | Buffer>) => string } {
  const base = mkdtempSync(join(tmpdir(), `gremlins-rel-${name}-`));
  if (cleanup) afterAll(() => rmSync(base, { recursive: true, force: true }));
  let n = 0;
  return {
    base,
    project(files) {
      const root = join(base, `p${n++}`);
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        writeFileSync(join(root, rel), text);
      }
      return root;
    },
  };
}

/** A bun:test project: package.json, bunfig.toml and the given files. */
export function bunFiles(files: Record<string, string | Buffer>): Record<string, string | Buffer> {
  return {
    "package.json": JSON.stringify({ name: "t", type: "module", scripts: { test: "bun test" } }),
    "bunfig.toml": "",
    ...files,
  };
}

export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  statusReason?: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export interface CliRun {
  code: number | null;
  out: string;
  stdout: string;
  stderr: string;
  /** file → mutants from the JSON report (empty when no report was written). */
  files: Record<string, ReportMutant[]>;
  mutants: (ReportMutant & { file: string })[];
  /** The report's top-level `flakyTests` (undefined when it names none). */
  flakyTests?: { name: string | null; detail: string; gremlins: string[] }[];
  wallMs: number;
}

function argsFor(executor: ExecutorChoice | undefined, args: string[], reportDir: string): string[] {
  const exec = executor === "spawn" ? ["--executor", "spawn"] : [];
  const reporting = args.includes("--reporters") ? [] : ["--reporters", "json,clear-text", "--report-dir", reportDir];
  return [CLI, "run", "--workers", "2", "--no-cache", ...exec, ...reporting, ...args];
}

function readReport(reportDir: string): Pick<CliRun, "files" | "mutants" | "flakyTests"> {
  const file = join(reportDir, "mutation.json");
  const files: Record<string, ReportMutant[]> = {};
  const mutants: (ReportMutant & { file: string })[] = [];
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, "utf8")) as {
      files: Record<string, { mutants: ReportMutant[] }>;
      flakyTests?: CliRun["flakyTests"];
    };
    for (const [name, entry] of Object.entries(report.files)) {
      files[name] = entry.mutants;
      for (const m of entry.mutants) mutants.push({ ...m, file: name });
    }
    if (report.flakyTests) return { files, mutants, flakyTests: report.flakyTests };
  }
  return { files, mutants };
}

export interface RunOptions {
  executor?: ExecutorChoice;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Leave out --no-cache (the case exercises the result cache). */
  cache?: boolean;
}

/** `gremlins run` in `root` (synchronously), with a JSON report read back. */
export function gremlinsRun(root: string, args: string[] = [], options: RunOptions = {}): CliRun {
  const reportDir = mkdtempSync(join(tmpdir(), "gremlins-rel-report-"));
  let argv = argsFor(options.executor, args, reportDir);
  if (options.cache) argv = argv.filter((a) => a !== "--no-cache");
  const started = performance.now();
  const r = spawnSync(BUN, argv, {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PATH: BIN_PATH, NO_COLOR: "1", ...options.env },
    timeout: options.timeoutMs ?? 90_000,
  });
  const wallMs = performance.now() - started;
  const report = readReport(reportDir);
  rmSync(reportDir, { recursive: true, force: true });
  return {
    code: r.status,
    out: `${r.stdout}\n${r.stderr}`,
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? "",
    ...report,
    wallMs,
  };
}

/** Any gremlins sub-command (list, merge…), synchronously. */
export function gremlinsCli(
  root: string,
  args: string[],
  env: Record<string, string> = {},
): { code: number | null; out: string; stdout: string } {
  const r = spawnSync(BUN, [CLI, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, PATH: BIN_PATH, NO_COLOR: "1", ...env },
    timeout: 90_000,
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}`, stdout: r.stdout ?? "" };
}

/** Starts `gremlins run` in the background (for signals). */
export function gremlinsStart(root: string, args: string[], options: RunOptions = {}) {
  const reportDir = mkdtempSync(join(tmpdir(), "gremlins-rel-report-"));
  let argv = argsFor(options.executor, args, reportDir);
  if (options.cache) argv = argv.filter((a) => a !== "--no-cache");
  const child = spawn(BUN, argv, {
    cwd: root,
    env: { ...process.env, PATH: BIN_PATH, NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += String(d)));
  child.stderr.on("data", (d) => (out += String(d)));
  let report: Pick<CliRun, "files" | "mutants"> = { files: {}, mutants: [] };
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      report = readReport(reportDir);
      rmSync(reportDir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  return { child, exit, output: () => out, report: () => report };
}

/** Waits until `check()` is true (polling), at most `ms`. */
export async function waitFor(check: () => boolean, ms = 20_000, every = 25): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, every));
  }
  return check();
}

/** Sandbox directories under `<root>/.gremlins/`. */
export function sandboxes(root: string): string[] {
  const home = join(root, ".gremlins");
  return existsSync(home) ? readdirSync(home).filter((n) => n.startsWith("sandbox-")) : [];
}

/** Mutants with `status` as `line:col replacement` strings, sorted. */
export function statusOf(run: CliRun, status: string): string[] {
  return run.mutants
    .filter((m) => m.status === status)
    .map((m) => `${m.file}:${m.location.start.line} ${m.replacement ?? ""}`)
    .sort();
}

/** status → count. */
export function counts(run: CliRun): Record<string, number> {
  const c: Record<string, number> = {};
  for (const m of run.mutants) c[m.status] = (c[m.status] ?? 0) + 1;
  return c;
}
