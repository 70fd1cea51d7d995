// Puts the executable's host copy (payload.ts) on disk once per version: a per-user cache directory named
// by the copy's content hash. Concurrent runs are safe: each writes a private temp dir and renames it into
// place; the loser of the race drops its copy and uses the winner's. Unpacking a new version removes copies of
// other versions unused for two weeks.

import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "pathe";
import { GremlinsError } from "../errors.ts";
import { unpackArchive } from "./archive.ts";
import type { Payload } from "./payload.ts";

/** Written last into a complete copy. */
const COMPLETE = ".complete";

/** Where host copies may live, best first: $XDG_CACHE_HOME/gremlins, ~/.cache/gremlins, then a private dir in TMPDIR. */
export function cacheRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const roots: string[] = [];
  if (env.XDG_CACHE_HOME) roots.push(join(env.XDG_CACHE_HOME, "gremlins"));
  const home = env.HOME || safeHomedir();
  if (home) roots.push(join(home, ".cache", "gremlins"));
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  roots.push(join(tmpdir(), `gremlins-${uid}`));
  return roots;
}

function safeHomedir(): string {
  try {
    return homedir();
  } catch {
    return "";
  }
}

export interface Extracted {
  /** The copy's root directory (holds gremlins.mjs). */
  dir: string;
  /** False when an earlier run had extracted it already. */
  extracted: boolean;
}

/** The copy's directory, extracting it into the first usable cache root. Throws a one-line GremlinsError. */
export function extractPayload(payload: Payload, roots: readonly string[] = cacheRoots()): Extracted {
  const problems: string[] = [];
  for (const root of roots) {
    try {
      return extractInto(payload, root);
    } catch (error) {
      problems.push(`${root}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  throw new GremlinsError(
    `cannot unpack gremlins' runtime files (${problems.join("; ")}); set XDG_CACHE_HOME or TMPDIR to a writable directory`,
  );
}

function isComplete(dir: string): boolean {
  return existsSync(join(dir, COMPLETE)) && existsSync(join(dir, "gremlins.mjs"));
}

/** Copies of other versions unused for this long are removed when a new one is unpacked. */
const STALE_MS = 14 * 24 * 3600 * 1000;

/** Marks a copy as used now (its marker's mtime), so pruning keeps it. */
function touch(dir: string): void {
  try {
    const now = new Date();
    utimesSync(join(dir, COMPLETE), now, now);
  } catch {
    // Best effort: a read-only cache still works.
  }
}

/** Removes other versions' copies whose last use is older than `STALE_MS` (never the one in use). */
export function pruneStale(root: string, keep: string, now: number = Date.now()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (!name.startsWith("host-") || dir === keep) continue;
    try {
      if (now - statSync(join(dir, COMPLETE)).mtimeMs < STALE_MS) continue;
    } catch {
      continue; // no marker: being written by a concurrent run, or not ours to judge
    }
    rmSync(dir, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function extractInto(payload: Payload, root: string): Extracted {
  const dir = join(root, `host-${payload.hash}`);
  if (isComplete(dir)) {
    touch(dir);
    return { dir, extracted: false };
  }
  mkdirSync(root, { recursive: true, mode: 0o700 });
  // A shared parent (TMPDIR) must be ours alone: another user could plant code there.
  const owner = statSync(root).uid;
  if (typeof process.getuid === "function" && owner !== process.getuid())
    throw new Error(`owned by uid ${owner}, not by this user`);
  const temp = mkdtempSync(join(root, `.host-${payload.hash}-`));
  try {
    for (const [rel, bytes] of unpackArchive(readFileSync(payload.archive))) {
      const target = join(temp, rel);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    writeFileSync(join(temp, COMPLETE), "");
    chmodSync(temp, 0o755);
    if (existsSync(dir) && !isComplete(dir)) {
      // Half a copy (a temp-file cleaner took some files): move it aside, then replace it.
      const stale = `${dir}.stale-${process.pid}`;
      renameSync(dir, stale);
      rmSync(stale, { recursive: true, force: true });
    }
    renameSync(temp, dir);
    pruneStale(root, dir);
    return { dir, extracted: true };
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (isComplete(dir)) return { dir, extracted: false }; // a concurrent run won the race
    throw error;
  }
}
