// Snapshot matchers in the harness, read-only and in CI mode: stored and inline snapshots pass or fail
// as in jest and vitest, missing and obsolete snapshots fail, and no `.snap` file is ever written.
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cleanup, load, statuses } from "./load.ts";

afterAll(cleanup);

const JEST_SNAP = `// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing

exports[\`s obj 1\`] = \`
{
  "a": 1,
}
\`;

exports[\`s obj: named 1\`] = \`"x"\`;

exports[\`s two 1\`] = \`1\`;

exports[\`s two 2\`] = \`2\`;

exports[\`s thrown 1\`] = \`"boom"\`;
`;

const VITEST_SNAP = `// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html

exports[\`s > obj 1\`] = \`
{
  "a": 1,
}
\`;

exports[\`s > obj > named 1\`] = \`"x"\`;

exports[\`s > thrown 1\`] = \`[Error: boom]\`;
`;

describe("jest flavour (@jest/globals)", () => {
  const source = (value: string, second = "2") => `
    import { describe, expect, test } from "@jest/globals";
    const v = ${value};
    describe("s", () => {
      test("obj", () => { expect({ a: v }).toMatchSnapshot(); expect("x").toMatchSnapshot("named"); });
      test("two", () => { expect(1).toMatchSnapshot(); expect(${second}).toMatchSnapshot(); });
      test("thrown", () => { expect(() => { throw new Error("boom"); }).toThrowErrorMatchingSnapshot(); });
      test("inline", () => {
        expect({ a: v }).toMatchInlineSnapshot(\`
          {
            "a": 1,
          }
        \`);
        expect(() => { throw new Error("inline boom"); }).toThrowErrorMatchingInlineSnapshot(\`"inline boom"\`);
      });
      test("rejects", async () => { await expect(Promise.reject(new Error("boom"))).rejects.toThrowErrorMatchingInlineSnapshot(\`"boom"\`); });
      test("properties", () => { expect({ id: Math.random(), a: v }).toMatchInlineSnapshot({ id: expect.any(Number) }, \`
        {
          "a": 1,
          "id": Any<Number>,
        }
      \`); });
    });`;
  const data = { "__snapshots__/u.test.ts.snap": JEST_SNAP };

  test("every matcher passes against the stored and inline snapshots", async () => {
    const loaded = await load({ "u.test.ts": source("1") }, { data });
    expect(loaded.harness.unsupported()).toEqual([]);
    expect(Object.values(statuses(loaded, await loaded.runAll()))).toEqual(Array(6).fill("passed"));
    // Replays count from 1 again and still pass.
    expect(Object.values(statuses(loaded, await loaded.run([1, 0])))).toEqual(["passed", "passed"]);
  });

  test("a changed value fails, stored or inline", async () => {
    const loaded = await load({ "u.test.ts": source("2") }, { data });
    const results = await loaded.runAll();
    expect(statuses(loaded, results)).toMatchObject({
      "s > obj": "failed",
      "s > two": "passed",
      "s > inline": "failed",
      "s > properties": "failed",
    });
    expect(results[0]!.error).toContain("Snapshot `s obj 1` mismatched");
  });

  test("a missing snapshot fails (CI mode) and an unchecked one is obsolete", async () => {
    const loaded = await load({ "u.test.ts": source("1", "2).toMatchSnapshot(); expect(3") }, { data });
    const results = await loaded.runAll();
    expect(results[1]!.error).toContain("Snapshot `s two 3` is missing");
    const fewer = await load({ "u.test.ts": source("1").replace("expect(2).toMatchSnapshot();", "") }, { data });
    const [, two] = await fewer.runAll();
    expect(two!.status).toBe("failed");
    expect(two!.error).toContain("Obsolete snapshot");
    expect(two!.error).toContain("`s two 2`");
  });

  test("no .snap file is written, changed or added", async () => {
    const loaded = await load({ "u.test.ts": source("2", "2).toMatchSnapshot(); expect(3") }, { data });
    await loaded.runAll();
    expect(readdirSync(join(loaded.dir, "__snapshots__"))).toEqual(["u.test.ts.snap"]);
    expect(readFileSync(join(loaded.dir, "__snapshots__/u.test.ts.snap"), "utf8")).toBe(JEST_SNAP);
  });
});

describe("vitest flavour", () => {
  test("keys joined with ' > ', hints too, thrown errors serialised whole, comparison trimmed", async () => {
    const loaded = await load(
      {
        "u.test.ts": `
          import { describe, expect, test } from "vitest";
          describe("s", () => {
            test("obj", () => { expect({ a: 1 }).toMatchSnapshot(); expect("x").toMatchSnapshot("named"); });
            test("thrown", () => { expect(() => { throw new Error("boom"); }).toThrowErrorMatchingSnapshot(); });
            test("inline", () => { expect("y").toMatchInlineSnapshot(\`  "y"  \`); });
          });`,
      },
      { data: { "__snapshots__/u.test.ts.snap": VITEST_SNAP } },
    );
    expect(Object.values(statuses(loaded, await loaded.runAll()))).toEqual(["passed", "passed", "passed"]);
  });

  test("globals follow the .snap file's header", async () => {
    const loaded = await load(
      {
        "u.test.ts": `describe("s", () => { test("obj", () => { expect({ a: 1 }).toMatchSnapshot(); expect("x").toMatchSnapshot("named"); }); });`,
      },
      { globals: true, data: { "__snapshots__/u.test.ts.snap": VITEST_SNAP } },
    );
    const [obj] = await loaded.runAll();
    // The file's other entries belong to tests not in this file any more: only "s > obj" keys are checked.
    expect(obj!.status).toBe("passed");
  });
});

describe("tests sharing a name number their snapshots across the file, as the runners do", () => {
  const snap = (flavor: "jest" | "vitest") =>
    flavor === "jest"
      ? "// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing\n\nexports[`same 1`] = `1`;\n\nexports[`same 2`] = `2`;\n\nexports[`same 3`] = `3`;\n"
      : "// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html\n\nexports[`same 1`] = `1`;\n\nexports[`same 2`] = `2`;\n\nexports[`same 3`] = `3`;\n";
  for (const flavor of ["jest", "vitest"] as const) {
    test(`${flavor}: test.each without %s; a replay of one runs the earlier ones first, unreported`, async () => {
      const api = flavor === "jest" ? "@jest/globals" : "vitest";
      const loaded = await load(
        {
          "u.test.ts": `import { expect, test } from "${api}"; test.each([1, 2])("same", (n) => expect(n).toMatchSnapshot()); test("other", () => {}); test("same", () => expect(3).toMatchSnapshot());`,
        },
        { data: { "__snapshots__/u.test.ts.snap": snap(flavor) } },
      );
      expect(loaded.harness.unsupported()).toEqual([]);
      expect((await loaded.runAll()).map((r) => r.status)).toEqual(Array(4).fill("passed"));
      // Only the third "same": it still compares against "same 3"; the earlier ones ran but are not reported.
      const replay = await loaded.run([3]);
      expect(replay.map((r) => [r.index, r.status])).toEqual([[3, "passed"]]);
      expect((await loaded.run([1])).map((r) => [r.index, r.status])).toEqual([[1, "passed"]]);
      // The last of them checks that every "same" key was used (obsolete otherwise).
      expect((await loaded.run([0, 3])).map((r) => r.status)).toEqual(["passed", "passed"]);
      const extra = await load(
        {
          "u.test.ts": `import { expect, test } from "${api}"; test.each([1, 2, 3])("same", (n) => expect(n).toMatchSnapshot());`,
        },
        { data: { "__snapshots__/u.test.ts.snap": `${snap(flavor)}\nexports[\`same 4\`] = \`4\`;\n` } },
      );
      const results = await extra.runAll();
      expect(results.map((r) => r.status)).toEqual(["passed", "passed", "failed"]);
      expect(results[2]!.error).toContain("`same 4`");
    });
  }

  test("an earlier test of the name taking one snapshot fewer shifts the later keys, as in a whole-file run", async () => {
    const loaded = await load(
      {
        "u.test.ts": `import { expect, test } from "@jest/globals"; test("same", () => {}); test("same", () => { expect(1).toMatchSnapshot(); });`,
      },
      { data: { "__snapshots__/u.test.ts.snap": snap("jest").replace(/\n\nexports\[`same [23]`\] = `[23]`;/g, "") } },
    );
    // The first has no snapshot call: "same 1" is the second test's, and it passes, whole or alone.
    expect((await loaded.runAll()).map((r) => r.status)).toEqual(["passed", "passed"]);
    expect((await loaded.run([1])).map((r) => r.status)).toEqual(["passed"]);
  });
});

describe("snapshot options in the config", () => {
  test("custom serializers in jest.config.js refuse files that use snapshots", async () => {
    const loaded = await load(
      {
        "u.test.ts": `import { expect, test } from "@jest/globals"; test("t", () => expect(1).toMatchInlineSnapshot(\`1\`));`,
      },
      { data: { "jest.config.js": `module.exports = { snapshotSerializers: ["my-serializer"] };` } },
    );
    expect(loaded.harness.unsupported()).toEqual([
      "snapshot option snapshotSerializers in jest.config.js (not applied by the harness), used by snapshot tests",
    ]);
  });

  test("files without snapshots are not affected", async () => {
    const loaded = await load(
      { "u.test.ts": `import { expect, test } from "vitest"; test("t", () => expect(1).toBe(1));` },
      { data: { "vitest.config.ts": `export default { test: { snapshotFormat: { printBasicPrototype: true } } };` } },
    );
    expect(loaded.harness.unsupported()).toEqual([]);
  });
});

describe("fake-timer and poll defaults in the config", () => {
  test("jest fakeTimers in package.json refuses the suite", async () => {
    const loaded = await load(
      { "u.test.ts": `import { test } from "@jest/globals"; test("t", () => {});` },
      { data: { "package.json": JSON.stringify({ jest: { fakeTimers: { enableGlobally: true } } }) } },
    );
    expect(loaded.harness.unsupported()).toEqual([
      'the option fakeTimers in package.json "jest" (not applied by the harness)',
    ]);
  });

  test("vitest expect.poll defaults refuse the suite", async () => {
    const loaded = await load(
      { "u.test.ts": `import { test } from "vitest"; test("t", () => {});` },
      { data: { "vitest.config.ts": `export default { test: { expect: { poll: { timeout: 50 } } } };` } },
    );
    expect(loaded.harness.unsupported()).toEqual(["the option poll in vitest.config.ts (not applied by the harness)"]);
  });
});

test("a .snap file beside tests that never call the snapshot matchers is left alone (another library's)", async () => {
  const loaded = await load(
    { "u.test.ts": `describe("s", () => { test("obj", () => { expect(1).toBe(1); }); });` },
    { globals: true, data: { "__snapshots__/u.test.ts.snap": JEST_SNAP } },
  );
  const [r] = await loaded.runAll();
  expect(r!.status).toBe("passed");
});
