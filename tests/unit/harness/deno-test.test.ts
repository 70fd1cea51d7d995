// Deno.test in the built-in harness: every call form, ignore, t.step (nested, definitions, results as
// Deno returns them), Deno's argument errors, and the options it refuses (only, permissions).
import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { cleanup, load, log, resetLog, statuses } from "./load.ts";

afterAll(cleanup);
beforeEach(resetLog);

// The tests run in Bun: the file takes the harness's Deno.test as the worker puts it at `Deno.test` in Deno.
const DENO = `const Deno = { test: globalThis.__gremlins_harness.moduleFor("Deno.test").test };
const log = (s) => globalThis.__log.push(s);
`;

const FORMS = `${DENO}
Deno.test("name and fn", () => log("a"));
Deno.test({ name: "definition", fn: () => log("b") });
Deno.test("name, options, fn", { sanitizeOps: false }, () => log("c"));
Deno.test({ name: "options, fn", sanitizeResources: false, sanitizeExit: false }, () => log("d"));
Deno.test(function namedFn() { log("e"); });
Deno.test({ name: "ignored", ignore: true, fn: () => log("x") });
Deno.test.ignore("ignored too", () => log("y"));
Deno.test({ name: "inherit", permissions: "inherit" }, async () => log("f"));
Deno.test("steps", async (t) => {
  log(t.name + " " + t.origin.endsWith("forms_test.mjs"));
  const first = await t.step("first", async (t2) => {
    log("first " + t2.parent.name);
    await t2.step({ name: "deep", fn: () => log("deep") });
  });
  const ignored = await t.step({ name: "skipped", ignore: true, fn: () => log("z") });
  const failed = await t.step("fails", () => { throw new Error("boom"); });
  const named = await t.step(function lastStep() { log("last"); });
  await t.step(\`\${""}\`, () => log("empty name"));
  log([first, ignored, failed, named].join(" "));
});
`;

describe("Deno.test", () => {
  test("every call form registers; ignore skips; steps are subtests with Deno's results", async () => {
    const loaded = await load({ "forms_test.mjs": FORMS });
    expect(loaded.harness.unsupported()).toEqual([]);
    expect(loaded.harness.tests().map((t) => [t.name, t.skipped])).toEqual([
      ["name and fn", false],
      ["definition", false],
      ["name, options, fn", false],
      ["options, fn", false],
      ["namedFn", false],
      ["ignored", true],
      ["ignored too", true],
      ["inherit", false],
      ["steps", false],
    ]);
    const results = await loaded.runAll();
    expect(statuses(loaded, results)).toMatchObject({
      "name and fn": "passed",
      definition: "passed",
      namedFn: "passed",
      inherit: "passed",
      steps: "failed",
    });
    expect(log()).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
      "f",
      "steps true",
      "first steps",
      "deep",
      "last",
      "empty name",
      "true false false true",
    ]);
    const steps = results.find((r) => loaded.harness.tests()[r.index]!.name === "steps")!;
    expect(steps.error).toContain("a test step failed");
    expect(steps.subtests!.map((s) => [s.path.join(" > "), s.status])).toEqual([
      ["first > deep", "passed"],
      ["first", "passed"],
      ["fails", "failed"],
      ["lastStep", "passed"],
      ["", "passed"],
    ]);
  });

  test("a re-run of one step runs only it and its parents", async () => {
    const loaded = await load({ "forms_test.mjs": FORMS });
    const index = loaded.harness.tests().find((t) => t.name === "steps")!.index;
    const [result] = await loaded.run([index]);
    const key = result!.subtests!.find((s) => s.path.join(" > ") === "first > deep")!.key;
    resetLog();
    await loaded.harness.run([index], {
      bail: false,
      testTimeoutMs: 2000,
      subtests: new Map([[index, new Set([key])]]),
    });
    // Steps left out report success, as they did in the baseline.
    expect(log()).toEqual(["steps true", "first steps", "deep", "true false true true"]);
  });

  test("Deno's argument errors", async () => {
    for (const [call, message] of [
      ["Deno.test(() => {})", "The test function must have a name"],
      ['Deno.test("")', "Missing test function"],
      ['Deno.test({ name: "x" })', "Missing test function"],
      [
        'Deno.test("x", { fn() {} }, () => {})',
        "Unexpected 'fn' field in options, test function is already provided as the third argument.",
      ],
      ["Deno.test({ fn() {} })", "The test name can't be empty"],
    ] as const) {
      const attempt = load({ [`bad_${message.length}_test.mjs`]: `${DENO}${call};\n` });
      await expect(attempt).rejects.toThrow(message);
    }
  });

  test("only and permissions are refused with the reason", async () => {
    const loaded = await load({
      "refused_test.mjs": `${DENO}Deno.test.only("focused", () => {});\nDeno.test({ name: "reads", permissions: { read: true }, fn() {} });\n`,
    });
    expect(loaded.harness.unsupported()).toEqual([
      'Deno.test "focused" with only (deno test runs it and then fails the whole run) in refused_test.mjs',
      'Deno.test "reads" with permissions (the workers cannot change a test\'s permissions) in refused_test.mjs',
    ]);
  });

  test("a step not awaited before its test ends is refused", async () => {
    const loaded = await load({
      "late_test.mjs": `${DENO}Deno.test("late", (t) => { t.step("never awaited", () => new Promise((r) => setTimeout(r, 5))); });\n`,
    });
    const [result] = await loaded.runAll();
    expect(result!.unsupported).toEqual(["a Deno.test step that is not awaited before its test ends"]);
  });
});
