// Content hashes for the result cache: short sha256 digests of file contents and of key parts.
import { createHash } from "node:crypto";

/** sha256 of the bytes (or UTF-8 text), hex, first 32 characters (128 bits). */
export function hashContent(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex").slice(0, 32);
}

/** One hash for an ordered list of parts (each part is length-prefixed, so boundaries cannot blur). */
export function hashParts(parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:${part}\n`);
  return hash.digest("hex").slice(0, 32);
}
