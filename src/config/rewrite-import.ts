// Replaces `import { defineConfig } from "gremlins"` in a config file with a local identity function,
// so a config evaluates even where gremlins is not installed in the project (binary, npx, deno run).
import { parseSync } from "oxc-parser";
import { ConfigError } from "../errors.ts";

type Node = { type: string; start: number; end: number; [key: string]: unknown };

const IDENTITY = "(config) => config";

/** Whether the file has ESM `import`/`export` syntax (a `.js` config may also be CommonJS). */
export function hasModuleSyntax(source: string, file: string): boolean {
  return parseSync(file, source, { lang: file.endsWith("ts") ? "ts" : "js", sourceType: "unambiguous" }).module
    .hasModuleSyntax;
}

/** `source` with every import from "gremlins" replaced by equivalent local constants; `changed` is false when there was none. */
export function rewriteGremlinsImport(source: string, file: string): { code: string; changed: boolean } {
  const lang = /\.[cm]?ts$/.test(file) ? "ts" : "js";
  const result = parseSync(file, source, { lang, sourceType: "module" });
  const error = result.errors.find((e) => e.severity === "Error");
  if (error) throw new ConfigError(`${file}: cannot parse: ${error.message}`);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const statement of result.program.body as unknown as Node[]) {
    if (statement.type !== "ImportDeclaration") continue;
    if ((statement.source as { value: string }).value !== "gremlins") continue;
    const lines = source.slice(statement.start, statement.end).split("\n").length - 1;
    edits.push({
      start: statement.start,
      end: statement.end,
      text: replacementFor(statement, file) + "\n".repeat(lines),
    });
  }
  if (edits.length === 0) return { code: source, changed: false };
  let code = source;
  for (const edit of edits.reverse()) code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  return { code, changed: true };
}

function replacementFor(statement: Node, file: string): string {
  if (statement.importKind === "type") return "";
  const declarations: string[] = [];
  for (const specifier of statement.specifiers as Node[]) {
    const local = (specifier.local as { name: string }).name;
    if (specifier.type === "ImportSpecifier") {
      if (specifier.importKind === "type") continue;
      const imported = specifier.imported as { name?: string; value?: string };
      const name = imported.name ?? imported.value;
      if (name !== "defineConfig") {
        throw new ConfigError(
          `${file}: "gremlins" offers only defineConfig (and types) to config files (got "${name}")`,
        );
      }
      declarations.push(`const ${local} = ${IDENTITY};`);
    } else {
      // default or namespace import: an object carrying defineConfig
      declarations.push(`const ${local} = { defineConfig: ${IDENTITY} };`);
    }
  }
  return declarations.join(" ");
}
