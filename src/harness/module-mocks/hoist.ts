// Static side of vitest's module mocks: finds a test file's `vi.mock` / `vi.hoisted` calls and splits the
// file as vitest's hoisting does. The hoisted statements move to a "prelude" module that the worker runs
// before the test file's imports are linked; `vi.mock(path, factory?)` becomes a registration there. What
// cannot be hoisted faithfully (a dynamic path, a factory using the file's own imports…) is a reason.

import { isParseFailure, parseSource } from "../../parse/parse.ts";
import { isNode, literalPath, visit, type Node } from "./ast.ts";
import { MOCKS_GLOBAL } from "./runtime.ts";

/** One `vi.mock` of the file, in source order. */
export interface MockDeclaration {
  /** The path as written (relative to the test file, an alias or a package name). */
  path: string;
  hasFactory: boolean;
}

export interface HoistPlan {
  mocks: MockDeclaration[];
  /** Literal paths given to `vi.importActual` / `vi.importMock` (the prelude imports them from the test's folder). */
  actualPaths: string[];
  /** The test file, hoisted statements blanked (lines kept) and the hoisted names imported from the prelude. */
  test: string;
  /** The prelude module: the framework imports, then the hoisted statements in order. */
  prelude: string;
}

const VI_OBJECTS = new Set(["vi", "vitest"]);
/** Module-mocking methods of `vi` the emulation does not cover (hoisted or not: they change what imports see). */
const NOT_EMULATED = new Set(["doMock", "doUnmock", "unmock", "resetModules", "importMock", "dynamicImportSettled"]);

/** `vi.<method>` when `node` is such a call (any object in VI_OBJECTS), else null. */
function viMethod(node: Node): string | null {
  if (node.type !== "CallExpression") return null;
  const callee = node.callee as Node;
  if (callee.type !== "MemberExpression" || callee.computed) return null;
  const object = callee.object as Node;
  const property = callee.property as Node;
  if (object.type !== "Identifier" || !VI_OBJECTS.has(object.name as string)) return null;
  return (property.name as string | undefined) ?? null;
}

/** A string literal, a template without expressions, or `import("literal")` (vitest 3's typed form). */
function mockPath(node: unknown): string | null {
  if (isNode(node) && node.type === "ImportExpression") return literalPath(node.source);
  return literalPath(node);
}

/** Names a binding pattern declares. */
function patternNames(pattern: unknown, out: Set<string>): void {
  if (!isNode(pattern)) return;
  switch (pattern.type) {
    case "Identifier":
      out.add(pattern.name as string);
      break;
    case "ObjectPattern":
      for (const p of pattern.properties as Node[]) patternNames(p.type === "RestElement" ? p.argument : p.value, out);
      break;
    case "ArrayPattern":
      for (const e of pattern.elements as unknown[]) patternNames(e, out);
      break;
    case "RestElement":
      patternNames(pattern.argument, out);
      break;
    case "AssignmentPattern":
      patternNames(pattern.left, out);
      break;
  }
}

/** Identifiers a piece of code reads that it does not declare itself (over-approximates declarations: errs toward "reads"). */
function freeNames(code: Node): Set<string> {
  const declared = new Set<string>();
  const read = new Set<string>();
  visit(code, (node, parent) => {
    if (node.type === "VariableDeclarator") patternNames(node.id, declared);
    if (
      (node.type === "FunctionDeclaration" ||
        node.type === "FunctionExpression" ||
        node.type === "ArrowFunctionExpression") &&
      Array.isArray(node.params)
    ) {
      for (const p of node.params as unknown[]) patternNames(p, declared);
      if (isNode(node.id)) declared.add(node.id.name as string);
    }
    if ((node.type === "ClassDeclaration" || node.type === "ClassExpression") && isNode(node.id))
      declared.add(node.id.name as string);
    if (node.type === "CatchClause") patternNames(node.param, declared);
    if (node.type !== "Identifier" || !parent) return;
    if (parent.type === "MemberExpression" && parent.property === node && !parent.computed) return;
    if (
      (parent.type === "Property" || parent.type === "MethodDefinition" || parent.type === "PropertyDefinition") &&
      parent.key === node &&
      !parent.computed &&
      !parent.shorthand
    )
      return;
    if (parent.type.startsWith("TS")) return;
    read.add(node.name as string);
  });
  for (const name of declared) read.delete(name);
  return read;
}

/** Spaces instead of `text`'s characters, newlines kept (line and column numbers stay). */
function blank(text: string): string {
  return text.replace(/[^\n\r]/g, " ");
}

/**
 * The hoisting of `source` (a vitest test file), or the reason it cannot be emulated, or null when the
 * file neither mocks a module nor calls vi.hoisted. A reason does not name the file: the caller
 * adds " in <file>" once (src/execute/thread/index.ts), as it does for every reason of a file. `isFramework(specifier)`: the specifiers the harness stands in for (their imports
 * are copied into the prelude so `vi` is bound there); `preludeSpecifier`: how the test file imports it.
 */
export function planHoist(
  file: string,
  source: string,
  isFramework: (specifier: string) => boolean,
  preludeSpecifier: string,
  /** Plan the file even without mocks: it is to load from its own copy of the project (vitest's isolation). */
  isolate = false,
): HoistPlan | { reason: string } | null {
  const parsed = parseSource(file, source);
  if (isParseFailure(parsed)) return null;
  const body = parsed.program.body as unknown as Node[];
  const reasons: string[] = [];
  const hoisted: { node: Node; exported: string[]; mock?: { path: string; factory: Node | null } }[] = [];
  const hoistedNodes = new Set<Node>();
  const frameworkImports: Node[] = [];
  const topLevel = new Set<string>();

  for (const statement of body) {
    if (statement.type === "ImportDeclaration") {
      const from = (statement.source as Node).value as string;
      if (isFramework(from)) frameworkImports.push(statement);
      else if (statement.importKind !== "type")
        for (const s of statement.specifiers as Node[]) topLevel.add((s.local as Node).name as string);
      continue;
    }
    const call = statement.type === "ExpressionStatement" ? unwrapAwait(statement.expression as Node) : null;
    const method = call ? viMethod(call) : null;
    if (call && method === "mock") {
      const args = call.arguments as Node[];
      const path = mockPath(args[0]);
      if (path === null) reasons.push("vi.mock with a path that is not a string literal");
      else if (args[1] && !/Function|Arrow/.test(args[1].type))
        reasons.push(`vi.mock("${path}", options) (spy or options object)`);
      else hoisted.push({ node: statement, exported: [], mock: { path, factory: args[1] ?? null } });
      hoistedNodes.add(call);
      continue;
    }
    if (call && method === "hoisted") {
      hoisted.push({ node: statement, exported: [] });
      hoistedNodes.add(call);
      continue;
    }
    if (statement.type === "VariableDeclaration") {
      const decls = statement.declarations as Node[];
      const init = decls.length === 1 ? unwrapAwait(decls[0]!.init as Node | null) : null;
      const names = new Set<string>();
      for (const d of decls) patternNames(d.id, names);
      if (init && viMethod(init) === "hoisted") {
        hoisted.push({ node: statement, exported: [...names] });
        hoistedNodes.add(init);
      } else for (const n of names) topLevel.add(n);
      continue;
    }
    const declared = statement.type === "ExportNamedDeclaration" ? (statement.declaration as Node | null) : statement;
    if (
      declared &&
      (declared.type === "FunctionDeclaration" || declared.type === "ClassDeclaration") &&
      isNode(declared.id)
    )
      topLevel.add(declared.id.name as string);
  }

  const actualPaths = new Set<string>();
  visit(parsed.program, (node) => {
    const method = viMethod(node);
    if (method === null) return;
    if ((method === "mock" || method === "hoisted") && !hoistedNodes.has(node))
      reasons.push(`vi.${method} not at the top level`);
    if (NOT_EMULATED.has(method)) reasons.push(`module mocking (vi.${method})`);
    if (method === "importActual") {
      const path = mockPath((node.arguments as Node[])[0]);
      if (path === null) reasons.push("vi.importActual with a path that is not a string literal");
      else actualPaths.add(path);
    }
  });
  // A vi.hoisted alone moves too: vitest hoists it above the imports whether or not the file mocks a module.
  if (!isolate && hoisted.length === 0 && reasons.length === 0) return null;

  // vitest runs factories and vi.hoisted callbacks before the file's imports and declarations exist.
  for (const h of hoisted) {
    for (const name of freeNames(h.node)) {
      if (topLevel.has(name))
        reasons.push(
          `${h.mock ? `the vi.mock("${h.mock.path}") factory` : "vi.hoisted"} uses "${name}" (vitest runs it above the imports and declarations of the file)`,
        );
    }
  }
  if (reasons.length > 0) return { reason: reasons[0]! };

  let test = "";
  let at = 0;
  for (const h of hoisted) {
    test += source.slice(at, h.node.start) + blank(source.slice(h.node.start, h.node.end));
    at = h.node.end;
  }
  test += source.slice(at);
  const names = hoisted.flatMap((h) => h.exported);
  // On the first line, so every line keeps its number (after a hashbang line, which must stay first).
  const importLine = `import ${names.length > 0 ? `{ ${names.join(", ")} } from ` : ""}${JSON.stringify(preludeSpecifier)};`;
  const hashbang = test.startsWith("#!") ? test.indexOf("\n") + 1 : 0;
  test = hashbang > 0 ? test.slice(0, hashbang) + importLine + test.slice(hashbang) : importLine + test;

  const prelude: string[] = frameworkImports.map((n) => source.slice(n.start, n.end));
  prelude.push(`const __gremlinsMocks = globalThis.${MOCKS_GLOBAL};`);
  for (const path of actualPaths)
    prelude.push(`__gremlinsMocks.actual(${JSON.stringify(path)}, () => import(${JSON.stringify(path)}));`);
  for (const h of hoisted) {
    if (h.mock) {
      const factory = h.mock.factory ? source.slice(h.mock.factory.start, h.mock.factory.end) : "undefined";
      prelude.push(
        `__gremlinsMocks.register(${JSON.stringify(h.mock.path)}, ${factory}, () => import(${JSON.stringify(h.mock.path)}));`,
      );
    } else prelude.push(`${h.exported.length > 0 ? "export " : ""}${source.slice(h.node.start, h.node.end)}`);
  }
  const mocks = hoisted.flatMap((h) => (h.mock ? [{ path: h.mock.path, hasFactory: h.mock.factory !== null }] : []));
  return { mocks, actualPaths: [...actualPaths], test, prelude: `${prelude.join("\n")}\n` };
}

function unwrapAwait(node: Node | null): Node | null {
  if (!node) return null;
  return node.type === "AwaitExpression" ? (node.argument as Node) : node;
}
