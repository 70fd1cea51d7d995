import { describe, expect, test } from "bun:test";
import { generateWithOperators, mutateFile } from "../../../src/mutate/generate.ts";
import { gremlinId } from "../../../src/mutate/ids.ts";
import type { Gremlin } from "../../../src/types.ts";
import { arithmetic, arithmeticTwin, block, booleanLiteral, STUBS, stringLiteral } from "./_stubs.ts";

const at = (g: Gremlin) => `${g.loc.start.line}:${g.loc.start.column}-${g.loc.end.line}:${g.loc.end.column}`;

const SMALL = `export function price(qty: number, unit: number): number {
  if (qty > 10) {
    return qty * unit - 5;
  }
  const label = "total";
  obj.count = qty + 1;
  obj.run(qty + 2);
  return qty * unit + 0;
}
`;

describe("mutateFile", () => {
  test("a small TS file: gremlins in position order with exact locations and original text", () => {
    const result = mutateFile("src/price.ts", SMALL, STUBS);
    if ("failure" in result) throw new Error(result.failure.message);
    const rows = result.file.gremlins.map(
      (g) =>
        `${g.index} ${at(g)} ${g.operator} ${g.kind} ${JSON.stringify(g.original)} → ${JSON.stringify(g.replacement)}`,
    );
    expect(rows).toEqual([
      // The function body's contents come first (outermost span), then the if-block's contents.
      `1 1:59-9:1 block statement ${JSON.stringify(SMALL.slice(SMALL.indexOf("{") + 1, SMALL.lastIndexOf("}")))} → ""`,
      `2 2:18-4:3 block statement "\\n    return qty * unit - 5;\\n  " → ""`,
      `3 3:12-3:26 arithmetic expression "qty * unit - 5" → "qty * unit + 5"`,
      `4 5:17-5:24 string-literal expression "\\"total\\"" → "\\"\\""`,
      `5 6:15-6:22 arithmetic expression "qty + 1" → "qty - 1"`,
      `6 7:11-7:18 arithmetic expression "qty + 2" → "qty - 2"`,
      `7 8:10-8:24 arithmetic expression "qty * unit + 0" → "qty * unit - 0"`,
    ]);
    // member-undefined proposed obj.count (assignment target) and obj.run (callee): both dropped.
    expect(result.file.gremlins.some((g) => g.operator === "member-undefined")).toBe(false);
    for (const g of result.file.gremlins) {
      expect(g.original).toBe(SMALL.slice(g.start, g.end));
      expect(g.id).toBe(
        gremlinId({
          file: "src/price.ts",
          operator: g.operator,
          start: g.start,
          end: g.end,
          replacement: g.replacement,
        }),
      );
      expect(g.ignoredReason).toBeUndefined();
    }
    expect(result.file.language).toBe("ts");
    expect(result.file.source).toBe(SMALL);
  });

  test("non-ASCII before a gremlin: UTF-16 columns and exact original text", () => {
    const source = [
      `const s = "é😀"; // ü comment with ünïcödé`,
      `/* ü 😀 */ const t = "😀é" + "ü";`,
      `const u = \`é\${"😀" + x}\`;`,
    ].join("\n");
    const result = mutateFile("src/ü.ts", source, [arithmetic, stringLiteral]);
    if ("failure" in result) throw new Error(result.failure.message);
    const rows = result.file.gremlins.map((g) => `${g.operator} ${at(g)} ${g.original}`);
    // Columns count UTF-16 code units: "😀" is 2 units, "é"/"ü" are 1.
    expect(rows).toEqual([
      `string-literal 1:11-1:16 "é😀"`,
      `arithmetic 2:22-2:33 "😀é" + "ü"`,
      `string-literal 2:22-2:27 "😀é"`,
      `string-literal 2:30-2:33 "ü"`,
      `arithmetic 3:15-3:23 "😀" + x`,
      `string-literal 3:15-3:19 "😀"`,
    ]);
    for (const g of result.file.gremlins) expect(source.slice(g.start, g.end)).toBe(g.original);
  });

  test("CRLF line endings and a BOM give the right lines", () => {
    const source = "\uFEFFconst a = 1 + 2;\r\n\r\nconst b = 3 + 4;\r\n// c\r\nconst c = true;\r\n";
    const result = mutateFile("src/crlf.ts", source, [arithmetic, booleanLiteral]);
    if ("failure" in result) throw new Error(result.failure.message);
    const rows = result.file.gremlins.map((g) => `${g.operator} ${at(g)} ${g.original}`);
    // Columns are UTF-16 units from the line start, as everywhere in gremlins: the BOM counts on line 1.
    expect(rows).toEqual([
      "arithmetic 1:12-1:17 1 + 2",
      "arithmetic 3:11-3:16 3 + 4",
      "boolean-literal 5:11-5:15 true",
    ]);
  });

  test("exact duplicates (same span and replacement) are kept once, from the first operator", () => {
    const result = mutateFile("a.ts", "x = a + b;", [arithmetic, arithmeticTwin]);
    if ("failure" in result) throw new Error(result.failure.message);
    expect(result.file.gremlins.map((g) => g.operator)).toEqual(["arithmetic"]);
  });

  test("console calls are skipped unless skipConsole is false", () => {
    const source = 'console.log("a" + b);';
    const count = (skipConsole?: boolean) => {
      const r = mutateFile("a.ts", source, [arithmetic], { skipConsole });
      if ("failure" in r) throw new Error(r.failure.message);
      return r.file.gremlins.length;
    };
    expect(count()).toBe(0);
    expect(count(false)).toBe(1);
  });

  test("operators are only asked about the node types and parent keys they declare", () => {
    const asked: Record<string, string[]> = { keyed: [], typed: [], both: [], any: [] };
    const spy = (name: string, extra: { nodeTypes?: string[]; keys?: string[] }) => ({
      name,
      description: "",
      ...extra,
      mutate: (n: { type: string }, ctx: { key: string | null }) => (asked[name]!.push(`${n.type}@${ctx.key}`), []),
    });
    const ops = [
      spy("keyed", { keys: ["test"] }),
      spy("typed", { nodeTypes: ["Literal"] }),
      spy("both", { nodeTypes: ["Identifier"], keys: ["test"] }),
      spy("any", {}),
    ];
    mutateFile("a.js", "if (a) x = 1; y = b ? 2 : c;", ops);
    expect(asked.keyed).toEqual(["Identifier@test", "Identifier@test"]);
    expect(asked.typed).toEqual(["Literal@right", "Literal@consequent"]);
    expect(asked.both).toEqual(["Identifier@test", "Identifier@test"]);
    expect(asked.any.length).toBeGreaterThan(10);
    expect(asked.any).toContain("Program@null");
  });

  test("an operator that throws is reported with operator, file and position", () => {
    const broken = {
      name: "broken",
      description: "",
      mutate: (n: { type: string }) => {
        if (n.type === "Literal") throw new Error("boom");
        return [];
      },
    };
    expect(() => mutateFile("src/a.ts", "x;\ny = 1;", [broken])).toThrow(
      "operator `broken` failed on src/a.ts:2:5 (Literal): boom",
    );
  });
});

describe("generateWithOperators", () => {
  test("files in sorted path order, indices 1..N across files, parse failures reported and skipped", () => {
    const result = generateWithOperators(
      [
        { file: "src/z.ts", source: "z = 1 + 2;" },
        { file: "src/broken.ts", source: "const x = ;\nlet y = 1 + 1;" },
        { file: "src/a.ts", source: "a = 1 + 2;\nb = 3 - 4;" },
      ],
      STUBS,
    );
    expect(result.files.map((f) => f.file)).toEqual(["src/a.ts", "src/z.ts"]);
    expect(result.gremlins.map((g) => `${g.index} ${g.file}:${g.loc.start.line} ${g.original}`)).toEqual([
      "1 src/a.ts:1 1 + 2",
      "2 src/a.ts:2 3 - 4",
      "3 src/z.ts:1 1 + 2",
    ]);
    expect(result.files[1]!.gremlins[0]).toBe(result.gremlins[2]!);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ file: "src/broken.ts", line: 1, column: 11 });
    expect(result.failures[0]!.message.length).toBeGreaterThan(0);
    expect(new Set(result.gremlins.map((g) => g.id)).size).toBe(3);
  });

  test("ids are the same whatever else is in the run; indices are not", () => {
    const a = { file: "src/a.ts", source: "a = 1 + 2;" };
    const m = { file: "src/m.ts", source: "m = 5 + 6;" };
    const alone = generateWithOperators([m], [arithmetic]).gremlins[0]!;
    const withOther = generateWithOperators([m, a], [arithmetic]).gremlins[1]!;
    expect(withOther.id).toBe(alone.id);
    expect([alone.index, withOther.index]).toEqual([1, 2]);
  });

  test("disabled gremlins stay in the list and keep their index; warnings are collected", () => {
    const result = generateWithOperators(
      [
        {
          file: "a.ts",
          source: "// gremlins-disable-next-line: ok\nx = 1 + 2;\n// gremlins-disable-next-line\ny = 3 + 4;",
        },
      ],
      [arithmetic, block],
    );
    expect(result.gremlins.map((g) => [g.index, g.ignoredReason])).toEqual([
      [1, "disabled by comment at line 1: ok"],
      [2, undefined],
    ]);
    expect(result.warnings.map((w) => `${w.file}:${w.line}`)).toEqual(["a.ts:3"]);
  });
});
