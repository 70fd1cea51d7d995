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

/**
 * The id of a gremlin: the first 12 hex characters of SHA-256 over its identity (UTF-8).
 * The span is part of the identity, so editing code *above* a gremlin (which shifts its offsets)
 * changes its id; everything else (run order, other files, time, machine, runtime) leaves it unchanged.
 */
export function gremlinId(identity: GremlinIdentity): string {
  // NUL never occurs in paths or operator names; it keeps the fields from running into each other.
  const key = `${identity.file}\0${identity.operator}\0${identity.start}\0${identity.end}\0${identity.replacement}`;
  return createHash("sha256").update(key).digest("hex").slice(0, ID_LENGTH);
}
