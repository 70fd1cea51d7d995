// startIncremental: which verdicts are reused after which change (own file, test files with and without
// per-test coverage, support files, config, docs), the cached coverage map, diff-mode scoping, and saving.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startIncremental, type IncrementalOptions } from "../../../src/incremental/index.ts";
import { defaultConfig } from "../../../src/config/defaults.ts";
import type { ChangeSet } from "../../../src/diff/index.ts";
import { generateGremlins } from "../../../src/mutate/index.ts";
import type { Gremlin, Outcome, ResolvedConfig } from "../../../src/types.ts";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const FILES: Record<string, string> = {
  "src/a.ts": "export function a(x: number): number {\n  return x + 1;\n}\n",
  "src/b.ts": "export function b(x: number): boolean {\n  return x > 2;\n}\n",
  "test/a.test.ts": "a-tests",
  "test/b.test.ts": "b-tests",
  "test/fixtures/data.json": "{}",
  "package.json": "{}",
  "README.md": "# docs",
};

function project(): string {
  const root = mkdtempSync(join(tmpdir(), "gremlins-incremental-"));
  roots.push(root);
  for (const [path, text] of Object.entries(FILES)) edit(root, path, text);
  return root;
}
function edit(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
function configOf(root: string, over: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return { ...defaultConfig(), root, sources: {}, configFile: null, ...over } as ResolvedConfig;
}
function generate(root: string) {
  const inputs = ["src/a.ts", "src/b.ts"].map((file) => ({ file, source: readFileSync(join(root, file), "utf8") }));
  return generateGremlins(inputs);
}
const warnings: string[] = [];
const options = (over: Partial<IncrementalOptions> = {}): IncrementalOptions => ({
  useCache: true,
  changes: null,
  testCommand: "bun test",
  warn: (m) => warnings.push(m),
  ...over,
});

/** A full run: every gremlin to test gets `verdict`; returns the run's Incremental. */
async function fullRun(
  root: string,
  over: Partial<IncrementalOptions> = {},
  config = configOf(root),
  verdict = (g: Gremlin): Outcome => ({ id: g.id, status: "Killed", statusReason: "t" }),
) {
  const { files, gremlins } = generate(root);
  const incremental = await startIncremental(config, files, gremlins, options(over));
  for (const gremlin of incremental.toTest) incremental.record(gremlin, verdict(gremlin), over.testFileOf);
  incremental.recordCoverage(new Set(gremlins.map((g) => g.index)), 50);
  incremental.save();
  return { incremental, gremlins };
}
const inFile = (gremlins: Gremlin[], file: string) => gremlins.filter((g) => g.file === file).length;

describe("startIncremental", () => {
  test("a second run with no change reuses every verdict and the coverage map", async () => {
    const root = project();
    const first = await fullRun(root);
    expect(first.incremental.toTest.length).toBe(first.gremlins.length);
    expect(first.incremental.reused).toBe(0);
    const second = await fullRun(root);
    expect(second.incremental.toTest).toEqual([]);
    expect(second.incremental.reused).toBe(second.gremlins.length);
    expect([...second.incremental.known.values()].every((o) => o.cached === true)).toBe(true);
    expect(second.incremental.coverage?.reached.size).toBe(second.gremlins.length);
    expect(second.incremental.summary(0)[0]).toBe(
      `${second.gremlins.length} of ${second.gremlins.length} verdicts reused from the cache (0 gremlins tested)`,
    );
  });

  test("editing a source file re-tests only that file's gremlins and invalidates the coverage map", async () => {
    const root = project();
    await fullRun(root);
    edit(root, "src/a.ts", FILES["src/a.ts"]!.replace("x + 1", "x + 2"));
    const { incremental, gremlins } = await fullRun(root);
    expect(incremental.toTest.map((g) => g.file)).toEqual(Array(inFile(gremlins, "src/a.ts")).fill("src/a.ts"));
    expect(incremental.reused).toBe(inFile(gremlins, "src/b.ts"));
    expect(incremental.coverage).toBeNull();
  });

  test.each([
    ["a test file (no per-test coverage: every verdict)", "test/b.test.ts", "both"],
    ["a support file (fixture data)", "test/fixtures/data.json", "both"],
    ["package.json", "package.json", "both"],
    ["documentation", "README.md", "none"],
  ])("editing %s", async (_name, path, expected) => {
    const root = project();
    await fullRun(root);
    edit(root, path, "changed");
    const { incremental, gremlins } = await fullRun(root);
    expect(incremental.toTest.length).toBe(expected === "both" ? gremlins.length : 0);
  });

  test("with per-test coverage (coveredBy), editing a test re-tests exactly the gremlins it covered", async () => {
    const root = project();
    const perTest: Partial<IncrementalOptions> = {
      testFileOf: (id) => (id.startsWith("a:") ? "test/a.test.ts" : "test/b.test.ts"),
    };
    const covered = (g: Gremlin): Outcome => ({
      id: g.id,
      status: "Killed",
      coveredBy: [g.file === "src/a.ts" ? "a:one" : "b:one"],
    });
    await fullRun(root, perTest, undefined, covered);
    edit(root, "test/b.test.ts", "b-tests v2");
    const { incremental, gremlins } = await fullRun(root, perTest, undefined, covered);
    expect(incremental.toTest.length).toBe(inFile(gremlins, "src/b.ts"));
    expect(incremental.toTest.every((g) => g.file === "src/b.ts")).toBe(true);
  });

  test("a change of test command, timeouts or operators invalidates every verdict", async () => {
    const root = project();
    await fullRun(root);
    expect((await fullRun(root, { testCommand: "bun test --bail" })).incremental.reused).toBe(0);
    await fullRun(root);
    expect((await fullRun(root, {}, configOf(root, { timeoutMs: 1234 }))).incremental.reused).toBe(0);
  });

  test("--no-cache reads nothing but writes fresh verdicts", async () => {
    const root = project();
    await fullRun(root);
    const noCache = await fullRun(root, { useCache: false });
    expect(noCache.incremental.reused).toBe(0);
    expect(noCache.incremental.coverage).toBeNull();
    expect((await fullRun(root)).incremental.reused).toBe(noCache.gremlins.length);
  });

  test("RuntimeError and verdicts of tests killed by SIGINT are never cached", async () => {
    const root = project();
    const odd = (g: Gremlin): Outcome =>
      g.file === "src/a.ts"
        ? { id: g.id, status: "RuntimeError" }
        : { id: g.id, status: "Killed", statusReason: "killed by SIGINT" };
    await fullRun(root, {}, undefined, odd);
    expect((await fullRun(root)).incremental.reused).toBe(0);
  });

  test("an interrupted run keeps the verdicts recorded before the last second", async () => {
    const root = project();
    const { files, gremlins } = generate(root);
    const incremental = await startIncremental(configOf(root), files, gremlins, options());
    incremental.record(gremlins[0]!, { id: gremlins[0]!.id, status: "Survived" });
    incremental.saveInterrupted();
    expect((await fullRun(root)).incremental.reused).toBe(0); // recorded just now: maybe the interrupt's doing
  });

  test("diff mode: gremlins on changed lines are tested, others keep a cached verdict or are left out", async () => {
    const root = project();
    const { gremlins } = generate(root);
    const bGremlin = gremlins.find((g) => g.file === "src/b.ts")!;
    // A previous run knew only src/b.ts's first gremlin.
    const seed = await startIncremental(configOf(root), generate(root).files, gremlins, options());
    seed.record(bGremlin, { id: bGremlin.id, status: "Survived" });
    seed.save();
    const changes: ChangeSet = {
      mode: { kind: "staged" },
      label: "staged changes",
      overlay: new Map(),
      files: new Map([["src/a.ts", { whole: false, ranges: [[2, 2]], gaps: [] }]]),
    };
    const { incremental } = await fullRun(root, { changes });
    const onLine = gremlins.filter((g) => g.file === "src/a.ts" && g.loc.start.line <= 2 && g.loc.end.line >= 2).length;
    expect(incremental.toTest.length).toBe(onLine);
    expect(incremental.reused).toBe(1);
    expect(incremental.inScope.length).toBe(onLine + 1);
    expect(incremental.changed).toEqual({ onChangedLines: onLine, leftOut: gremlins.length - onLine - 1 });
    expect(incremental.summary(onLine)).toContain(`${onLine} gremlins on changed lines (staged changes)`);
  });

  test("a corrupt cache file is discarded with a warning and rebuilt", async () => {
    const root = project();
    await fullRun(root);
    const path = join(root, ".gremlins/cache/results.json");
    writeFileSync(path, readFileSync(path, "utf8").slice(0, 40));
    warnings.length = 0;
    const { incremental } = await fullRun(root);
    expect(incremental.reused).toBe(0);
    expect(warnings).toEqual([`discarding the result cache ${path}: it is not valid JSON; it will be rebuilt`]);
    expect((await fullRun(root)).incremental.toTest).toEqual([]);
  });
});
