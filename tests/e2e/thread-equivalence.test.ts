// The thread executor against the spawn executor (the oracle): on every fixture the harness supports,
// each gremlin's status must be the same, gremlin by gremlin. Also the thread-* fixtures (static
// gremlins, leaking state, unhandled rejections, a gremlin tainting state, late timers, vi.mock, node:test
// t.mock in a beforeEach hook, a cache built on first use).
import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BUN, CLI, REPO } from "./run-harness.ts";
import { differences, protectedHashes, runWith, runWithStats } from "./thread-runs.ts";
import { ensureBuilt } from "./install-paths.ts";
import type { ThreadStats } from "../../src/execute/thread/stats.ts";

const FIXTURES = (
  process.env.GREMLINS_EQ_FIXTURES ??
  "bun,node-test,mocha,uvu,tape,jest,vitest,thread-static,thread-leak,thread-leak-global,thread-plan-node,thread-rejection,thread-subtests-tape,thread-subtests-node,thread-taint,thread-late-timer,thread-static-cjs,thread-static-polyfill,thread-hook-mock-node,thread-lazy-node"
).split(",");
const timings: string[] = [];
afterAll(() => console.log(timings.join("\n")));

describe("thread executor ≡ spawn executor", () => {
  for (const fixture of FIXTURES) {
    test(
      fixture,
      () => {
        const thread = runWith(fixture, "thread");
        if (thread.code !== 0) console.log(thread.stderr);
        expect(thread.code).toBe(0);
        expect(thread.stderr).toContain("Executor: thread");
        const spawn = runWith(fixture, "spawn");
        expect(spawn.code).toBe(0);
        expect(thread.statuses.size).toBeGreaterThan(0);
        timings.push(
          `${fixture}: ${thread.statuses.size} gremlins, thread ${(thread.wallMs / 1000).toFixed(1)} s, spawn ${(spawn.wallMs / 1000).toFixed(1)} s`,
        );
        expect(differences(thread, spawn)).toEqual([]);
        if (fixture === "thread-leak") {
          // Only the leaking file is reloaded, in workers that stay warm (no fresh worker per gremlin).
          expect(thread.stderr).toContain("test/ids.test.ts leaks state between runs: reloaded in the same worker");
          expect(thread.stderr).not.toContain("more.test.ts leaks");
          expect(thread.stderr).not.toContain("fresh worker per gremlin");
        }
        // A static gremlin that fails a test file's load (names.test.ts) costs its worker under Bun, where the failed
        // module keeps its error for later imports; reloading in kept workers goes on for the others.
        if (fixture === "thread-static") expect(thread.stderr).not.toContain("was given up");
        // State on globalThis: reloading modules does not reset it, so each gremlin gets a fresh worker.
        if (fixture === "thread-leak-global")
          expect(thread.stderr).toContain(
            "reloading its file does not reset it (the tests changed the global environment (globalThis.__fixtureNextId added)",
          );
      },
      300_000,
    );
  }
});

// node --test runs each test file in its own process: a gremlin that makes one file's test loop forever is
// still a kill when a test of another file fails (spawn: Killed, "then the test command did not end"). A thread
// run tries the fast looping test first; after its time limit the other files' tests run and decide.
test("thread-hang-node: a test that never ends beside another file's failure is Killed, as in spawn", () => {
  const extra = ["--operators", "arithmetic", "--timeout-ms", "2000"];
  const thread = runWith("thread-hang-node", "thread", extra);
  if (thread.code !== 0) console.log(thread.stderr);
  expect(thread.stderr).toContain("Executor: thread");
  const spawn = runWith("thread-hang-node", "spawn", extra);
  expect(spawn.code).toBe(0);
  expect(thread.statuses.size).toBe(4);
  expect(differences(thread, spawn)).toEqual([]);
  const hang = [...thread.statuses.keys()].find((key) => key.startsWith("src/draw.js:5:16"));
  expect(hang && thread.statuses.get(hang)).toBe("Killed");
  expect(hang && thread.killedBy.get(hang)?.join()).toContain("the cutoff is the largest multiple");
}, 120_000);

// Two ways a kill can rest on another run rather than on its gremlin. A gremlin that skips clearing a
// shared table leaves marks for the next run in the same worker, whose failing run clears them again
// before any clean check (deno std's levenshtein table): one worker, so that run comes right after it. A
// test that counts on the test before it in its file fails alone, gremlin or not (jest-extended's mock
// call order in a snapshot): its files, run whole in order, decide. Both were Killed in threads.
test("thread-rerun-uvu: a kill resting on another run's leftovers or on a left-out test is decided as spawn does", () => {
  const cases: [string[], string][] = [
    [["--workers", "1", "--mutate", "src/letters.js,src/offsets.js"], "src/offsets.js:2:38 arithmetic → 0 / size"],
    [[], "src/tally.js:3:10 equality → points >= 0"],
  ];
  for (const [extra, equivalent] of cases) {
    const thread = runWith("thread-rerun-uvu", "thread", extra);
    if (thread.code !== 0) console.log(thread.stderr);
    expect(thread.stderr).toContain("Executor: thread");
    const spawn = runWith("thread-rerun-uvu", "spawn", extra);
    expect(spawn.code).toBe(0);
    expect(differences(thread, spawn)).toEqual([]);
    const key = [...thread.statuses.keys()].find((k) => k.startsWith(equivalent));
    expect(key && thread.statuses.get(key)).toBe("Survived");
  }
}, 120_000);

describe("module mocks in threads", () => {
  // Two files mock src/clock.ts (a factory with importOriginal and vi.hoisted; an automock), a third uses
  // it as is: the clock's gremlins are reached through the mocking files' own project copies too. One file
  // stubs `process` (vi.stubGlobal) and another an environment variable: the stubs end with their file. A
  // fifth mocks src/mailer.ts without a factory: src/__mocks__/mailer.ts stands in. A sixth mocks the clock too, through
  // vi.importActual in its factory, and calls vi.importActual in a test body (the path names a module in two copies).
  // A seventh has a vi.hoisted and no vi.mock: it still runs above the imports (src/banner.ts reads the variable it
  // sets while it loads).
  // An eighth mocks a package without a factory: vitest's root __mocks__/pathe.ts stands in for it.
  test("thread-vimock: vi.mock runs in the thread executor, verdicts equal spawn's; __mocks__ untouched", () => {
    const dir = join(REPO, "tests/fixtures/thread-vimock");
    const before = protectedHashes(dir);
    expect(Object.keys(before)).toEqual(["__mocks__/pathe.ts", "src/__mocks__/mailer.ts"]);
    const extra = ["--mutate", "src/clock.ts,src/platform.ts,src/notify.ts,src/banner.ts,src/label.ts"];
    const { run: thread, stats } = runWithStats("thread-vimock", extra);
    if (thread.code !== 0) console.log(thread.stderr);
    expect(thread.code).toBe(0);
    expect(thread.stderr).toContain("Executor: thread");
    expect(thread.stderr).not.toContain("leak");
    // The batched kill verification re-runs kills on a fresh graph: a mock leaking into a later gremlin's run would show here.
    expect(stats?.verifications.failed).toBe(0);
    const spawn = runWith("thread-vimock", "spawn", extra);
    expect(spawn.code).toBe(0);
    expect([...thread.statuses.keys()].some((k) => k.startsWith("src/notify.ts"))).toBe(true);
    // Only test/banner.test.ts reaches banner.ts, and only with the variable set before the module loaded.
    const banner = [...thread.statuses].filter(([k]) => k.startsWith("src/banner.ts")).map(([, s]) => s);
    expect(banner.filter((s) => s === "Killed").length).toBeGreaterThan(2);
    // label.ts reaches the package pathe only through the root __mocks__/pathe.ts (vi.mock("pathe"), no factory).
    expect([...thread.statuses].some(([k, s]) => k.startsWith("src/label.ts") && s === "Killed")).toBe(true);
    expect(differences(thread, spawn)).toEqual([]);
    expect(protectedHashes(dir)).toEqual(before);
  }, 300_000);

  // thread-jestmock: jest.mock hoisted above the requires (plain CommonJS, so the harness hoists): a factory with
  // jest.requireActual and a mock* variable, an automock, a __mocks__ file next to the module (reading the original
  // through jest.requireActual), a core module (node:os) with a factory; a fourth file unmocked.
  // thread-jestmock-babel: ES module syntax through babel-jest with a babel config, whose own hoisting reaches
  // for require("@jest/globals").
  for (const [fixture, mocksFiles] of [
    ["thread-jestmock", ["src/__mocks__/mailer.js"]],
    ["thread-jestmock-babel", []],
  ] as const) {
    test(`${fixture}: jest.mock runs in the thread executor, verdicts equal spawn's; __mocks__ untouched`, () => {
      const dir = join(REPO, "tests/fixtures", fixture);
      const before = protectedHashes(dir);
      expect(Object.keys(before)).toEqual([...mocksFiles]);
      const extra = ["--mutate", "src/*.js"];
      const { run: thread, stats } = runWithStats(fixture, extra);
      if (thread.code !== 0) console.log(thread.stderr);
      expect(thread.code).toBe(0);
      expect(thread.stderr).toContain("Executor: thread");
      expect(thread.stderr).not.toContain("leak");
      expect(stats?.verifications.failed).toBe(0);
      const spawn = runWith(fixture, "spawn", extra);
      expect(spawn.code).toBe(0);
      expect([...thread.statuses.values()].filter((s) => s === "Killed").length).toBeGreaterThan(5);
      expect(differences(thread, spawn)).toEqual([]);
      expect(protectedHashes(dir)).toEqual(before);
    }, 300_000);
  }
});

describe("bun:test mock.module in threads", () => {
  // thread-bunmock: convert.test.ts mocks src/rates.ts after its static imports loaded it (bun updates the
  // binding in place, BASE keeps its value: its static gremlin is Killed through the file's own copy);
  // order.test.ts mocks src/audit.ts before anything imports it (the module is the factory's result, the real
  // audit.ts never loads: NoCoverage); format.test.ts mocks nothing.
  test("thread-bunmock: threads chosen, verdicts equal spawn's, no kill had to be taken back", () => {
    const dir = mkdtempSync(join(tmpdir(), "gremlins-bunmock-"));
    const statsFile = join(dir, "stats.json");
    try {
      const thread = runWith("thread-bunmock", "thread", [], { GREMLINS_THREAD_STATS: statsFile });
      if (thread.code !== 0) console.log(thread.stderr);
      expect(thread.code).toBe(0);
      expect(thread.stderr).toContain("Executor: thread");
      // The batched kill verification re-runs kills on a fresh graph: a mock leaking into another run would show here.
      const stats = JSON.parse(readFileSync(statsFile, "utf8")) as { verifications: { count: number; failed: number } };
      expect(stats.verifications.failed).toBe(0);
      const spawn = runWith("thread-bunmock", "spawn");
      expect(spawn.code).toBe(0);
      const status = (prefix: string) => [...thread.statuses].filter(([k]) => k.startsWith(prefix)).map(([, s]) => s);
      expect(status("src/rates.ts:2:")).toEqual(["Killed"]);
      expect(new Set(status("src/audit.ts"))).toEqual(new Set(["NoCoverage"]));
      expect(status("src/order.ts").filter((s) => s === "Killed").length).toBeGreaterThan(5);
      expect(differences(thread, spawn)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  test("a mocked module another test file loads too: bun keeps the mock for later files, so spawn runs, saying why", () => {
    const dir = mkdtempSync(join(tmpdir(), "gremlins-bunmock-shared-"));
    try {
      cpSync(join(REPO, "tests/fixtures/thread-bunmock"), dir, { recursive: true });
      writeFileSync(
        join(dir, "test/rates.test.ts"),
        'import { expect, test } from "bun:test";\nimport { BASE } from "../src/rates.ts";\ntest("base", () => expect(BASE).toBe("EUR"));\n',
      );
      const child = spawnSync(BUN, [CLI, "run", "--reporters", "json", "--report-dir", join(dir, "r"), "--no-cache"], {
        cwd: dir,
        encoding: "utf8",
        // Outside the repository: bun from its node_modules.
        env: { ...process.env, NO_COLOR: "1", PATH: `${dirname(BUN)}:${process.env.PATH ?? ""}` },
        timeout: 120_000,
      });
      expect(child.status).toBe(0);
      expect(child.stderr).toContain("Executor: spawn");
      expect(child.stderr).toContain(
        'mock.module("../src/rates.ts") (test/rates.test.ts loads that module too, and bun keeps the mock for the files it runs later; not emulated) in test/convert.test.ts',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe("nested subtests are units of their own", () => {
  for (const fixture of ["thread-subtests-tape", "thread-subtests-node"]) {
    test(`${fixture}: killers are the subtests, ids are project-relative`, () => {
      const reportDir = mkdtempSync(join(tmpdir(), `gremlins-sub-${fixture}-`));
      try {
        const child = spawnSync(
          BUN,
          [CLI, "run", "--executor", "thread", "--reporters", "json", "--report-dir", reportDir, "--no-cache"],
          {
            cwd: join(REPO, "tests/fixtures", fixture),
            encoding: "utf8",
            env: { ...process.env, NO_COLOR: "1" },
            timeout: 120_000,
          },
        );
        expect(child.status).toBe(0);
        const report = JSON.parse(readFileSync(join(reportDir, "mutation.json"), "utf8")) as {
          files: Record<
            string,
            { mutants: { status: string; killedBy?: string[]; location: { start: { line: number } } }[] }
          >;
        };
        const killers = (line: number) =>
          [
            ...new Set(
              report.files["src/calc.js"]!.mutants.filter(
                (m) => m.location.start.line === line && m.status === "Killed",
              ).flatMap((m) => m.killedBy ?? []),
            ),
          ].sort();
        expect(killers(2)).toEqual(["test/calc.test.js > calc > clamp"]);
        expect(killers(9)).toEqual(["test/calc.test.js > calc > sign > negative and zero"]);
        // total() runs in the parent's body: the whole parent test runs, and the subtest that checks it kills.
        expect(killers(15)).toEqual(["test/calc.test.js > calc > total of the parent's values"]);
      } finally {
        rmSync(reportDir, { recursive: true, force: true });
      }
    }, 120_000);
  }
});

describe("thread executor ≡ spawn executor, workers hosted in node (npm bundle under node)", () => {
  // node:test behaviour only node shows: a test still pending once the event loop drained fails at once.
  // Child processes a test starts (the project's CLI) get the active gremlin, and count as its coverage.
  // vitest's module semantics, given by the Node host's hooks: enums, `export { Type } from`, a named import
  // the module does not export, `require`/`__dirname` in an ES module, a CommonJS namespace, and a test file
  // that passes only with modules of its own (immer's tests do all of these); static gremlins then reload only
  // the files of their tests.
  for (const fixture of ["thread-drain-node", "thread-child-node", "thread-vitest-modules"]) {
    test(
      fixture,
      () => {
        ensureBuilt(join(REPO, "dist/gremlins.mjs"), "--npm");
        const node = ["node", join(REPO, "dist/gremlins.mjs")];
        const vitest = fixture === "thread-vitest-modules";
        const extra = vitest ? ["--verbose"] : [];
        const statsFile = join(mkdtempSync(join(tmpdir(), "gremlins-node-host-")), "stats.json");
        const thread = runWith(fixture, "thread", extra, vitest ? { GREMLINS_THREAD_STATS: statsFile } : {}, node);
        if (thread.code !== 0) console.log(thread.stderr);
        expect(thread.stderr).toContain("Executor: thread");
        if (vitest) {
          expect(thread.stderr).toContain(
            "test/b-plain.test.js passes only with modules of its own (vitest isolates each test file): every test file loads from its own copy of the project",
          );
          // Each test file has modules of its own: a static gremlin of src/limits.ts reloads only test/limits.test.js.
          const stats = JSON.parse(readFileSync(statsFile, "utf8")) as ThreadStats;
          expect(stats.staticReloads?.gaveUp).toBeNull();
          expect(stats.staticReloads?.partial ?? 0).toBeGreaterThan(5);
        }
        const spawn = runWith(fixture, "spawn", extra, {}, node);
        expect(spawn.code).toBe(0);
        expect(thread.statuses.size).toBeGreaterThan(0);
        expect(differences(thread, spawn)).toEqual([]);
      },
      300_000,
    );
  }
});

describe("ES modules reloaded in a warm worker on Node (module graphs under new URLs)", () => {
  // Static gremlins (a table built while src/units.js loads, a conversion a test file computes at its top level)
  // reload the graph in a kept worker instead of taking a fresh one each, and test/counter.test.js, which leaks
  // module state, is reloaded before a run that needs it fresh instead of every gremlin taking a fresh worker.
  test("thread-esm-reload-node", () => {
    ensureBuilt(join(REPO, "dist/gremlins.mjs"), "--npm");
    const node = ["node", join(REPO, "dist/gremlins.mjs")];
    const statsFile = join(mkdtempSync(join(tmpdir(), "gremlins-esm-reload-")), "stats.json");
    const thread = runWith("thread-esm-reload-node", "thread", [], { GREMLINS_THREAD_STATS: statsFile }, node);
    if (thread.code !== 0) console.log(thread.stderr);
    expect(thread.stderr).toContain("Executor: thread");
    expect(thread.stderr).toContain(
      "test/counter.test.js leaks state between runs: reloaded in the same worker before a run that needs it fresh",
    );
    const stats = JSON.parse(readFileSync(statsFile, "utf8")) as ThreadStats;
    expect(stats.staticReloads?.gaveUp).toBeNull();
    expect(stats.staticReloads?.reloads ?? 0).toBeGreaterThan(5);
    const spawn = runWith("thread-esm-reload-node", "spawn", [], {}, node);
    expect(spawn.code).toBe(0);
    expect(thread.statuses.size).toBe(31);
    expect(differences(thread, spawn)).toEqual([]);
  }, 300_000);
});

describe("falls back where the harness cannot be faithful", () => {
  test("an API a test calls at run time and the harness does not emulate: the exact reason, and auto falls back to spawn", () => {
    const thread = runWith("thread-intercept-tape", "thread");
    expect(thread.code).toBe(2);
    const reason = `"reads the setting once" calls tape t.intercept() results, which the built-in harness does not emulate`;
    expect(thread.stderr).toContain(reason);
    const auto = spawnSync(BUN, [CLI, "run", "--no-cache", "--reporters", "clear-text", "--workers", "2"], {
      cwd: join(REPO, "tests/fixtures/thread-intercept-tape"),
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 120_000,
    });
    expect(auto.status).toBe(0);
    expect(auto.stderr + auto.stdout).toContain(`Executor: spawn (${reason})`);
  }, 180_000);
  test("Deno.test: --executor thread refuses with the reason", () => {
    const run = runWith("deno", "thread");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Deno.test");
  }, 60_000);
});
