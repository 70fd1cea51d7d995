// The copy of gremlins that the standalone executable carries for projects of another runtime: the npm
// bundle's files with oxc-parser in node_modules/, in one archive (archive.ts). build.ts replaces this module in
// the executable with one that embeds the archive (a Bun `with { type: "file" }` import); elsewhere it is null.

export interface Payload {
  /** Content hash of the files: the name of their extraction directory. */
  hash: string;
  /** Path of the embedded archive (inside the executable's own file system). */
  archive: string;
}

export const PAYLOAD: Payload | null = null;
