// The baseline: red suites and empty suites are exit-2 errors with the output's tail; a green run
// yields the union of reached gremlins from every process's reached-*.txt.
import { describe, expect, test, afterAll } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BaselineError, ranZeroTests, runBaseline, outputTail } from "../../../src/execute/baseline.ts";
import { readReached, hitLimitReached, gremlinEnv } from "../../../src/execute/gremlin-run.ts";
import { GremlinsError } from "../../../src/errors.ts";

const dir = mkdtempSync(join(tmpdir(), "gremlins-baseline-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = () => {
  const stateDir = join(dir, `state-${Math.random()}`);
  mkdirSync(stateDir);
  return { cwd: dir, stateDir, tmpDir: dir };
};
const spec = (command: string) => ({ command, path: process.env.PATH ?? "" });

describe("ranZeroTests", () => {
  test.each([
    ["bun", 'No tests found!\nTests need ".test"', true],
    ["bun summary", " 0 pass\n 0 fail\nRan 0 tests across 0 files.", true],
    ["node:test tap", "1..0\n# tests 0\n# suites 0\n# pass 0", true],
    ["node:test spec", "ℹ tests 0\nℹ pass 0", true],
    ["vitest", "No test files found, exiting with code 1", true],
    ["jest", "No tests found, exiting with code 1", true],
    ["mocha", "\n  0 passing (1ms)\n", true],
    ["deno", "ok | 0 passed | 0 failed (0ms)", true],
    ["uvu", "  Total:     0\n  Passed:    0", true],
    ["bun with tests", " 3 pass\n 0 fail\nRan 3 tests across 1 file.", false],
    ["node with tests", "# tests 4\n# pass 4\n# fail 0", false],
    ["mocha with tests", "  12 passing (20ms)", false],
    ["combined script, one part empty", "# tests 0\n...\n  5 passing (3ms)", false],
    ["unknown runner", "all good", false],
  ] as const)("%s", (_, output, zero) => {
    expect(ranZeroTests(output)).toBe(zero);
  });
});

test("outputTail keeps the last lines without colours", () => {
  const text = Array.from({ length: 50 }, (_, i) => `\u001b[31mline ${i}\u001b[0m`).join("\n") + "\n\n";
  const tail = outputTail(text, 30).split("\n");
  expect(tail).toHaveLength(30);
  expect(tail[0]).toBe("line 20");
  expect(tail.at(-1)).toBe("line 49");
});

describe("runBaseline", () => {
  test("green: duration and union of reached files; no gremlin active", async () => {
    const c = ctx();
    const cmd = `test -z "$GREMLINS_ACTIVE" && printf '3\\n1\\n' > "$GREMLINS_DIR/reached-1-0.txt" && printf '7\\n3\\n' > "$GREMLINS_DIR/reached-2-1.txt" && echo " 1 pass"`;
    const baseline = await runBaseline(spec(cmd), c);
    expect([...baseline.reached].sort((a, b) => a - b)).toEqual([1, 3, 7]);
    expect(baseline.durationMs).toBeGreaterThan(0);
  });

  test("red: exit 2 with the tail of the output", async () => {
    const cmd = `for i in $(seq 1 60); do echo "out $i"; done; exit 1`;
    const error = await runBaseline(spec(cmd), ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GremlinsError);
    const message = (error as GremlinsError).message;
    expect((error as GremlinsError).exitCode).toBe(2);
    expect(message).toContain("green suite");
    expect(message).toContain("exited with code 1");
    expect(message).not.toContain("\n");
    expect((error as BaselineError).tail).toContain("out 60");
    expect((error as BaselineError).tail).toContain("out 31");
    expect((error as BaselineError).tail).not.toContain("out 30\n");
  });

  test("flaky: red in one run, green in another goes on with the green run and names the failing test", async () => {
    const counter = join(dir, `count-${Math.random()}`);
    // Fails on the first run only, printing a bun-style failure line.
    const cmd = `if [ -f "${counter}" ]; then echo " 1 pass"; else touch "${counter}"; echo "(fail) math > adds"; exit 1; fi`;
    const baseline = await runBaseline(spec(cmd), ctx, 2);
    expect(baseline.flaky?.name).toBe("math > adds");
    expect(baseline.flaky?.detail).toContain("passed in one of 2 baseline runs");
    expect(baseline.flaky?.tail).toContain("(fail) math > adds");
  });

  test("red in every run is red, not flaky; green and empty in another stops at the empty run", async () => {
    const red = await runBaseline(spec('echo "(fail) x"; exit 1'), ctx, 2).catch((e: unknown) => e);
    expect((red as Error).message).toContain("green suite");
    const counter = join(dir, `count-${Math.random()}`);
    const cmd = `if [ -f "${counter}" ]; then echo "# tests 0"; else touch "${counter}"; echo " 1 pass"; fi`;
    const empty = await runBaseline(spec(cmd), ctx, 2).catch((e: unknown) => e);
    expect((empty as Error).message).toContain("ran no tests");
  });

  test("a run that writes a snapshot stops at once, naming it (a second run would find it: not flaky)", async () => {
    const project = mkdtempSync(join(dir, "snap-"));
    const c = () => ({ ...ctx(), cwd: project });
    // vitest 3 outside CI writes a missing snapshot and passes; the second baseline run would pass on it.
    const cmd = `mkdir -p __snapshots__ && { [ -f __snapshots__/a.test.ts.snap ] || echo new > __snapshots__/a.test.ts.snap; } && echo " 1 pass"`;
    const error = await runBaseline(spec(cmd), c, 2).catch((e: unknown) => e);
    expect((error as BaselineError).kind).toBe("snapshots");
    expect((error as GremlinsError).exitCode).toBe(2);
    expect((error as Error).message).toContain(
      "wrote snapshots without any gremlin: __snapshots__/a.test.ts.snap (written)",
    );
    // An update flag rewrites an existing one; snapshots under node_modules are not the project's.
    mkdirSync(join(project, "node_modules/dep"), { recursive: true });
    writeFileSync(join(project, "b.snap"), "old");
    const update = `echo new > b.snap; echo x > node_modules/dep/c.snap; echo " 1 pass"`;
    const changed = await runBaseline(spec(update), c).catch((e: unknown) => e);
    expect((changed as Error).message).toContain(": b.snap (changed).");
    // A run that leaves them as they are is green.
    const green = await runBaseline(spec(`cat b.snap > /dev/null; echo " 1 pass"`), c);
    expect(green.flaky).toBeUndefined();
  });

  test("green but no tests: exit 2 saying so", async () => {
    const error = await runBaseline(spec('echo "# tests 0"'), ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GremlinsError);
    expect((error as Error).message).toContain("ran no tests");
  });
});

describe("state dir helpers", () => {
  test("reached files and hit-limit marker", () => {
    const c = ctx();
    writeFileSync(join(c.stateDir, "reached-9-0.txt"), "4\n\n5\n");
    writeFileSync(join(c.stateDir, "other.txt"), "99\n");
    expect([...readReached(c.stateDir)].sort()).toEqual([4, 5]);
    expect(hitLimitReached(c.stateDir)).toBe(false);
    writeFileSync(join(c.stateDir, "hit-limit-123"), "");
    expect(hitLimitReached(c.stateDir)).toBe(true);
    expect(readReached(join(dir, "missing")).size).toBe(0);
  });

  test("env: active gremlin only when > 0, the user's colour variables untouched", () => {
    const before = process.env.FORCE_COLOR;
    process.env.FORCE_COLOR = "1";
    process.env.GREMLINS_ACTIVE = "99";
    try {
      const c = ctx();
      const idle = gremlinEnv(spec("x"), c, 0, 10);
      expect(idle.GREMLINS_ACTIVE).toBeUndefined();
      expect(idle.GREMLINS_HIT_LIMIT).toBeUndefined();
      expect(idle.GREMLINS_DIR).toBe(c.stateDir);
      expect(idle.FORCE_COLOR).toBe("1");
      expect(idle.NO_COLOR).toBe(process.env.NO_COLOR);
      const active = gremlinEnv(spec("x"), c, 12, 500);
      expect(active.GREMLINS_ACTIVE).toBe("12");
      expect(active.GREMLINS_HIT_LIMIT).toBe("500");
      expect(active.TMPDIR).toBe(c.tmpDir);
    } finally {
      delete process.env.GREMLINS_ACTIVE;
      if (before === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = before;
    }
  });
});
