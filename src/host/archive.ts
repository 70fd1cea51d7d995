// The one-file archive in which the executable carries its host copy: gzip of a 4-byte big-endian header
// length, a JSON header of [path, byte length] pairs, then the files' bytes in that order.

import { gunzipSync, gzipSync } from "node:zlib";

export function packArchive(files: readonly (readonly [string, Uint8Array])[]): Buffer {
  const header = Buffer.from(JSON.stringify(files.map(([path, bytes]) => [path, bytes.length])));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return gzipSync(Buffer.concat([length, header, ...files.map(([, bytes]) => bytes)]));
}

export function unpackArchive(archive: Uint8Array): [string, Buffer][] {
  const data = gunzipSync(archive);
  const headerLength = data.readUInt32BE(0);
  const header = JSON.parse(data.subarray(4, 4 + headerLength).toString("utf8")) as [string, number][];
  let offset = 4 + headerLength;
  const files: [string, Buffer][] = [];
  for (const [path, length] of header) {
    if (path.startsWith("/") || path.split("/").includes("..")) throw new Error(`bad path in the archive: ${path}`);
    files.push([path, data.subarray(offset, offset + length)]);
    offset += length;
  }
  if (offset !== data.length) throw new Error("the archive is truncated or padded");
  return files;
}
