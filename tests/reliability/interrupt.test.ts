// Reliability under interruption: SIGINT / SIGTERM stop the workers, remove the sandbox, save the
// completed verdicts to the cache, print a partial summary and exit 130 / 143; SIGKILL of the
// coordinator at random moments never changes the user's tree, and the next run removes the orphans.
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EXECUTORS, bunFiles, gremlinsRun, gremlinsStart, hashTree, sandboxes, tempBase, waitFor } from "./helpers.ts";

const { project } = tempBase("interrupt");

/** A bun:test project whose gremlins each take ≥ 150 ms to test (two dozen gremlins: seconds of work). */
function slowProject(): string {
  const fns = Array.from(
    { length: 3 },
    (_, i) => `export function f${i}(a: number, b: number): number {\n  return a > b ? a + ${i} : b - ${i};\n}\n`,
  ).join("");
  const tests = Array.from(
    { length: 3 },
    (_, i) =>
      `test("f${i}", async () => { await sleep(150); expect(f${i}(3, 1)).toBe(${3 + i}); expect(f${i}(1, 3)).toBe(${3 - i}); });\n`,
  ).join("");
  return project(
    bunFiles({
      "src/fns.ts": fns,
      "test/fns.test.ts": `import { test, expect } from "bun:test";\nimport { ${Array.from({ length: 3 }, (_, i) => `f${i}`).join(", ")} } from "../src/fns.ts";\nconst sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));\n${tests}`,
    }),
  );
}

const VERDICT_LINE = /^\s+(Killed|Survived|Timeout|NoCoverage|RuntimeError)\s+#\d+/m;

describe.each(EXECUTORS)("signals (%s executor)", (executor) => {
  test.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s mid-run: exit %d, sandbox removed, partial summary, completed verdicts cached",
    async (signal, code) => {
      const root = slowProject();
      const before = hashTree(root);
      const run = gremlinsStart(root, ["--verbose", "--workers", "1"], { executor });
      const started = await waitFor(() => VERDICT_LINE.test(run.output()), 40_000);
      expect(started).toBe(true);
      // The cache keeps only verdicts older than a second at the interrupt (a verdict cut short is not trusted).
      await new Promise((r) => setTimeout(r, 1300));
      run.child.kill(signal);
      const exit = await run.exit;
      expect(exit.code).toBe(code);
      expect(run.output()).toMatch(/Interrupted: \d+ of \d+ gremlins got a verdict/);
      expect(sandboxes(root)).toEqual([]);
      expect(hashTree(root)).toEqual(before);
      // No test process outlives the run (spawn) and no worker thread keeps it alive (thread): the process is gone.
      expect(existsSync(`/proc/${run.child.pid}`)).toBe(false);
      const cache = JSON.parse(readFileSync(join(root, ".gremlins/cache/results.json"), "utf8")) as {
        verdicts: Record<string, unknown>;
      };
      expect(Object.keys(cache.verdicts).length).toBeGreaterThan(0);
      if (executor === "default" && signal === "SIGINT") {
        // The next run reuses them.
        const again = gremlinsRun(root, [], { executor, cache: true });
        expect(again.code).toBe(0);
        expect(again.out).toMatch(/[1-9]\d* of \d+ verdicts reused from the cache/);
      }
    },
    90_000,
  );
});

test("SIGKILL of the coordinator at 5 random moments: the tree stays byte-identical; the next run removes the orphans", async () => {
  const root = slowProject();
  const before = hashTree(root);
  const delays = [300, 700, 1100, 1600, 2200].map((d) => d + Math.floor(Math.random() * 400));
  for (const [i, delay] of delays.entries()) {
    const run = gremlinsStart(root, [], { executor: i % 2 === 0 ? "default" : "spawn", cache: true });
    if (i === delays.length - 1) {
      // The last kill lands after its run made a sandbox, so the next run has an orphan to remove whatever
      // the load (at load 24 in CI, all five random moments came before any sandbox existed).
      const mine = `sandbox-${run.child.pid}-`;
      for (let waited = 0; waited < 60_000 && !sandboxes(root).some((n) => n.startsWith(mine)); waited += 50) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(sandboxes(root).some((n) => n.startsWith(mine))).toBe(true);
    } else {
      await new Promise((r) => setTimeout(r, delay));
    }
    run.child.kill("SIGKILL");
    await run.exit;
    expect({ delay, changed: [...hashTree(root)].filter(([p, h]) => before.get(p) !== h).map(([p]) => p) }).toEqual({
      delay,
      changed: [],
    });
    expect(hashTree(root).size).toBe(before.size);
  }
  // Children of a SIGKILLed coordinator may still be finishing in their (orphaned) sandbox.
  await new Promise((r) => setTimeout(r, 1500));
  const r = gremlinsRun(root, ["--verbose"]);
  expect(r.out).toContain("removed orphaned sandbox");
  expect(r.code).toBe(0);
  expect(sandboxes(root)).toEqual([]);
  const home = join(root, ".gremlins");
  if (existsSync(home)) expect(readdirSync(home).filter((n) => n !== "cache")).toEqual([]);
  expect(hashTree(root)).toEqual(before);
}, 120_000);
