// walk: which nodes the mutate stage visits (and with which ancestors and keys), per skip rule.
import { describe, expect, test } from "bun:test";
import type { Node } from "oxc-parser";
import { isParseFailure, parseSource } from "../../../src/parse/parse.ts";
import { walk } from "../../../src/mutate/walk.ts";

/** `type@key` of every visited node, in visiting order. */
function visited(file: string, source: string, skipConsole?: boolean): string[] {
  const parsed = parseSource(file, source);
  if (isParseFailure(parsed)) throw new Error(parsed.message);
  const out: string[] = [];
  walk(parsed.program as unknown as Node, (node, _ancestors, key) => out.push(`${node.type}@${key}`), { skipConsole });
  return out;
}

/** Source texts of the visited nodes of one type. */
function texts(file: string, source: string, type: string, skipConsole?: boolean): string[] {
  const parsed = parseSource(file, source);
  if (isParseFailure(parsed)) throw new Error(parsed.message);
  const out: string[] = [];
  walk(
    parsed.program as unknown as Node,
    (node) => {
      if (node.type === type) out.push(source.slice(node.start, node.end));
    },
    { skipConsole },
  );
  return out;
}

describe("walk", () => {
  test("parents before children, in source order, with the key that holds each node", () => {
    expect(visited("a.js", "x = a + 1;")).toEqual([
      "Program@null",
      "ExpressionStatement@body",
      "AssignmentExpression@expression",
      "Identifier@left",
      "BinaryExpression@right",
      "Identifier@left",
      "Literal@right",
    ]);
  });

  test("ancestors are outermost first and end with the parent", () => {
    const parsed = parseSource("a.js", "f(a);");
    if (isParseFailure(parsed)) throw new Error(parsed.message);
    const chains: string[] = [];
    walk(parsed.program as unknown as Node, (node, ancestors) =>
      chains.push([...ancestors.map((a) => a.type), node.type].join(">")),
    );
    expect(chains.at(-1)).toBe("Program>ExpressionStatement>CallExpression>Identifier");
  });

  test.each([
    [
      "imports and re-exports",
      "a.ts",
      'import x from "m";\nexport * from "n";\nexport { y } from "o";\nexport { z };\nconst q = import("p");',
      "Literal",
      [],
    ],
    ["directives", "a.js", '"use strict";\nfunction f() { "use asm"; return "s"; }', "Literal", ['"s"']],
    [
      "declare and type-only syntax",
      "a.ts",
      'declare const a: string;\ntype T = "t";\ninterface I { k: "i" }\nenum E { A = "e" }\nconst b: "b" = "v";',
      "Literal",
      ['"v"'],
    ],
    ["decorators", "a.ts", '@dec("d") class C { @dec("m") m() { return "r"; } }', "Literal", ['"r"']],
    [
      "non-computed keys, but computed ones are code",
      "a.js",
      'x = { "k": 1, ["c"]: 2 };\nclass C { "f" = 3; ["g"] = 4 }',
      "Literal",
      ["1", '"c"', "2", "3", '"g"', "4"],
    ],
    ["require arguments", "a.cjs", 'const m = require("m");\nconst n = other("n");', "Literal", ['"n"']],
    [
      "TS wrappers: the expression, not the type",
      "a.ts",
      'x = (a as "t") satisfies string;\ny = b!;\nz = <"u">c;',
      "Identifier",
      ["x", "a", "y", "b", "z", "c"],
    ],
  ])("skips %s", (_name, file, source, type, expected) => {
    expect(texts(file, source, type)).toEqual(expected);
  });

  test("console calls are skipped unless skipConsole is false", () => {
    const source = 'console.log("a");\nlet x = console.error("b");\nlogger.log("c");';
    expect(texts("a.js", source, "Literal")).toEqual(['"c"']);
    expect(texts("a.js", source, "Literal", false)).toEqual(['"a"', '"b"', '"c"']);
  });
});
