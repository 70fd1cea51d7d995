// Exact emitted text of instrumented files: site shapes, nesting, ASI guards, header and footer.
import { describe, expect, test } from "bun:test";
import { GremlinsError } from "../../../src/errors.ts";
import { instrumentFile, RUNTIME_SOURCE } from "../../../src/instrument/index.ts";
import { firstParseError } from "../../../src/parse/parse.ts";
import type { Gremlin } from "../../../src/types.ts";
import { handGremlin, sourceFile } from "./_helpers.ts";

type Spec = [text: string, replacement: string, kind?: "expression" | "statement", nth?: number];

/** Instruments `source` with hand-made gremlins (indices 1..n in spec order) and strips the helper. */
function emit(file: string, source: string, specs: Spec[], tweak?: (g: Gremlin[]) => void): string {
  const gremlins = specs.map(([text, repl, kind, nth], i) =>
    handGremlin(file, source, i + 1, text, repl, kind ?? "expression", nth ?? 0),
  );
  tweak?.(gremlins);
  const out = instrumentFile(sourceFile(file, source, gremlins));
  const footer = `\n${RUNTIME_SOURCE}`;
  expect(out.endsWith(footer)).toBe(true);
  return out.slice(0, -footer.length);
}

describe("emitted sites", () => {
  const cases: [name: string, file: string, source: string, specs: Spec[], expected: string][] = [
    ["one expression site", "a.js", "f(a + b);", [["a + b", "a - b"]], "f((__gremlins_g(1) ? (a - b) : (a + b)));"],
    [
      "several gremlins on one span, in index order",
      "a.js",
      "f(a < b);",
      [
        ["a < b", "a <= b"],
        ["a < b", "a >= b"],
      ],
      "f((__gremlins_g(1) ? (a <= b) : __gremlins_g(2) ? (a >= b) : (a < b)));",
    ],
    [
      "nested sites: inner ones only in ORIG, REPL stays plain",
      "a.js",
      "f(a * 2 + b);",
      [
        ["a * 2 + b", "a * 2 - b"],
        ["a * 2", "a / 2"],
      ],
      "f((__gremlins_g(1) ? (a * 2 - b) : ((__gremlins_g(2) ? (a / 2) : (a * 2)) + b)));",
    ],
    [
      "one statement site",
      "a.js",
      "go();\nstop();",
      [["go();", "", "statement"]],
      "if (__gremlins_g(1)) {} else {go();}\nstop();",
    ],
    [
      "statement site with two gremlins and an inner expression site",
      "a.js",
      "if (x) { y = 1 + z; }",
      [
        [" y = 1 + z; ", "", "statement"],
        [" y = 1 + z; ", "y = 0;", "statement"],
        ["1 + z", "1 - z"],
      ],
      "if (x) {if (__gremlins_g(1)) {} else if (__gremlins_g(2)) {y = 0;} else { y = (__gremlins_g(3) ? (1 - z) : (1 + z)); }}",
    ],
    [
      "statement and expression site on the same span (no semicolon)",
      "a.js",
      "x++\n",
      [
        ["x++", "", "statement"],
        ["x++", "x--"],
      ],
      "if (__gremlins_g(1)) {} else {{(__gremlins_g(2) ? (x--) : (x++))}}\n",
    ],
    [
      "ASI: a site at the start of a semicolon-less statement is braced",
      "a.js",
      "a = b\nx++\n",
      [["x++", "x--"]],
      "a = b\n{(__gremlins_g(1) ? (x--) : (x++))}\n",
    ],
    [
      "ASI: a site at the start of an expression statement",
      "a.js",
      "a = b\nx + 1\n",
      [["x", "y", "expression", 0]],
      "a = b\n{(__gremlins_g(1) ? (y) : (x)) + 1}\n",
    ],
    [
      "ASI: a site ending a semicolon-less expression statement",
      "a.js",
      "f(x)\ny = x++\n[1].map(g)\n",
      [["x++", "x--"]],
      "f(x)\n{y = (__gremlins_g(1) ? (x--) : (x++))}\n[1].map(g)\n",
    ],
    [
      "ASI: a site ending a semicolon-less declaration gets `;`",
      "a.js",
      "let y = x++\n[1].map(g)\n",
      [["x++", "x--"]],
      "let y = (__gremlins_g(1) ? (x--) : (x++));\n[1].map(g)\n",
    ],
    [
      "ASI: return and class field",
      "a.js",
      "class A { a = x++\n[k] = 1 }\nfunction f() { return x++\n}",
      [
        ["x++", "x--"],
        ["x++", "x--", "expression", 1],
      ],
      "class A { a = (__gremlins_g(1) ? (x--) : (x++));\n[k] = 1 }\nfunction f() { return (__gremlins_g(2) ? (x--) : (x++));\n}",
    ],
    [
      "no guard inside a for head",
      "a.js",
      "for (let i = a + 1; i < n; i++) {}",
      [["a + 1", "a - 1"]],
      "for (let i = (__gremlins_g(1) ? (a - 1) : (a + 1)); i < n; i++) {}",
    ],
    [
      "a replacement ending in a line comment does not swallow the bracket",
      "a.js",
      "f(a);",
      [["a", "b // c"]],
      "f((__gremlins_g(1) ? (b // c\n) : (a)));",
    ],
    // `//` on the last line of ORIG (here inside strings): found in the source tail or, past it, in the nested text.
    [
      "ORIG with `//` on its last line gets a line break",
      "a.js",
      'f("a//b" + c);',
      [['"a//b" + c', '"a//b" - c']],
      'f((__gremlins_g(1) ? ("a//b" - c\n) : ("a//b" + c\n)));',
    ],
    [
      "ORIG with `//` before an inner site on its last line",
      "a.js",
      'f("a//b" + c + d);',
      [
        ['"a//b" + c + d', '"a//b" + c - d'],
        ["c", "e"],
      ],
      'f((__gremlins_g(1) ? ("a//b" + c - d\n) : ("a//b" + (__gremlins_g(2) ? (e) : (c)) + d\n)));',
    ],
    [
      "ORIG with `//` after its last inner site",
      "a.js",
      'f(c + "//"\n);',
      [
        ['c + "//"', "x"],
        ["c", "e"],
      ],
      'f((__gremlins_g(1) ? (x) : ((__gremlins_g(2) ? (e) : (c)) + "//"\n))\n);',
    ],
    [
      "an inner site with a line break ends the line of an earlier `//`",
      "a.js",
      'f("//" + g(a,\n b) + c);',
      [
        ['"//" + g(a,\n b) + c', "x"],
        ["g(a,\n b)", "y"],
      ],
      'f((__gremlins_g(1) ? (x) : ("//" + (__gremlins_g(2) ? (y) : (g(a,\n b))) + c)));',
    ],
    [
      "an inner REPL closed with a line break ends the line of an earlier `//`",
      "a.js",
      'f("//" + a + b);',
      [
        ['"//" + a + b', "x"],
        ["a", "y // c"],
      ],
      'f((__gremlins_g(1) ? (x) : ("//" + (__gremlins_g(2) ? (y // c\n) : (a)) + b)));',
    ],
    [
      "ORIG with `//` only above its last line",
      "a.js",
      'f("//" + c +\n  d);',
      [
        ['"//" + c +\n  d', "x"],
        ["c", "e"],
      ],
      'f((__gremlins_g(1) ? (x) : ("//" + (__gremlins_g(2) ? (e) : (c)) +\n  d)));',
    ],
  ];
  for (const [name, file, source, specs, expected] of cases) {
    test(name, () => expect(emit(file, source, specs)).toBe(expected));
  }

  test("ignored gremlins are not planted", () => {
    const out = emit(
      "a.js",
      "f(a + b, c);",
      [
        ["a + b", "a - b"],
        ["c", "d"],
      ],
      (g) => {
        g[0]!.ignoredReason = "disabled by comment";
      },
    );
    expect(out).toBe("f(a + b, (__gremlins_g(2) ? (d) : (c)));");
  });

  test("a file without gremlins only gets the helper", () => {
    expect(emit("a.js", "export const x = 1;\n", [])).toBe("export const x = 1;\n");
  });

  test("partially overlapping sites are rejected", () => {
    expect(() =>
      emit("a.js", "f(a + b + c);", [
        ["a + b", "x"],
        ["b + c", "y"],
      ]),
    ).toThrow(GremlinsError);
  });

  test("an invalid span, or one whose text is not `original`, is rejected with the file name", () => {
    expect(() => emit("src/a.js", "f(a);", [["a", "b"]], (g) => void (g[0]!.end = 99))).toThrow(
      /^src\/a\.js: gremlin 1 /,
    );
    expect(() =>
      emit("src/a.js", "f(é, a);", [["a", "b"]], (g) => void ((g[0]!.start += 1), (g[0]!.end += 1))),
    ).toThrow(/^src\/a\.js: gremlin 1 /);
  });
});

describe("header and footer", () => {
  test("TS files get @ts-nocheck after the hashbang; the helper comes last", () => {
    const out = emit("bin/cli.ts", "#!/usr/bin/env node\nconst n: number = a + 1;\n", [["a + 1", "a - 1"]]);
    expect(out).toBe("#!/usr/bin/env node\n// @ts-nocheck\nconst n: number = (__gremlins_g(1) ? (a - 1) : (a + 1));\n");
  });

  test("TSX files get @ts-nocheck at the very top, before directives", () => {
    expect(emit("a.tsx", '"use client";\nexport const A = () => <b>{n + 1}</b>;\n', [["n + 1", "n - 1"]])).toBe(
      '// @ts-nocheck\n"use client";\nexport const A = () => <b>{(__gremlins_g(1) ? (n - 1) : (n + 1))}</b>;\n',
    );
  });

  test("JS files keep directives first and get no @ts-nocheck unless they opt into checking", () => {
    expect(emit("a.cjs", '"use strict";\nmodule.exports = a && b;\n', [["a && b", "a || b"]])).toBe(
      '"use strict";\nmodule.exports = (__gremlins_g(1) ? (a || b) : (a && b));\n',
    );
    expect(emit("a.js", "// @ts-check\nf(a);\n", [["a", "b"]])).toBe(
      "// @ts-nocheck\n// @ts-check\nf((__gremlins_g(1) ? (b) : (a)));\n",
    );
  });

  test("a hashbang without a line break still comes first", () => {
    expect(
      instrumentFile(sourceFile("a.ts", "#!/usr/bin/env bun", [])).startsWith("#!/usr/bin/env bun\n// @ts-nocheck\n"),
    ).toBe(true);
  });

  test("a trailing line comment does not swallow the helper", () => {
    const out = instrumentFile(sourceFile("a.js", "f(1) // done", []));
    expect(out).toBe(`f(1) // done\n${RUNTIME_SOURCE}`);
  });
});

describe("non-ASCII source", () => {
  test("offsets are UTF-16: sites after é, 😀 and ü land exactly", () => {
    const source = 'const s = "é😀" + name; // ü comment\nconst t = a + "ü" + b; /* 😀 */ f(x > 1);\n';
    const out = emit("a.ts", source, [
      ['"é😀" + name', '"é😀" - name'],
      ['a + "ü"', 'a - "ü"'],
      ["x > 1", "x >= 1"],
    ]);
    expect(out).toBe(
      '// @ts-nocheck\nconst s = (__gremlins_g(1) ? ("é😀" - name) : ("é😀" + name)); // ü comment\n' +
        'const t = (__gremlins_g(2) ? (a - "ü") : (a + "ü")) + b; /* 😀 */ f((__gremlins_g(3) ? (x >= 1) : (x > 1)));\n',
    );
  });
});

describe("parse guard", () => {
  test("the helper the guard leaves out parses on its own, in every language and module kind, and opens with `function`", () => {
    // The guard checks the file without RUNTIME_SOURCE; that is only as strict as checking it with the
    // helper because complete declarations after a line break cannot break a program that parses.
    expect(RUNTIME_SOURCE.startsWith("function ")).toBe(true);
    for (const file of ["a.js", "a.mjs", "a.cjs", "a.ts", "a.mts", "a.cts", "a.tsx", "a.jsx"]) {
      expect([file, firstParseError(file, RUNTIME_SOURCE)]).toEqual([file, null]);
      // …and in an ES module (strict mode), after a statement without `;`.
      if (!/\.c[jt]s$/.test(file))
        expect([file, firstParseError(file, `export const x = 1\n${RUNTIME_SOURCE}`)]).toEqual([file, null]);
    }
  });

  test("an instrumented copy that does not parse throws a GremlinsError naming the file", () => {
    const run = () => emit("src/broken.js", "f(a);", [["a", "a)"]]);
    expect(run).toThrow(GremlinsError);
    expect(run).toThrow(/^src\/broken\.js: the instrumented copy does not parse \(1:/);
  });
});
