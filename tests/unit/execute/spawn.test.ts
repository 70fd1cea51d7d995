// The child-process runner: exit codes, captured output, timeouts that kill the whole process
// tree, and stray grandchildren killed after the command exits.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "../../../src/execute/spawn.ts";
import { isPidAlive } from "../../../src/sandbox/cleanup.ts";

const opts = (timeoutMs = 0) => ({ cwd: tmpdir(), env: { ...process.env, GREETING: "hi" }, timeoutMs });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("runCommand", () => {
  test("exit code, env and interleaved output", async () => {
    const r = await runCommand('echo "$GREETING"; echo oops >&2; exit 3', opts());
    expect(r.exitCode).toBe(3);
    expect(r.timedOut).toBe(false);
    expect(r.output).toContain("hi\n");
    expect(r.output).toContain("oops\n");
    expect(r.startError).toBeUndefined();
  });

  test("runs in cwd", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gremlins-spawn-"));
    try {
      const r = await runCommand("pwd", { ...opts(), cwd: dir });
      expect(r.output.trim()).toEndWith(dir.split("/").pop() as string);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a timeout kills the whole process tree", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gremlins-spawn-"));
    try {
      const started = performance.now();
      // The grandchild writes its pid, then both sleep far beyond the limit.
      const r = await runCommand(`sh -c 'echo $$ > ${dir}/pid; sleep 30' & sleep 30`, opts(300));
      expect(r.timedOut).toBe(true);
      expect(r.exitCode).toBeNull();
      expect(performance.now() - started).toBeLessThan(5000);
      const grandchild = Number(readFileSync(join(dir, "pid"), "utf8"));
      await sleep(50);
      expect(isPidAlive(grandchild)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an abort kills the whole process tree and returns at once, marked aborted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gremlins-spawn-"));
    try {
      const stop = new AbortController();
      const running = runCommand(`sh -c 'echo $$ > ${dir}/pid; sleep 30' & sleep 30`, {
        ...opts(),
        signal: stop.signal,
      });
      await sleep(300);
      const aborted = performance.now();
      stop.abort();
      const r = await running;
      expect(r.aborted).toBe(true);
      expect(performance.now() - aborted).toBeLessThan(100);
      const grandchild = Number(readFileSync(join(dir, "pid"), "utf8"));
      await sleep(50);
      expect(isPidAlive(grandchild)).toBe(false);
      const already = await runCommand("sleep 30", { ...opts(), signal: stop.signal });
      expect(already.aborted).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a run that ends on its own is not marked aborted", async () => {
    expect((await runCommand("true", { ...opts(), signal: new AbortController().signal })).aborted).toBeUndefined();
  });

  test("background processes left behind are killed after the command exits", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gremlins-spawn-"));
    try {
      const r = await runCommand(
        `(sleep 30 & echo $! > ${dir}/pid; wait) > /dev/null 2>&1 & sleep 0.2; exit 0`,
        opts(10000),
      );
      expect(r.exitCode).toBe(0);
      expect(r.durationMs).toBeLessThan(5000);
      const stray = Number(readFileSync(join(dir, "pid"), "utf8"));
      await sleep(50);
      expect(isPidAlive(stray)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a missing working directory is a start error", async () => {
    const r = await runCommand("true", { ...opts(), cwd: join(tmpdir(), "gremlins-does-not-exist-42") });
    expect(r.startError).toBeDefined();
  });

  test("very long output keeps head and tail", async () => {
    const r = await runCommand("node -e \"for (let i = 0; i < 40000; i++) console.log('line ' + i)\"", opts());
    expect(r.output).toStartWith("line 0\n");
    expect(r.output).toContain("line 39999");
    expect(r.output).toContain("output truncated");
  });
});
