// Nested subtests (tape and node:test `t.test`) as units: keys, per-subtest results, coverage slots
// while they run, filtered re-runs and bail.

import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { SUBTEST_UNIT_BASE, subtestSelected } from "../../../src/harness/subtests.ts";
import { cleanup, load, log, resetLog } from "./load.ts";

afterAll(cleanup);
beforeEach(resetLog);

const TAPE = `
import test from "tape";
const log = (s) => globalThis.__log.push(s);
test("outer", (t) => {
  log("outer body");
  t.test("first", (st) => { log("first"); st.equal(globalThis.__broken ? 2 : 1, 1); st.end(); });
  t.test("second", (st) => {
    log("second");
    st.test("deep", (dt) => { log("deep"); dt.ok(true); dt.end(); });
    st.end();
  });
  t.test("third", (st) => { log("third"); st.ok(true); st.end(); });
  t.end();
});
test("plain", (t) => { log("plain"); t.ok(true); t.end(); });
`;

const NODE = `
import test from "node:test";
import assert from "node:assert";
const log = (s) => globalThis.__log.push(s);
test("outer", async (t) => {
  log("outer body");
  await t.test("first", () => { log("first"); assert.equal(globalThis.__broken ? 2 : 1, 1); });
  await t.test("second", async (st) => {
    log("second");
    await st.test("deep", () => { log("deep"); });
  });
  await t.test("third", () => { log("third"); });
});
`;

const opts = (extra: Record<string, unknown> = {}) => ({ bail: false, testTimeoutMs: 2000, ...extra });

describe.each([
  ["tape", TAPE],
  ["node:test", NODE],
])("%s subtests", (_name, source) => {
  test("a full run reports every subtest by key, innermost first, with the unit index set while each runs", async () => {
    const loaded = await load({ "s.test.mjs": source });
    const units: number[] = [];
    const [outer] = await loaded.harness.run([0], opts({ onTestStart: (u: number) => units.push(u) }));
    expect(outer!.status).toBe("passed");
    expect(outer!.subtests!.map((s) => [s.key, s.path.join(" > "), s.status])).toEqual([
      ["0/0", "first", "passed"],
      ["0/1/0", "second > deep", "passed"],
      ["0/1", "second", "passed"],
      ["0/2", "third", "passed"],
    ]);
    // The test's own index, then each subtest's unit while it runs and the parent's back after it.
    const keys = units.map((u) => loaded.harness.unitKey(u));
    expect(keys).toEqual(["0", "0/0", "0", "0/1", "0/1/0", "0/1", "0", "0/2", "0"]);
    expect(new Set(units.filter((u) => u >= SUBTEST_UNIT_BASE)).size).toBe(4);
  });

  test("a filtered run runs the parent's body and only the selected subtests (with their ancestors)", async () => {
    const loaded = await load({ "s.test.mjs": source });
    const [outer] = await loaded.harness.run([0], opts({ subtests: new Map([[0, new Set(["0/1/0"])]]) }));
    expect(log()).toEqual(["outer body", "second", "deep"]);
    expect(outer!.subtests!.map((s) => s.key)).toEqual(["0/1/0", "0/1"]);
    resetLog();
    await loaded.harness.run([0], opts({ subtests: new Map([[0, new Set(["0/2"])]]) }));
    expect(log()).toEqual(["outer body", "third"]);
  });

  test("a failing subtest fails its parent and names itself; with bail the later subtests do not run", async () => {
    const loaded = await load({ "s.test.mjs": source });
    (globalThis as Record<string, unknown>).__broken = true;
    try {
      const [outer] = await loaded.harness.run([0], opts({ bail: true }));
      expect(outer!.status).toBe("failed");
      expect(outer!.subtests!.map((s) => [s.key, s.status])).toEqual([["0/0", "failed"]]);
      expect(log()).toEqual(["outer body", "first"]);
    } finally {
      delete (globalThis as Record<string, unknown>).__broken;
    }
  });
});

describe("subtestSelected", () => {
  test.each([
    ["0/1", ["0/1"], true],
    ["0/1", ["0/1/0"], true], // an ancestor of a selected subtest runs
    ["0/1/0", ["0/1"], true], // a descendant of a selected subtest runs
    ["0/2", ["0/1"], false],
    ["0/10", ["0/1"], false], // not a prefix match on text
    ["0/1", ["0/10"], false],
  ])("%s with %j selected → %p", (key, selected, expected) => {
    expect(subtestSelected(key, new Set(selected))).toBe(expected);
  });
});
