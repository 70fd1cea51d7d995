// Deno projects in the thread executor: the compiled binary hands the run to deno with the project's
// deno.json, whose workers run Deno.test in the built-in harness. Verdicts equal the spawn executor's,
// gremlin by gremlin, on the deno fixture and on deno-steps (t.step nested and with definitions, options
// objects, ignore, an import-map specifier). The spawn leg of the deno fixture runs `deno test` without -A:
// gremlins adds only its own permissions, and the suite stays green. deno-error-event: errors a test's own
// "error" / "unhandledrejection" listener prevents (as @std/async's circuit breaker tests do) are not fatal.
// deno-recursion: a gremlin that recurses without end fails its test with a RangeError, as in spawn (a worker
// stack size set through resourceLimits once overflowed the deno thread's native stack and aborted the run).
import { beforeAll, describe, expect, test } from "bun:test";
import { binaryPath, hostTarget } from "../../build.ts";
import { ensureBuilt } from "./install-paths.ts";
import { differences, runWith } from "./thread-runs.ts";

const BINARY = binaryPath(hostTarget());
/** The spawn leg of a fixture whose task is `deno test -A`: --no-check, as deno-steps' leg (deno type-checks on every run otherwise). */
const SPAWN_LEG = ["--baseline-runs", "1", "--test-command", "deno test -A --no-check"];

beforeAll(() => ensureBuilt(BINARY, "--target", hostTarget()), 300_000);

describe("Deno.test suites in threads ≡ spawn (the binary)", () => {
  test("deno fixture (src/words.ts); spawn runs `deno test --no-check test/` without -A", () => {
    const mutate = ["--mutate", "src/words.ts"];
    const thread = runWith("deno", "thread", [...mutate, "--verbose"], {}, [BINARY]);
    if (thread.code !== 0) console.log(thread.stderr);
    expect(thread.code).toBe(0);
    expect(thread.stderr).toContain("Executor: thread (deno tests in the built-in harness)");
    expect(thread.stderr).toMatch(/^Host: test workers are threads of this deno process/m);
    // --no-check and one baseline run keep the spawn leg cheap (deno type-checks on every run otherwise).
    const spawn = runWith(
      "deno",
      "spawn",
      [...mutate, "--verbose", "--baseline-runs", "1", "--test-command", "deno test --no-check test/"],
      {},
      [BINARY],
    );
    if (spawn.code !== 0) console.log(spawn.stderr);
    expect(spawn.code).toBe(0);
    expect(spawn.stderr).toContain("added --allow-env=GREMLINS_ACTIVE,GREMLINS_DIR,GREMLINS_HIT_LIMIT --allow-write=");
    expect([...thread.statuses.values()].sort()).toEqual([...Array(5).fill("Killed"), ...Array(10).fill("NoCoverage")]);
    expect(differences(thread, spawn)).toEqual([]);
  }, 300_000);

  test("deno-steps fixture: t.step, options objects, ignore, deno.json imports", () => {
    const thread = runWith("deno-steps", "thread", [], {}, [BINARY]);
    if (thread.code !== 0) console.log(thread.stderr);
    expect(thread.code).toBe(0);
    const spawn = runWith(
      "deno-steps",
      "spawn",
      ["--baseline-runs", "1", "--test-command", "deno test -A --no-check"],
      {},
      [BINARY],
    );
    expect(spawn.code).toBe(0);
    expect(thread.statuses.size).toBe(20);
    expect(differences(thread, spawn)).toEqual([]);
  }, 300_000);

  test("deno-error-event fixture: uncaught errors the tests' listeners prevent stay in threads", () => {
    const thread = runWith("deno-error-event", "thread", ["--verbose"], {}, [BINARY]);
    if (thread.code !== 0) console.log(thread.stderr);
    expect(thread.code).toBe(0);
    expect(thread.stderr).toContain("Executor: thread (deno tests in the built-in harness)");
    const spawn = runWith("deno-error-event", "spawn", SPAWN_LEG, {}, [BINARY]);
    if (spawn.code !== 0) console.log(spawn.stderr);
    expect(spawn.code).toBe(0);
    expect(thread.statuses.size).toBeGreaterThan(10);
    expect(differences(thread, spawn)).toEqual([]);
  }, 300_000);

  test("deno-recursion fixture: endless recursion is a RangeError in the worker, not a crash of deno", () => {
    const thread = runWith("deno-recursion", "thread", ["--verbose"], {}, [BINARY]);
    if (thread.code !== 0) console.log(thread.stderr);
    expect(thread.stderr).not.toContain("has overflowed its stack");
    expect(thread.code).toBe(0);
    expect(thread.stderr).toContain("Executor: thread (deno tests in the built-in harness)");
    const spawn = runWith("deno-recursion", "spawn", SPAWN_LEG, {}, [BINARY]);
    if (spawn.code !== 0) console.log(spawn.stderr);
    expect(spawn.code).toBe(0);
    expect(thread.statuses.size).toBeGreaterThan(5);
    expect(differences(thread, spawn)).toEqual([]);
  }, 300_000);
});
