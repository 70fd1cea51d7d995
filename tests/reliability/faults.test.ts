// Reliability when gremlins break things at run time: infinite loops (own code and library code),
// runaway memory, process.exit, errors at module load, unhandled rejections, dying test processes and
// workers, and tests that write files. The coordinator must survive and give every gremlin an honest verdict.
import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { EXECUTORS, bunFiles, gremlinsRun, hashTree, sandboxes, tempBase, type CliRun } from "./helpers.ts";

const { base, project } = tempBase("faults");
const T = 'import { test, expect } from "bun:test";\n';

/** `replacement status` per gremlin of `file`, sorted. */
function verdicts(run: CliRun, file: string): string[] {
  return (run.files[file] ?? []).map((m) => `${m.replacement} ${m.status}`).sort();
}

function reasonOf(run: CliRun, file: string, replacement: string): string {
  return run.files[file]?.find((m) => m.replacement === replacement)?.statusReason ?? "";
}

describe.each(EXECUTORS)("faults under the %s executor", (executor) => {
  test("infinite loops in mutated code (hit limit) and in library code it calls (time limit): Timeout, later gremlins still right", () => {
    const root = project(
      bunFiles({
        // A per-test timeout of 1 s (the time limit adds the runner's own): a busy loop blocks the runner's timer,
        // so only gremlins' time limit ends it, and it expires sooner than with bun's default of 5 s.
        "package.json": JSON.stringify({ name: "t", type: "module", scripts: { test: "bun test --timeout 1000" } }),
        "src/sum.ts":
          "export function sum(n: number): number {\n  let s = 0;\n  for (let i = 0; i < n; i++) s += i;\n  return s;\n}\n",
        "vendor/spin.js": "export function spin(n) { let i = 0; while (i !== n) i += 1; return i; }\n",
        "src/calls.ts":
          'import { spin } from "../vendor/spin.js";\nexport function twice(n: number): number {\n  return spin(n * 2);\n}\n',
        "test/sum.test.ts":
          T +
          'import { sum } from "../src/sum.ts";\nimport { twice } from "../src/calls.ts";\ntest("sum", () => { expect(sum(4)).toBe(6); });\ntest("twice", () => { expect(twice(3)).toBe(6); });\n',
      }),
    );
    const r = gremlinsRun(root, ["--timeout-ms", "1500"], { executor });
    expect(r.code).toBe(0);
    expect(reasonOf(r, "src/sum.ts", "i--")).toContain("hit limit");
    expect(verdicts(r, "src/sum.ts")).toContain("i-- Timeout");
    // `n / 2` makes the library loop forever without reaching any gremlin: only the clock stops it.
    expect(verdicts(r, "src/calls.ts")).toEqual([" Killed", "n / 2 Timeout"]);
    expect(reasonOf(r, "src/calls.ts", "n / 2")).toContain("time limit");
    expect(r.mutants.filter((m) => m.status !== "Killed" && m.status !== "Timeout")).toEqual([]);
  }, 90_000);

  test("a gremlin that allocates without bound: Timeout (memory), the coordinator survives", () => {
    const root = project(
      bunFiles({
        "src/grow.ts":
          "export function grow(n: number): number[][] {\n  const out: number[][] = [];\n  for (let i = 0; i < n; i++) out.push(new Array(1e5).fill(i));\n  return out;\n}\n",
        "test/grow.test.ts":
          T + 'import { grow } from "../src/grow.ts";\ntest("grow", () => { expect(grow(3).length).toBe(3); });\n',
      }),
    );
    // A low budget keeps the test's memory bounded (the default is half the machine's RAM).
    const r = gremlinsRun(root, ["--timeout-ms", "20000"], { executor, env: { GREMLINS_MEMORY_LIMIT_MB: "700" } });
    expect(r.code).toBe(0);
    expect(verdicts(r, "src/grow.ts")).toContain("i-- Timeout");
    expect(reasonOf(r, "src/grow.ts", "i--")).toMatch(/memory grew past the limit|hit limit/);
    expect(r.mutants.filter((m) => m.status === "RuntimeError")).toEqual([]);
  }, 90_000);

  test("process.exit() in a test under a gremlin does not end gremlins", () => {
    const root = project(
      bunFiles({
        "src/check.ts": "export function ok(n: number): boolean {\n  return n > 0;\n}\n",
        "test/check.test.ts":
          T +
          'import { ok } from "../src/check.ts";\ntest("exits 3 when wrong", () => { if (!ok(1)) process.exit(3); });\ntest("exits 0 when wrong", () => { if (ok(-1)) process.exit(0); });\n',
      }),
    );
    const r = gremlinsRun(root, [], { executor });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Mutation score");
    const all = verdicts(r, "src/check.ts");
    expect(all.length).toBe(5);
    // ok(1) turns false → exit code 3: the suite failed, as CI would see it.
    expect(all).toContain("n <= 0 Killed");
    expect(all).toContain("1 Killed");
    // exit(0) mid-suite: CI sees green (spawn says Survived); the thread executor sees its worker end (Killed).
    for (const v of all) expect(v).toMatch(/ (Killed|Survived)$/);
  }, 60_000);

  test("an error thrown at module load kills the static gremlins; the run goes on", () => {
    const root = project(
      bunFiles({
        "src/table.ts":
          'const size = 2 + 2;\nif (size !== 4) throw new Error("bad table");\nexport function get(): number {\n  return size;\n}\n',
        "test/table.test.ts":
          T + 'import { get } from "../src/table.ts";\ntest("get", () => { expect(get()).toBe(4); });\n',
      }),
    );
    const r = gremlinsRun(root, [], { executor });
    expect(r.code).toBe(0);
    expect(verdicts(r, "src/table.ts")).toEqual([
      " Killed",
      '"" NoCoverage',
      "2 - 2 Killed",
      "false Survived",
      "size === 4 Killed",
      "true Killed",
    ]);
    if (executor === "default") expect(reasonOf(r, "src/table.ts", "2 - 2")).toContain("module load");
  }, 60_000);

  test("an unhandled rejection under a gremlin: Killed", () => {
    const root = project(
      bunFiles({
        "src/later.ts":
          'export function later(n: number): number {\n  if (n > 1) Promise.reject(new Error("late"));\n  return n;\n}\n',
        "test/later.test.ts":
          T +
          'import { later } from "../src/later.ts";\ntest("later", async () => { expect(later(1)).toBe(1); await new Promise((r) => setTimeout(r, 5)); });\n',
      }),
    );
    const r = gremlinsRun(root, [], { executor });
    expect(r.code).toBe(0);
    for (const replacement of ["true", "n <= 1", "n >= 1", "0"])
      expect(verdicts(r, "src/later.ts")).toContain(`${replacement} Killed`);
    expect(verdicts(r, "src/later.ts")).toContain("2 Survived");
  }, 60_000);

  test("a test that writes files: the writes stay in the sandbox, the user's tree is byte-identical", () => {
    const root = project(
      bunFiles({
        "src/save.ts":
          'import { writeFileSync } from "node:fs";\nexport function save(name: string, n: number): void {\n  writeFileSync(name, String(n + 1));\n}\n',
        "test/save.test.ts":
          T +
          'import { readFileSync, writeFileSync } from "node:fs";\nimport { save } from "../src/save.ts";\ntest("save", () => { save("out.txt", 1); writeFileSync("test/data.json", "{}"); expect(readFileSync("out.txt", "utf8")).toBe("2"); });\n',
        "test/data.json": '{"keep": true}',
      }),
    );
    const before = hashTree(root);
    const r = gremlinsRun(root, [], { executor });
    expect(r.code).toBe(0);
    expect(verdicts(r, "src/save.ts")).toEqual([" Survived", "n - 1 Killed"]);
    expect(hashTree(root)).toEqual(before);
    expect(sandboxes(root)).toEqual([]);
  }, 60_000);

  test("a test process / worker that dies once under a gremlin is retried: the retry's verdict counts", () => {
    const marks = mkdtempSync(join(base, "marks-"));
    // The first time a gremlin breaks inc(), the test kills its own process (spawn) or ends its worker (thread).
    const die = executor === "spawn" ? 'process.kill(process.pid, "SIGKILL")' : "process.exit(1)";
    const root = project(
      bunFiles({
        "src/inc.ts": "export const inc = (a: number) => a + 1;\n",
        "test/inc.test.ts":
          T +
          `import { existsSync, writeFileSync } from "node:fs";\nimport { inc } from "../src/inc.ts";\ntest("inc", () => {\n  const v = inc(1);\n  const mark = process.env.REL_MARKS + "/" + String(v);\n  if (v !== 2 && !existsSync(mark)) { writeFileSync(mark, ""); ${die}; }\n  expect(v).toBe(2);\n});\n`,
      }),
    );
    const r = gremlinsRun(root, [], { executor, env: { REL_MARKS: marks } });
    expect(r.code).toBe(0);
    expect(verdicts(r, "src/inc.ts")).toEqual(["a - 1 Killed", "undefined Killed"]);
    // Killed by the assertion on the retry, not by the death.
    for (const m of r.files["src/inc.ts"] ?? []) expect(m.statusReason).toBe("inc");
  }, 60_000);
});

test("a test process killed by a signal twice under a gremlin: RuntimeError with the reason (spawn)", () => {
  const root = project(
    bunFiles({
      "src/inc.ts": "export const inc = (a: number) => a + 1;\n",
      "test/inc.test.ts":
        T +
        'import { inc } from "../src/inc.ts";\ntest("inc", () => { const v = inc(1); if (v !== 2) process.kill(process.pid, "SIGKILL"); expect(v).toBe(2); });\n',
    }),
  );
  const r = gremlinsRun(root, [], { executor: "spawn" });
  expect(r.code).toBe(0);
  expect(verdicts(r, "src/inc.ts")).toEqual(["a - 1 RuntimeError", "undefined RuntimeError"]);
  for (const m of r.files["src/inc.ts"] ?? []) expect(m.statusReason).toContain("died twice (killed by SIGKILL");
}, 60_000);

describe("Deno", () => {
  test("Deno.exit() in a test under a gremlin does not end gremlins (default executor: spawn, said why)", () => {
    const root = project({
      "deno.json": JSON.stringify({ tasks: {} }),
      "src/check.ts": "export function ok(n: number): boolean {\n  return n > 0;\n}\n",
      "test/check_test.ts":
        'import { ok } from "../src/check.ts";\nDeno.test("exits 3 when wrong", () => { if (!ok(1)) Deno.exit(3); });\n',
    });
    const r = gremlinsRun(root, ["--baseline-runs", "1"], { timeoutMs: 120_000 });
    expect(r.code).toBe(0);
    expect(r.out).toContain("Deno.test");
    expect(r.stdout).toContain("Mutation score");
    // ok(1) turns false → Deno.exit(3): the suite failed as CI would see it; the run went on.
    expect(verdicts(r, "src/check.ts")).toContain("n <= 0 Killed");
    expect(r.mutants.length).toBeGreaterThan(2);
    expect(r.mutants.filter((m) => m.status === "RuntimeError")).toEqual([]);
  }, 150_000);
});
