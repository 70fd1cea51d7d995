// Types for the two oxc-parser internals gremlins calls directly (the package ships no .d.ts for them):
// the native addon's `parseSync` (results with taking getters) and the JSON-to-AST step of oxc's wrapper.
declare module "oxc-parser/src-js/bindings" {
  import type { Comment, OxcError, ParserOptions } from "oxc-parser";

  /** The addon's result: each getter hands its field over (Rust keeps nothing once it is read). */
  export interface NativeParseResult {
    /** The AST as oxc's JSON (`{ node, fixes }`); read it even when unused, or Rust keeps it until a GC. */
    readonly program: string;
    readonly comments: Comment[];
    readonly errors: OxcError[];
  }

  export function parseSync(filename: string, sourceText: string, options?: ParserOptions): NativeParseResult;
}

declare module "oxc-parser/src-js/wrap.js" {
  import type { Program } from "oxc-parser";

  /** `JSON.parse` of the program JSON, plus the BigInt and RegExp literal values JSON cannot carry. */
  export function jsonParseAst(programJson: string): Program;
}
