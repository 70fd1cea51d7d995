// Child processes that tests start (a CLI run through execFile) load the project's instrumented code in
// env mode: under the runner they inherit GREMLINS_ACTIVE from the spawn executor. A worker hands them the
// gremlin its switch holds, and during a coverage run a GREMLINS_DIR whose reached files it credits to the
// test that was running. Node only: a Node worker's process.env is its own copy (not Bun's or Deno's).

import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ENV_ACTIVE = "GREMLINS_ACTIVE";
const ENV_HIT_LIMIT = "GREMLINS_HIT_LIMIT";
const ENV_DIR = "GREMLINS_DIR";

/** True where a worker thread's process.env is private to it (Node). */
export function privateWorkerEnv(): boolean {
  const versions = process.versions as Record<string, string | undefined>;
  return versions.bun === undefined && versions.deno === undefined && !("Deno" in globalThis);
}

export class ChildProcesses {
  private dir: string | null = null;
  /** Bytes already read per reached file. */
  private readonly read = new Map<string, number>();

  constructor(private readonly enabled: boolean = privateWorkerEnv()) {}

  /** The gremlin (0 = none) and hit limit that processes started from now on get. */
  activate(active: number, hitLimit: number): void {
    if (!this.enabled) return;
    if (active === 0) {
      delete process.env[ENV_ACTIVE];
      delete process.env[ENV_HIT_LIMIT];
    } else {
      process.env[ENV_ACTIVE] = String(active);
      if (hitLimit > 0) process.env[ENV_HIT_LIMIT] = String(hitLimit);
      else delete process.env[ENV_HIT_LIMIT];
    }
  }

  /** A coverage run starts: processes started from now on record what they reach. */
  startCoverage(): void {
    if (!this.enabled) return;
    this.dir = mkdtempSync(join(tmpdir(), "gremlins-children-"));
    this.read.clear();
    process.env[ENV_DIR] = this.dir;
  }

  /** Gremlins that child processes reached since the last call (this worker's own realm left out). */
  collect(): number[] {
    const dir = this.dir;
    if (dir === null) return [];
    const own = `reached-${process.pid}-`;
    const out: number[] = [];
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    for (const name of names) {
      if (!name.startsWith("reached-") || name.startsWith(own)) continue;
      let text: string;
      try {
        text = readFileSync(join(dir, name), "utf8");
      } catch {
        continue;
      }
      // Only whole lines: a child may be writing the last one.
      const end = text.lastIndexOf("\n") + 1;
      const from = this.read.get(name) ?? 0;
      if (end <= from) continue;
      for (const line of text.slice(from, end).split("\n")) {
        const index = Number(line);
        if (line !== "" && Number.isInteger(index) && index > 0) out.push(index);
      }
      this.read.set(name, end);
    }
    return out;
  }

  /** The coverage run ended: the directory goes. */
  stopCoverage(): void {
    const dir = this.dir;
    if (dir === null) return;
    this.dir = null;
    delete process.env[ENV_DIR];
    rmSync(dir, { recursive: true, force: true });
  }
}
