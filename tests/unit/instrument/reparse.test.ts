// The instrumented copy of every corpus file re-parses (instrumentFile throws otherwise), and every
// planted gremlin appears exactly once in it while ignored ones do not appear at all.
import { describe, expect, test } from "bun:test";
import { instrumentFile } from "../../../src/instrument/index.ts";
import { isParseFailure, parseSource } from "../../../src/parse/parse.ts";
import { CORPUS } from "./corpus.ts";
import { realFile } from "./_helpers.ts";

function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe("instrumented corpus re-parses", () => {
  for (const [name, source] of Object.entries(CORPUS)) {
    test(name, () => {
      const file = realFile(name, source);
      const planted = file.gremlins.filter((g) => !g.ignoredReason);
      expect(planted.length).toBeGreaterThan(2);
      const out = instrumentFile(file);
      expect(isParseFailure(parseSource(name, out))).toBe(false);
      for (const g of file.gremlins)
        expect([g.index, countOf(out, `__gremlins_g(${g.index})`)]).toEqual([g.index, g.ignoredReason ? 0 : 1]);
      expect(countOf(out, "function __gremlins_g(")).toBe(1);
    });
  }

  test("statement bounds collected while mutating give the same output as a fresh parse", () => {
    for (const [name, source] of Object.entries(CORPUS)) {
      const file = realFile(name, source);
      expect(file.statementBounds).toBeDefined();
      const { statementBounds: _collected, ...withoutBounds } = file;
      expect([name, instrumentFile(file)]).toEqual([name, instrumentFile(withoutBounds)]);
    }
  });

  test("a disabled gremlin is not planted", () => {
    const file = realFile("d.js", "export const f = (a, b) => a + b;\n");
    expect(file.gremlins.length).toBeGreaterThan(0);
    for (const g of file.gremlins) g.ignoredReason = "disabled";
    expect(instrumentFile(file)).not.toContain("__gremlins_g(1)");
  });
});
