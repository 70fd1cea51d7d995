// Stable gremlin ids: a short hash of what a gremlin *is* (file, operator, span, replacement),
// so the same gremlin gets the same id on every run, runtime and machine, with no counters or timestamps.
import { createHash } from "node:crypto";

/** Length of an id in hex characters (48 bits: accidental collisions are negligible at any realistic run size). */
export const ID_LENGTH = 12;

export interface GremlinIdentity {
  /** Project-relative path with forward slashes. */
  file: string;
  operator: string;
  /** UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
  replacement: string;
}

/** Reused digest buffer for Bun's one-shot SHA-256 (ids are made synchronously, one at a time). */
const digest = new Uint8Array(32);

/** Hex of the digest's first 6 bytes (ID_LENGTH = 12 digits) as one flat string: a 48-bit integer in base 16. */
function digestHex(d: Uint8Array): string {
  const high = (d[0]! << 16) | (d[1]! << 8) | d[2]!;
  const low = (d[3]! << 16) | (d[4]! << 8) | d[5]!;
  return (high * 0x1000000 + low).toString(16).padStart(ID_LENGTH, "0");
}

/** First ID_LENGTH hex characters of SHA-256(key) over key's UTF-8 bytes. */
function sha256Prefix(key: string): string {
  if (typeof Bun === "undefined") return createHash("sha256").update(key).digest("hex").slice(0, ID_LENGTH);
  // Bun's one-shot hasher into a reused buffer is ~3× cheaper than createHash per id (thousands per run).
  Bun.SHA256.hash(key, digest);
  return digestHex(digest);
}

/**
 * The id of a gremlin: the first 12 hex characters of SHA-256 over its identity (UTF-8).
 * The span is part of the identity, so editing code *above* a gremlin (which shifts its offsets)
 * changes its id; everything else (run order, other files, time, machine, runtime) leaves it unchanged.
 */
export function gremlinId(identity: GremlinIdentity): string {
  // NUL never occurs in paths or operator names; it keeps the fields from running into each other.
  return sha256Prefix(
    `${identity.file}\0${identity.operator}\0${identity.start}\0${identity.end}\0${identity.replacement}`,
  );
}
