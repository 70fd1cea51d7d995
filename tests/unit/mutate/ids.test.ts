import { describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { gremlinId, ID_LENGTH } from "../../../src/mutate/ids.ts";

const base = { file: "src/a.ts", operator: "arithmetic", start: 10, end: 15, replacement: "a - b" };

describe("gremlinId", () => {
  test("is short lowercase hex and stable: SHA-256 of the NUL-joined fields (pinned; ids must not change between releases)", () => {
    const id = gremlinId(base);
    expect(id).toMatch(new RegExp(`^[0-9a-f]{${ID_LENGTH}}$`));
    expect(ID_LENGTH).toBe(12);
    expect(gremlinId({ ...base })).toBe(id);
    expect(id).toBe("0692dd2585ff");
  });

  test.each([
    ["file", { ...base, file: "src/b.ts" }],
    ["operator", { ...base, operator: "equality" }],
    ["start", { ...base, start: 11 }],
    ["end", { ...base, end: 16 }],
    ["replacement", { ...base, replacement: "a * b" }],
  ])("changes when %s changes", (_field, other) => {
    expect(gremlinId(other)).not.toBe(gremlinId(base));
  });

  test("fields cannot run into each other", () => {
    expect(gremlinId({ ...base, file: "a", operator: "bc" })).not.toBe(
      gremlinId({ ...base, file: "ab", operator: "c" }),
    );
  });

  test("distinct over many gremlins", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5000; i++) ids.add(gremlinId({ ...base, start: i, end: i + 3 }));
    expect(ids.size).toBe(5000);
  });

  test("is exactly the first 12 hex digits of node:crypto's SHA-256 of the UTF-8 key (Bun's fast path included)", () => {
    const replacements = ["a - b", "'é😀ü'", "\u2028x", "", "\ud800 lone surrogate", "`${x}`", "\0\n\r"];
    for (let i = 0; i < 3000; i++) {
      const identity = {
        file: i % 2 ? "src/ä/b.ts" : "lib/x.js",
        operator: "string-literal",
        start: i,
        end: i * 3 + 1,
        replacement: replacements[i % replacements.length]! + i,
      };
      const key = `${identity.file}\0${identity.operator}\0${identity.start}\0${identity.end}\0${identity.replacement}`;
      expect(gremlinId(identity)).toBe(createHash("sha256").update(key).digest("hex").slice(0, ID_LENGTH));
    }
  });
});
