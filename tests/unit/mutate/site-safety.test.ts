import { describe, expect, test } from "bun:test";
import type { Node } from "oxc-parser";
import { isParseFailure, parseSource } from "../../../src/parse/parse.ts";
import { unsafeSiteReason, type SitePath } from "../../../src/mutate/site-safety.ts";
import { walk } from "../../../src/mutate/walk.ts";
import type { SiteKind } from "../../../src/types.ts";

/**
 * The site-safety verdict for the first node of `type` whose text is `text` in `source`.
 * `blockContents` proposes a statement mutation of the block's contents instead of the node.
 */
function verdict(
  file: string,
  source: string,
  type: string,
  text: string,
  kind: SiteKind,
  blockContents = false,
): string {
  const parsed = parseSource(file, source);
  if (isParseFailure(parsed)) throw new Error(parsed.message);
  const keys: (string | null)[] = [];
  let result: string | undefined;
  walk(parsed.program, (node: Node, ancestors, key) => {
    keys[ancestors.length] = key;
    if (result !== undefined || node.type !== type || source.slice(node.start, node.end) !== text) return;
    const span = blockContents ? { start: node.start + 1, end: node.end - 1 } : { start: node.start, end: node.end };
    const reason = unsafeSiteReason(
      { ...span, replacement: "x", description: "", kind },
      { node, key, ancestors, ancestorKeys: keys, source },
    );
    result = reason ?? "safe";
  });
  if (result === undefined) throw new Error(`no ${type} \`${text}\` in ${source}`);
  return result;
}

// [source, node type, node text, expected verdict ("safe" or the reason)]
const EXPRESSIONS: [string, string, string, string][] = [
  // must stay
  ["x = a + b;", "BinaryExpression", "a + b", "safe"],
  ["f(a.b);", "MemberExpression", "a.b", "safe"],
  ["a.b.c();", "MemberExpression", "a.b", "safe"],
  ["a[i + 1] = 2;", "BinaryExpression", "i + 1", "safe"],
  ["({ [k + 1]: v } = o);", "BinaryExpression", "k + 1", "safe"],
  ["const { a = 1 + 2 } = o;", "BinaryExpression", "1 + 2", "safe"],
  ["function f(a = b + c) {}", "BinaryExpression", "b + c", "safe"],
  ["a?.f(x + 1);", "BinaryExpression", "x + 1", "safe"],
  ["a?.[k + 1];", "BinaryExpression", "k + 1", "safe"],
  ["y = a?.b.c;", "MemberExpression", "a?.b.c", "safe"],
  ["y = a?.b.c;", "ChainExpression", "a?.b.c", "safe"],
  ["y = (a?.b).c;", "ChainExpression", "a?.b", "safe"],
  ["t`x${a + b}`;", "BinaryExpression", "a + b", "safe"],
  ["s = `x${a}`;", "TemplateLiteral", "`x${a}`", "safe"],
  ["y = [1, 2 + 3] as const;", "BinaryExpression", "2 + 3", "safe"],
  ["y = (a + b) as number;", "BinaryExpression", "a + b", "safe"],
  ["x = <a b={c + d}>{e + f}</a>;", "BinaryExpression", "c + d", "safe"],
  ["x = <a b={c + d}>{e + f}</a>;", "BinaryExpression", "e + f", "safe"],
  ["x = <a b={c + d}>{e + f}</a>;", "JSXElement", "<a b={c + d}>{e + f}</a>", "safe"],
  ["class A extends B { m() { return super.x + 1; } }", "MemberExpression", "super.x", "safe"],
  ["x = typeof a.b;", "MemberExpression", "a.b", "safe"],
  ["new a.b();", "MemberExpression", "a.b", "safe"],
  ["o = { k: a + b, [c]: d };", "BinaryExpression", "a + b", "safe"],
  ["f = (a) => a + 1;", "BinaryExpression", "a + 1", "safe"],
  ["f = function g() {};", "FunctionExpression", "function g() {}", "safe"],
  ["export default a + b;", "BinaryExpression", "a + b", "safe"],
  // must be dropped
  ["a.b = 1;", "MemberExpression", "a.b", "assignment target"],
  ["(a.b) = 1;", "MemberExpression", "a.b", "assignment target"],
  ["(a.b as any) += 1;", "MemberExpression", "a.b", "assignment target"],
  ["a.b++;", "MemberExpression", "a.b", "update target"],
  ["--(a.b);", "MemberExpression", "a.b", "update target"],
  ["for (a.b of c);", "MemberExpression", "a.b", "for-in/of target"],
  ["for (a.b in c);", "MemberExpression", "a.b", "for-in/of target"],
  ["[a.b, c] = d;", "MemberExpression", "a.b", "inside a pattern"],
  ["({ k: a.b } = d);", "MemberExpression", "a.b", "inside a pattern"],
  ["[...a.b] = d;", "MemberExpression", "a.b", "inside a pattern"],
  ["[a.b = 1] = d;", "MemberExpression", "a.b", "inside a pattern"],
  ["a.b();", "MemberExpression", "a.b", "member callee (would lose `this`)"],
  ["(a.b)();", "ParenthesizedExpression", "(a.b)", "member callee (would lose `this`)"],
  ["a.b!();", "TSNonNullExpression", "a.b!", "member callee (would lose `this`)"],
  ["a.b?.();", "MemberExpression", "a.b", "member callee (would lose `this`)"],
  ["eval(s);", "Identifier", "eval", "direct eval callee"],
  ["y = a?.b.c;", "MemberExpression", "a?.b", "inside an optional chain"],
  ["y = a?.b.c();", "MemberExpression", "a?.b", "inside an optional chain"],
  ["y = a?.b()[c];", "CallExpression", "a?.b()", "inside an optional chain"],
  ["y = a?.b.c;", "Identifier", "a", "inside an optional chain"],
  ["delete a.b;", "MemberExpression", "a.b", "delete operand"],
  ["delete (a[b]);", "MemberExpression", "a[b]", "delete operand"],
  ["x = typeof maybeUndeclared;", "Identifier", "maybeUndeclared", "typeof operand (an undeclared name would throw)"],
  ["class A extends B { constructor() { super(); } }", "Super", "super", "Super is not an expression"],
  ["x = import.meta.url;", "MetaProperty", "import.meta", "MetaProperty is not an expression"],
  ['x = <a b="s" />;', "Literal", '"s"', "JSX attribute value"],
  ["x = <a>text</a>;", "JSXText", "text", "JSXText is not an expression"],
  ["x = <a><b /></a>;", "JSXElement", "<b />", "JSX child"],
  ["y = [1, 2] as const;", "ArrayExpression", "[1, 2]", "operand of a const assertion"],
  ["y = ({ a: 1 }) as const;", "ObjectExpression", "{ a: 1 }", "operand of a const assertion"],
  ["y = <const>['a'];", "ArrayExpression", "['a']", "operand of a const assertion"],
  ["a.b`x`;", "MemberExpression", "a.b", "tagged template tag or quasi"],
  ["t`x${a}`;", "TemplateLiteral", "`x${a}`", "tagged template tag or quasi"],
  ["s = `x${a}`;", "TemplateElement", "`x${", "TemplateElement is not an expression"],
  ["y = a.b;", "Identifier", "b", "non-computed property name"],
  ["o = { a };", "Identifier", "a", "shorthand, method or accessor value"],
  ["o = { m() {} };", "FunctionExpression", "() {}", "shorthand, method or accessor value"],
  ["o = { get g() { return 1; } };", "FunctionExpression", "() { return 1; }", "shorthand, method or accessor value"],
  ["class C { m() {} }", "FunctionExpression", "() {}", "method value"],
  ["f(...a);", "SpreadElement", "...a", "SpreadElement is not an expression"],
  ["const f = () => 1;", "ArrowFunctionExpression", "() => 1", "anonymous function would lose its inferred name"],
  ["export default () => 1;", "ArrowFunctionExpression", "() => 1", "anonymous function would lose its inferred name"],
  [
    "export default function () {}",
    "FunctionDeclaration",
    "function () {}",
    "FunctionDeclaration is not an expression",
  ],
  ["export default class {}", "ClassDeclaration", "class {}", "ClassDeclaration is not an expression"],
  ["function f(a) {}", "Identifier", "a", "binding or label position"],
  ["x = y;", "Identifier", "x", "assignment target"],
];

describe("expression sites", () => {
  test.each(EXPRESSIONS)("%p %s `%s` → %s", (source, type, text, expected) => {
    const file = source.includes("<") && !source.includes("<const>") ? "x.tsx" : "x.ts";
    expect(verdict(file, source, type, text, "expression")).toBe(expected);
  });
});

// [source, node type, node text, expected, block contents?]
const STATEMENTS: [string, string, string, string, boolean][] = [
  ["a(); b();", "ExpressionStatement", "b();", "safe", false],
  ["if (x) a(); else b();", "ExpressionStatement", "b();", "safe", false],
  ["while (x) a();", "ExpressionStatement", "a();", "safe", false],
  ["for (;;) { a(); }", "BlockStatement", "{ a(); }", "safe", false],
  ["switch (x) { case 1: a(); }", "ExpressionStatement", "a();", "safe", false],
  ["class C { static { a(); } }", "ExpressionStatement", "a();", "safe", false],
  ["l: { a(); break l; }", "BlockStatement", "{ a(); break l; }", "safe", false],
  ["function f() { let x = 1; return x; }", "BlockStatement", "{ let x = 1; return x; }", "safe", true],
  ["if (x) {}", "BlockStatement", "{}", "safe", true],
  [
    "let x = 1;",
    "VariableDeclaration",
    "let x = 1;",
    "VariableDeclaration is not a statement that may move into a block",
    false,
  ],
  [
    "function f() {}",
    "FunctionDeclaration",
    "function f() {}",
    "FunctionDeclaration is not a statement that may move into a block",
    false,
  ],
  [
    "class C {}",
    "ClassDeclaration",
    "class C {}",
    "ClassDeclaration is not a statement that may move into a block",
    false,
  ],
  ["function f() { a(); }", "BlockStatement", "{ a(); }", "not in a statement position", false],
  ["try { a(); } catch {}", "BlockStatement", "{ a(); }", "not in a statement position", false],
  ["l: for (;;) { continue l; }", "ForStatement", "for (;;) { continue l; }", "labeled loop body", false],
  [
    "function f() { 'use strict'; a(); }",
    "BlockStatement",
    "{ 'use strict'; a(); }",
    "block starts with a directive",
    true,
  ],
];

describe("statement sites", () => {
  test.each(STATEMENTS)("%p %s `%s` → %s", (source, type, text, expected, contents) => {
    expect(verdict("x.ts", source, type, text, "statement", contents)).toBe(expected);
  });

  test("a statement mutation whose span is not the node nor the block's contents is dropped", () => {
    const source = "if (x) { a(); b(); }";
    const parsed = parseSource("x.ts", source);
    if (isParseFailure(parsed)) throw new Error(parsed.message);
    const stmt = parsed.program.body[0]!;
    if (stmt.type !== "IfStatement" || stmt.consequent.type !== "BlockStatement") throw new Error("unexpected AST");
    const blockNode: Node = stmt.consequent;
    const only = stmt.consequent.body[1]!;
    const path: SitePath = {
      node: blockNode,
      key: "consequent",
      ancestors: [parsed.program, stmt],
      ancestorKeys: [null, "body"],
      source,
    };
    expect(
      unsafeSiteReason({ start: only.start, end: only.end, replacement: "", description: "", kind: "statement" }, path),
    ).toBe("span covers only part of a block");
    expect(
      unsafeSiteReason(
        { start: blockNode.start + 1, end: blockNode.end - 1, replacement: "", description: "", kind: "expression" },
        path,
      ),
    ).toBe("span does not match the node");
  });
});
