// Static side of bun:test's `mock.module(path, factory)`: finds a test file's calls and checks that each
// can be emulated faithfully. Bun runs the call where it stands (no hoisting): a module already loaded is
// updated in place (the names the factory returns replace the live bindings, the others keep their
// values), one not loaded yet is, at its first import, exactly what the factory returns (the factory runs
// then, lazily). Only calls at a file's top level are emulated (they run while the file loads, before any
// of its tests, as every replay needs); anything else is a reason, never a guess.

import { isParseFailure, parseSource } from "../../parse/parse.ts";
import { literalPath, visit, type Node } from "./ast.ts";

/** One `mock.module` of the file, in source order. */
export interface BunMockDeclaration {
  /** The path as written (relative to the test file, an alias or a package name). */
  path: string;
  /** The names the factory's object literal declares; null when they are not all written out (a spread, a call). */
  keys: string[] | null;
  /** Set by the caller: the module loads with the test file (its static imports reach it), before the call runs. */
  loadedFirst?: boolean;
}

export interface BunMockPlan {
  mocks: BunMockDeclaration[];
}

/** The local names `mock` from "bun:test" is bound to in the file. */
function mockNames(body: readonly Node[]): Set<string> {
  const names = new Set<string>();
  for (const statement of body) {
    if (statement.type !== "ImportDeclaration" || (statement.source as Node).value !== "bun:test") continue;
    for (const s of statement.specifiers as Node[]) {
      const imported = s.imported as Node | undefined;
      const name = (imported?.name ?? imported?.value) as string | undefined;
      if (s.type === "ImportSpecifier" && name === "mock") names.add((s.local as Node).name as string);
    }
  }
  return names;
}

/** `<mock>.module(…)` for one of the names `mock` is bound to. */
function isMockModule(node: Node, names: ReadonlySet<string>): boolean {
  if (node.type !== "CallExpression") return false;
  const callee = node.callee as Node;
  if (callee.type !== "MemberExpression" || callee.computed) return false;
  const object = callee.object as Node;
  return (
    object.type === "Identifier" && names.has(object.name as string) && (callee.property as Node).name === "module"
  );
}

/** The object literal a factory returns, when its body is one (`() => ({…})`, `() => { return {…}; }`). */
function returnedObject(factory: Node): Node | null {
  let body = factory.body as Node;
  if (body.type === "ParenthesizedExpression") body = body.expression as Node;
  if (body.type === "ObjectExpression") return body;
  if (body.type !== "BlockStatement") return null;
  const statements = body.body as Node[];
  const last = statements[statements.length - 1];
  if (statements.length !== 1 || last?.type !== "ReturnStatement") return null;
  let argument = last.argument as Node | null;
  if (argument?.type === "ParenthesizedExpression") argument = argument.expression as Node;
  return argument?.type === "ObjectExpression" ? argument : null;
}

/** The keys an object literal declares, or null when one is computed or spread in. */
function literalKeys(object: Node): string[] | null {
  const keys: string[] = [];
  for (const p of object.properties as Node[]) {
    if (p.type !== "Property" || p.computed) return null;
    const key = p.key as Node;
    const name = key.type === "Identifier" ? key.name : key.value;
    if (typeof name !== "string") return null;
    keys.push(name);
  }
  return keys;
}

/** The bun:test module mocks of `source`, the reason they cannot be emulated, or null when it mocks no module. Reasons leave the file to the caller. */
export function planBunMocks(file: string, source: string): BunMockPlan | { reason: string } | null {
  const parsed = parseSource(file, source);
  if (isParseFailure(parsed)) return null;
  const body = parsed.program.body as unknown as Node[];
  const names = mockNames(body);
  const reasons: string[] = [];
  const mocks: BunMockDeclaration[] = [];
  const topLevel = new Set<Node>();
  for (const statement of body) {
    const call = statement.type === "ExpressionStatement" ? (statement.expression as Node) : null;
    if (!call || !isMockModule(call, names)) continue;
    topLevel.add(call);
    const args = call.arguments as Node[];
    const path = literalPath(args[0]);
    const factory = args[1];
    if (path === null) reasons.push("mock.module with a path that is not a string literal");
    else if (!factory || !/Function|Arrow/.test(factory.type) || args.length > 2)
      reasons.push(`mock.module("${path}", …) without a factory function`);
    else if (mocks.some((m) => m.path === path)) reasons.push(`mock.module("${path}") twice`);
    else {
      const object = returnedObject(factory);
      mocks.push({ path, keys: object ? literalKeys(object) : null });
    }
  }
  visit(parsed.program, (node) => {
    if (isMockModule(node, names) && !topLevel.has(node))
      reasons.push(
        `mock.module inside a function, test or hook (bun applies it from that call on, to every later test and file; not emulated)`,
      );
  });
  if (reasons.length > 0) return { reason: reasons[0]! };
  return mocks.length > 0 ? { mocks } : null;
}
