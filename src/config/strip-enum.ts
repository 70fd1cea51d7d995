// Plain enums for the TypeScript stripper (strip-types.ts): the runtime object TypeScript emits, written on the
// enum's first line so that line numbers survive.
import { type Node, visitChildren } from "./ts-ast.ts";

/**
 * A plain enum as TypeScript emits it, on one line: `var E; (function (E) { E[E["A"] = 0] = "A"; … })(E || (E = {}));`.
 * Members are numbers (counted on), string literals, or expressions that name no other member.
 */
export function enumCode(node: Node, source: string, refuse: (what: string) => never): string {
  const name = String((node.id as Node).name);
  const members = (((node.body as Node | undefined)?.members ?? node.members) as Node[] | undefined) ?? [];
  const memberNames = new Set(members.map((m) => memberName(m.id as Node)));
  let next: number | null = 0;
  const parts: string[] = [];
  for (const member of members) {
    const key = JSON.stringify(memberName(member.id as Node));
    const init = member.initializer as Node | null | undefined;
    if (!init) {
      if (next === null) refuse("an enum member without a value after a computed or string one");
      parts.push(`${name}[${name}[${key}] = ${next}] = ${key};`);
      next = (next as number) + 1;
      continue;
    }
    const text = source.slice(init.start, init.end);
    const number = numericValue(init);
    if (number !== null) {
      parts.push(`${name}[${name}[${key}] = ${text}] = ${key};`);
      next = number + 1;
    } else if (init.type === "Literal" && typeof init.value === "string") {
      parts.push(`${name}[${key}] = ${text};`);
      next = null;
    } else {
      if (namesAny(init, memberNames)) refuse("an enum member computed from other members");
      parts.push(`${name}[${name}[${key}] = ${text}] = ${key};`);
      next = null;
    }
  }
  // On the enum's first line; the blanked original that follows keeps its line breaks.
  return `var ${name}; (function (${name}) { ${parts.join(" ")} })(${name} || (${name} = {}));`;
}

function memberName(id: Node): string {
  return id.type === "Identifier" ? String(id.name) : String(id.value);
}

/** The value of `5`, `-1`, `0x10`; null for anything else. */
function numericValue(node: Node): number | null {
  if (node.type === "Literal" && typeof node.value === "number") return node.value;
  if (node.type === "UnaryExpression" && node.operator === "-") {
    const inner = numericValue(node.argument as Node);
    return inner === null ? null : -inner;
  }
  return null;
}

/** True when an identifier inside `node` is one of `names`. */
function namesAny(node: Node, names: Set<string>): boolean {
  if (node.type === "Identifier" && names.has(String(node.name))) return true;
  let found = false;
  visitChildren(node, (child) => {
    if (!found && namesAny(child, names)) found = true;
  });
  return found;
}
