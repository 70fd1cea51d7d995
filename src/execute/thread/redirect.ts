// Import redirection by source rewriting (works the same in Bun, Deno, Node and the compiled binary):
// finds test-framework specifiers in imports, re-exports, dynamic imports and require() calls with oxc,
// and module-mocking / snapshot calls the built-in harness cannot run faithfully (vitest's module mocks
// are only found here: src/execute/thread/mock-copies.ts emulates them).

import { isParseFailure, parseSource } from "../../parse/parse.ts";

/** One specifier found in a file: the string literal's span (quotes included) and how it is loaded. */
export interface SpecifierSite {
  specifier: string;
  start: number;
  end: number;
  kind: "import" | "require";
  /** An `import()` expression (loads when the code runs, not with the file). */
  dynamic?: true;
}

export interface ScanResult {
  sites: SpecifierSite[];
  /** Constructs the harness cannot run faithfully (e.g. `jest.mock`), as short descriptions. */
  unsupported: string[];
  /** Module mocking (`vi.mock`, `jest.mock`, `mock.module`…): emulated per test file when it can be faithfully (src/harness/module-mocks/). */
  moduleMocking: string[];
}

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const MOCK_OBJECTS = new Set(["vi", "jest"]);
const MOCK_METHODS = new Set([
  "mock",
  // vitest hoists vi.hoisted above the imports with or without a vi.mock in the file.
  "hoisted",
  "doMock",
  "unstable_mockModule",
  "setMock",
  "requireActual",
  "importActual",
  "importMock",
  "requireMock",
]);
// The harness compares toMatchSnapshot / toMatchInlineSnapshot / toThrowErrorMatching(Inline)Snapshot
// read-only (src/harness/snapshot/); file snapshots are not emulated.
const SNAPSHOT_MATCHERS = new Set(["toMatchFileSnapshot"]);

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as Node).type === "string";
}

function stringLiteral(node: unknown): string | null {
  if (!isNode(node)) return null;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  return null;
}

function memberName(node: Node): { object: string | null; property: string | null } {
  const object = isNode(node.object) && node.object.type === "Identifier" ? (node.object.name as string) : null;
  const property =
    !node.computed && isNode(node.property) ? ((node.property.name as string | undefined) ?? null) : null;
  return { object, property };
}

/** Every node of an ESTree value, depth first. */
function visit(value: unknown, fn: (node: Node) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, fn);
    return;
  }
  if (!isNode(value)) return;
  fn(value);
  for (const key in value) {
    if (key === "type" || key === "start" || key === "end" || key === "range" || key === "loc") continue;
    const child = value[key];
    if (typeof child === "object" && child !== null) visit(child, fn);
  }
}

/**
 * Specifiers in `source` for which `wanted(specifier)` is true, plus unsupported constructs.
 * Returns null when the file does not parse (the caller leaves it alone).
 */
export function scanSource(file: string, source: string, wanted: (specifier: string) => boolean): ScanResult | null {
  const parsed = parseSource(file, source);
  if (isParseFailure(parsed)) return null;
  const sites: SpecifierSite[] = [];
  const unsupported = new Set<string>();
  const moduleMocking = new Set<string>();
  const add = (literal: unknown, kind: SpecifierSite["kind"], dynamic = false): void => {
    const value = stringLiteral(literal);
    if (value !== null && wanted(value))
      sites.push({
        specifier: value,
        start: (literal as Node).start,
        end: (literal as Node).end,
        kind,
        ...(dynamic ? { dynamic: true as const } : {}),
      });
  };
  visit(parsed.program, (node) => {
    switch (node.type) {
      case "ImportDeclaration":
      case "ExportAllDeclaration":
      case "ExportNamedDeclaration":
        if (node.source) add(node.source, "import");
        break;
      case "ImportExpression":
        add(node.source, "import", true);
        break;
      case "CallExpression": {
        const callee = node.callee as Node;
        const args = node.arguments as unknown[];
        if (callee.type === "Identifier" && callee.name === "require" && args.length === 1) add(args[0], "require");
        if (callee.type === "MemberExpression") {
          const { object, property } = memberName(callee);
          if (object !== null && property !== null && MOCK_OBJECTS.has(object) && MOCK_METHODS.has(property))
            (object === "vi" || object === "jest" ? moduleMocking : unsupported).add(
              `module mocking (${object}.${property})`,
            );
          if (object === "mock" && property === "module") moduleMocking.add("module mocking (mock.module)");
          if (property !== null && SNAPSHOT_MATCHERS.has(property)) unsupported.add(`snapshot testing (${property})`);
        }
        break;
      }
      case "TSImportEqualsDeclaration": {
        const ref = node.moduleReference as Node | undefined;
        if (ref?.type === "TSExternalModuleReference") add(ref.expression, "require");
        break;
      }
    }
  });
  sites.sort((a, b) => a.start - b.start);
  return { sites, unsupported: [...unsupported].sort(), moduleMocking: [...moduleMocking].sort() };
}

/** Replaces each site's literal with the quoted path `target(site)` returns (sites from scanSource). */
export function rewriteSpecifiers(
  source: string,
  sites: readonly SpecifierSite[],
  target: (site: SpecifierSite) => string,
): string {
  let out = "";
  let at = 0;
  for (const site of sites) {
    out += source.slice(at, site.start) + JSON.stringify(target(site));
    at = site.end;
  }
  return out + source.slice(at);
}
