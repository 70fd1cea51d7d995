// The shape of the per-runner tables of config keys: each key is honoured, harmless (with why), or checked
// per value (a reason to refuse, or null). Used by vitest-keys.ts and jest-keys.ts.

/** How one key is read: honoured by the reader, harmless (why), or refused for some values. */
export type KeyRule =
  | { honoured: true }
  | { harmless: string }
  | { check: (value: unknown) => string | null; off?: true };

export const HONOURED: KeyRule = { honoured: true };
export const harmless = (why: string): KeyRule => ({ harmless: why });
/** Harmless only at its "off" value; anything else is refused with `what`. */
export const offOnly = (what: string, isOff: (value: unknown) => boolean): KeyRule => ({
  check: (value) => (isOff(value) ? null : what),
  off: true,
});
export const falsy = (value: unknown): boolean => !value;
export const empty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (Array.isArray(value) ? value.length === 0 : typeof value === "object" && Object.keys(value as object).length === 0);
export const refused = (what: string): KeyRule => ({ check: () => what });

/** The reason `key` at `value` is refused (null: honoured or harmless), and why it may be ignored (for --verbose). */
export function readKey(
  table: Record<string, KeyRule>,
  key: string,
  value: unknown,
): { refused: string | null; ignored: string | null } {
  const rule = table[key];
  if (!rule) return { refused: "unknown to gremlins", ignored: null };
  if ("honoured" in rule) return { refused: null, ignored: null };
  if ("harmless" in rule) return { refused: null, ignored: rule.harmless };
  const why = rule.check(value);
  return { refused: why, ignored: why === null && rule.off ? "off" : null };
}
