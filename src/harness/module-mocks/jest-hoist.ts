// Static side of jest's module mocks: finds a test file's top-level `jest.mock(path, factory?)` calls and
// hoists them as babel-plugin-jest-hoist does (babel-jest applies it even without a babel config; ts-jest
// has its own): the calls move above every statement, after the directive prologue, together with an
// `import { jest } from "@jest/globals"` they need. The factories stay in the test file, so they may read its
// `mock*` variables lazily, as under jest. What cannot be emulated faithfully is a reason, never a guess.

import { isParseFailure, parseSource } from "../../parse/parse.ts";
import { literalPath, visit, type Node } from "./ast.ts";

/** One `jest.mock` of the file, in source (and hoisted) order. */
export interface JestMockDeclaration {
  path: string;
  hasFactory: boolean;
}

export interface JestHoistPlan {
  mocks: JestMockDeclaration[];
  /** The test file with its `jest.mock` calls moved to the top. */
  test: string;
}

/** Module-registry calls of `jest` that the emulation does not cover (they change what later requires see). */
const NOT_EMULATED = new Set([
  "doMock",
  "dontMock",
  "unmock",
  "deepUnmock",
  "setMock",
  "resetModules",
  "isolateModules",
  "isolateModulesAsync",
  "enableAutomock",
  "disableAutomock",
  "requireMock",
  "unstable_mockModule",
  "unstable_unmockModule",
  "createMockFromModule",
  "genMockFromModule",
]);

/** `jest.<method>` when `node` is such a call, else null. */
function jestMethod(node: Node): string | null {
  if (node.type !== "CallExpression") return null;
  const callee = node.callee as Node;
  if (callee.type !== "MemberExpression" || callee.computed) return null;
  const object = callee.object as Node;
  if (object.type !== "Identifier" || object.name !== "jest") return null;
  return ((callee.property as Node).name as string | undefined) ?? null;
}

/** Spaces instead of `text`'s characters, newlines kept. */
function blank(text: string): string {
  return text.replace(/[^\n\r]/g, " ");
}

/** The hoisting of `source` (a jest test file), the reason it cannot be emulated, or null when it mocks no module. Reasons leave the file to the caller. */
export function planJestHoist(file: string, source: string): JestHoistPlan | { reason: string } | null {
  const parsed = parseSource(file, source);
  if (isParseFailure(parsed)) return null;
  const body = parsed.program.body as unknown as Node[];
  const reasons: string[] = [];
  const hoisted: Node[] = [];
  const hoistedCalls = new Set<Node>();
  const mocks: JestMockDeclaration[] = [];
  let jestImport: Node | null = null;

  for (const statement of body) {
    if (statement.type === "ImportDeclaration" && (statement.source as Node).value === "@jest/globals") {
      const names = (statement.specifiers as Node[]).map((s) => ((s.imported ?? s.local) as Node).name);
      if (names.includes("jest")) jestImport = statement;
      continue;
    }
    if (statement.type !== "ExpressionStatement") continue;
    const call = statement.expression as Node;
    if (jestMethod(call) !== "mock") continue;
    hoistedCalls.add(call);
    const args = call.arguments as Node[];
    const path = literalPath(args[0]);
    if (path === null) reasons.push("jest.mock with a path that is not a string literal");
    else if (args[1] && !/Function|Arrow/.test(args[1].type))
      reasons.push(`jest.mock("${path}", …) with a factory that is not a function`);
    else if (args[2]) reasons.push(`jest.mock("${path}", factory, options) (virtual mocks)`);
    else {
      hoisted.push(statement);
      mocks.push({ path, hasFactory: args[1] !== undefined });
    }
  }
  visit(parsed.program, (node) => {
    const method = jestMethod(node);
    if (method === null) return;
    if (method === "mock" && !hoistedCalls.has(node)) reasons.push("jest.mock not at the top level");
    if (NOT_EMULATED.has(method)) reasons.push(`module mocking (jest.${method})`);
  });
  if (reasons.length > 0) return { reason: reasons[0]! };
  if (mocks.length === 0) return null;

  // After a hashbang line and the directive prologue ("use strict" must stay first to keep its meaning).
  let at = source.startsWith("#!") ? source.indexOf("\n") + 1 : 0;
  for (const statement of body) {
    if (statement.type !== "ExpressionStatement" || typeof statement.directive !== "string") break;
    at = statement.end;
  }
  const moved = [jestImport, ...hoisted].filter((n): n is Node => n !== null);
  let test = source.slice(0, at);
  test += `${moved.map((n) => source.slice(n.start, n.end)).join("\n")}\n`;
  let from = at;
  for (const node of [...moved].sort((a, b) => a.start - b.start)) {
    test += source.slice(from, node.start) + blank(source.slice(node.start, node.end));
    from = node.end;
  }
  test += source.slice(from);
  return { mocks, test };
}
