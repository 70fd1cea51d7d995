// StatsRecorder: the thread executor's statistics are written only when asked for, and count the slot
// machine's events by type (where a run's extra work went).
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StatsRecorder } from "../../../../src/execute/thread/stats.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function statsFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "gremlins-stats-"));
  dirs.push(dir);
  return join(dir, "stats.json");
}

test("slot events are counted by type in the written statistics", () => {
  const path = statsFile();
  const stats = new StatsRecorder(path);
  for (const type of ["cold", "unrepeated", "cold", "spare"]) stats.event(type);
  stats.write();
  const written = JSON.parse(readFileSync(path, "utf8")) as { events?: Record<string, number> };
  expect(written.events).toEqual({ cold: 2, unrepeated: 1, spare: 1 });
});

test("nothing is counted or written when no statistics file is asked for", () => {
  const path = statsFile();
  const stats = new StatsRecorder("");
  stats.event("cold");
  stats.write();
  expect(stats.stats.events).toBeUndefined();
  expect(existsSync(path)).toBe(false);
});
