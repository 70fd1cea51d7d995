// The snapshot serialiser against .snap files written by the real jest 30 and vitest 4 (see
// snapshot-data/README.md): every value prints exactly as the runner stored it, under the same key.
import { describe, expect, test } from "bun:test";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ModuleMocker } from "jest-mock";
import { keyName, keyOf, readSnapFile, snapPathOf } from "../../../src/harness/snapshot/snap-file.ts";
import {
  serialize,
  snapshotEquals,
  stripIndentation,
  type SnapshotFlavor,
} from "../../../src/harness/snapshot/serialize.ts";

const DATA = join(import.meta.dir, "snapshot-data");
const require = createRequire(import.meta.url);
const make = require(join(DATA, "values.cjs")) as (e: unknown, fn: unknown) => [string, () => unknown][];
// The CommonJS entry: Bun's runtime sees the package's ESM wrapper without `expect` (see harness/expect.ts).
const jestExpect = (require("expect") as { expect: unknown }).expect;

describe.each(["jest", "vitest"] as SnapshotFlavor[])("%s-written .snap", (flavor) => {
  const snap = readSnapFile(snapPathOf(join(DATA, flavor, "values.snapgen.js")));
  const sep = flavor === "jest" ? " " : " > ";
  const mocker = new ModuleMocker(globalThis);

  test("is read with its header and every entry", () => {
    expect(snap.exists).toBe(true);
    expect(snap.writer).toBe(flavor);
    expect(snap.jestHeaderError).toBe(flavor === "jest" ? null : "Outdated snapshot: No snapshot header found.");
    expect(Object.keys(snap.data).length).toBe(40);
  });

  for (const [title, value] of make(jestExpect, mocker.fn.bind(mocker))) {
    test(`serialises: ${title}`, () => {
      const key = keyOf(`values${sep}${title}`, 1, flavor);
      const stored = snap.data[key];
      expect(stored).toBeDefined();
      const printed = serialize(value(), flavor);
      expect(printed).toBe(stored!);
      expect(snapshotEquals(stored!, printed, flavor)).toBe(true);
    });
  }

  test("keys: counters, hints and line breaks in names", () => {
    const hint = flavor === "jest" ? "keys hint: first hint" : "keys > hint > first hint";
    expect(snap.data[keyOf(hint, 1, flavor)]).toBe('"a"');
    expect(snap.data[keyOf(hint, 2, flavor)]).toBe('"b"');
    expect(snap.data[keyOf(`keys${sep}two in one test`, 2, flavor)]).toBe("2");
    const broken = keyOf(`keys${sep}line\nbreak in the name`, 1, flavor);
    expect(snap.data[broken]).toBe('"nl"');
    expect(keyName(broken, flavor)).toBe(`keys${sep}line\nbreak in the name`);
  });

  test("thrown errors: jest stores the message with its causes, vitest the error", () => {
    const stored = snap.data[keyOf(`keys${sep}thrown message`, 1, flavor)];
    expect(stored).toBe(flavor === "jest" ? serialize("outer\nCause: inner", "jest") : "[Error: outer]");
  });
});

describe("comparison rules", () => {
  test("jest compares exactly, vitest trims both sides", () => {
    expect(snapshotEquals("\n1\n", "1", "jest")).toBe(false);
    expect(snapshotEquals("\n1\n", "1", "vitest")).toBe(true);
  });

  test("inline literals lose the indentation the runner added", () => {
    expect(stripIndentation('\n      {\n        "a": 1,\n      }\n    ')).toBe('\n{\n  "a": 1,\n}\n');
    expect(stripIndentation("`x`")).toBe("`x`");
    // Lines less indented than the first: left alone.
    expect(stripIndentation("\n    a\n  b\n")).toBe("\n    a\n  b\n");
  });

  test("a file that is missing has no entries", () => {
    const snap = readSnapFile("/nonexistent/__snapshots__/x.test.js.snap");
    expect(snap).toMatchObject({ exists: false, writer: null, data: {} });
  });
});
