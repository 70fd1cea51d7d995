// Instrumented code behaves like the original with no gremlin active, and like the original with
// exactly one change applied when that gremlin is active (selected through the in-process switch).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { instrumentFile } from "../../../src/instrument/index.ts";
import type { GremlinsGlobals } from "../../../src/instrument/runtime.ts";
import { CORPUS } from "./corpus.ts";
import { handGremlin, observe, realFile, singleChange, sourceFile, tempDir, type Observation } from "./_helpers.ts";

// `any` because probes poke at whatever the module under test exports.
type Probe = (m: any) => unknown;

const PROBES: Record<string, Probe[]> = {
  "esm.mjs": [
    (m) => [-3, 0, 4, 10, 11, 50].map(m.classify),
    (m) => [m.pick({ a: { b: 1 } }), m.pick({ c: 2 }), m.pick(null), m.pick({ a: {} })],
    (m) => [m.total([]), m.total([1, 2, 3]), m.total([-5])],
    (m) => [
      m.scan([
        [1, 2],
        [-1, 20],
      ]),
      m.scan([[3, 10]]),
      m.scan([]),
      m.scan([[5]]),
    ],
    (m) => [m.default.re.source, m.default.re.flags, m.default.read(), m.limit],
  ],
  "legacy.cjs": [(m) => [m.ext("a.ts"), m.ext("Makefile"), m.flags, m.count(), m.neg(3), m.not(0)]],
  "classes.js": [
    (m) => {
      const a = new m.Account();
      a.deposit(4).deposit(3);
      const before = a.balance;
      a.balance = -1;
      const mid = a.balance;
      a.balance = 20;
      return [before, mid, a.balance, a.reveal(), a.label, m.Account.instances, a.accessor];
    },
  ],
  "gen.js": [
    (m) => m.range(0, 5),
    (m) => m.range(1, 9, 3),
    (m) => m.sumAll([1, 2, Promise.resolve(3)]),
    (m) => m.sumAll([99, 9]),
    (m) => m.lazy(),
  ],
  "asi.js": [(m) => [m.a, m.b, m.c, m.d]],
  "calc.ts": [
    (m) => [
      m.clamp(5, 0, 3),
      m.clamp(-1, 0, 3),
      m.clamp(2, 0, 3),
      m.mean([]),
      m.mean([1, 2, 6]),
      m.Mode.Fast,
      m.label(m.Mode.Slow),
      m.words("é😀 ü x"),
    ],
  ],
};

const EXTRA: Record<string, string> = {
  "calc.ts": `export enum Mode { Slow = 1, Fast = Slow + 1 }
export function clamp(n: number, lo: number, hi: number): number { return n < lo ? lo : n > hi ? hi : n; }
export function mean(xs: number[]): number | null {
  if (xs.length === 0) return null
  let s = 0
  for (const x of xs) s += x
  return s / xs.length
}
export const label = (m: Mode): string => m === Mode.Slow ? "slow 🐢" : "fast";
export function words(s: string): string[] { return s.split(" ").filter((w) => w.length > 1); }
`,
};

const SOURCES: Record<string, string> = { ...CORPUS, ...EXTRA };
const HIT_LIMIT = 5000;
const globals = globalThis as unknown as GremlinsGlobals;
const sw = new Int32Array(new SharedArrayBuffer(16));
const tmp = tempDir("behaviour");
let serial = 0;

beforeAll(() => {
  // A fresh realm singleton in switch mode (other test files in this process may have created one).
  delete globals.__gremlins;
  globals.__gremlins_switch = sw;
  sw[3] = -1;
});

afterAll(() => {
  delete globals.__gremlins;
  delete globals.__gremlins_switch;
  tmp.cleanup();
});

/** Imports `code` from a new file in the temp dir and runs every probe against it. */
async function run(name: string, code: string, probes: readonly Probe[]): Promise<Observation[]> {
  const path = join(tmp.dir, `${serial++}-${name}`);
  writeFileSync(path, code);
  let mod: unknown;
  const loaded = await observe(async () => void (mod = await import(path)));
  if (loaded[0] === "throw") return [loaded];
  const results: Observation[] = [];
  for (const probe of probes) results.push(await observe(() => probe(mod)));
  return results;
}

function activate(index: number): void {
  sw[0] = index;
  sw[1] = 0;
  sw[2] = HIT_LIMIT;
}

describe("behaviour under the switch", () => {
  for (const [name, probes] of Object.entries(PROBES)) {
    test(`${name}: every gremlin behaves like its single-change mutant`, async () => {
      const source = SOURCES[name]!;
      const file = realFile(name, source);
      const instrumented = instrumentFile(file);
      const planted = file.gremlins.filter((g) => !g.ignoredReason);
      expect(planted.length).toBeGreaterThan(0);

      activate(0);
      const original = await run(name, source, probes);
      expect(original.every((o) => o[0] === "ok")).toBe(true);
      expect(await run(name, instrumented, probes)).toEqual(original);

      let differing = 0;
      for (const gremlin of planted) {
        activate(gremlin.index);
        const actual = await run(name, instrumented, probes);
        activate(0);
        if (actual.some((o) => o[0] === "throw" && o[1] === "GremlinsHitLimitError")) continue; // the mutant would loop forever
        const expected = await run(name, singleChange(source, gremlin), probes);
        expect({
          gremlin: `${gremlin.index} ${gremlin.operator} ${gremlin.original} → ${gremlin.replacement}`,
          result: actual,
        }).toEqual({
          gremlin: `${gremlin.index} ${gremlin.operator} ${gremlin.original} → ${gremlin.replacement}`,
          result: expected,
        });
        if (!Bun.deepEquals(expected, original)) differing++;
      }
      // The probes must see the gremlins at all, or the comparison above proves nothing.
      expect(differing).toBeGreaterThan(planted.length / 3);
    }, 30_000);
  }
});

describe("circular imports", () => {
  // b runs while a is still loading and calls a's instrumented function: the helper must already exist.
  const cases: [string, Record<string, string>, string][] = [
    [
      "ESM",
      {
        "a.mjs":
          'import { fromB } from "./b.mjs";\nexport function double(n) { return n * 2; }\nexport const result = fromB;\n',
        "b.mjs": 'import { double } from "./a.mjs";\nexport const fromB = double(21);\n',
      },
      "a.mjs",
    ],
    [
      "CJS",
      {
        "a.cjs":
          'exports.double = double;\nfunction double(n) { return n * 2; }\nexports.result = require("./b.cjs").fromB;\n',
        "b.cjs": 'exports.fromB = require("./a.cjs").double(21);\n',
      },
      "a.cjs",
    ],
  ];
  for (const [name, files, entry] of cases) {
    test(name, async () => {
      const dir = join(tmp.dir, `circular-${name}`);
      mkdirSync(dir);
      for (const [file, source] of Object.entries(files)) {
        const gremlins = file.startsWith("a") ? [handGremlin(file, source, 1, "n * 2", "n / 2")] : [];
        writeFileSync(join(dir, file), instrumentFile(sourceFile(file, source, gremlins)));
      }
      activate(0);
      expect((await import(join(dir, entry))).result).toBe(42);
    });
  }
});
