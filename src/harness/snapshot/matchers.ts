// The four snapshot matchers for the harness's `expect`, with jest's and vitest's argument rules:
// a property matcher object merged into the received value, a hint, the inline literal, thrown errors.

import type { MatcherContext } from "expect";
import { stripIndentation, type SnapshotFlavor } from "./serialize.ts";
import type { SnapshotSession } from "./state.ts";

/** Key of the expect state entry holding the harness's snapshot session (set per test). */
export const SESSION_STATE = "gremlinsSnapshots";

type Context = MatcherContext & { [SESSION_STATE]?: SnapshotSession };
type Result = { pass: boolean; message: () => string };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function mergeArray(target: unknown, source: unknown[]): unknown[] {
  const out = Array.isArray(target) ? [...(target as unknown[])] : [];
  source.forEach((item, i) => {
    const current = out[i];
    if (Array.isArray(current)) out[i] = mergeArray(current, item as unknown[]);
    else if (isObject(current)) out[i] = mergeProperties(current, item);
    else out[i] = item;
  });
  return out;
}

/** The received value with the property matchers put in (so `Any<Number>` is what gets serialised). */
export function mergeProperties(target: unknown, source: unknown): unknown {
  if (Array.isArray(target) && Array.isArray(source)) return mergeArray(target, source);
  if (!isObject(target) || !isObject(source)) return target;
  const out: Record<string, unknown> = { ...target };
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isObject(value) && !("$$typeof" in value && value.$$typeof))
      out[key] = key in target ? mergeProperties(target[key], value) : value;
    else if (Array.isArray(value)) out[key] = mergeArray(target[key], value);
    else out[key] = value;
  }
  return out;
}

function sessionOf(ctx: Context, matcher: string): SnapshotSession {
  if (ctx.isNot) throw new Error(`${matcher} cannot be used with "not"`);
  const session = ctx[SESSION_STATE];
  if (!session) throw new Error(`${matcher}: snapshot state is not initialised`);
  return session;
}

function flavorOf(session: SnapshotSession): SnapshotFlavor {
  return session.currentFlavor();
}

function compare(
  ctx: Context,
  session: SnapshotSession,
  received: unknown,
  properties: unknown,
  hint: string | undefined,
  isInline: boolean,
  inline: string | undefined,
): Result {
  if (properties !== undefined && properties !== null && typeof properties === "object") {
    if (typeof received !== "object" || received === null) {
      throw new Error("received value must be an object when the matcher has properties");
    }
    const utils = ctx.utils as unknown as { iterableEquality: unknown; subsetEquality: unknown };
    const equal = ctx.equals(received, properties, [utils.iterableEquality, utils.subsetEquality] as Parameters<
      Context["equals"]
    >[2]);
    if (!equal) {
      session.slot(hint);
      return {
        pass: false,
        message: () =>
          `Snapshot properties mismatched\n\n${ctx.utils.printDiffOrStringify(properties, received, "Expected properties", "Received value", false)}`,
      };
    }
    received = mergeProperties(received, properties);
  }
  const result = session.match({ received, hint, isInline, inline });
  if (result.pass) return { pass: true, message: () => "" };
  const detail =
    result.expected === undefined
      ? `Received: ${result.actual}`
      : ctx.utils.printDiffOrStringify(result.expected, result.actual, "Snapshot", "Received", false);
  return { pass: false, message: () => `${result.message}\n\n${detail}` };
}

/** The error a `toThrowError…Snapshot` matcher snapshots: jest takes its message (with causes), vitest the error itself. */
function thrownOf(ctx: Context, received: unknown, matcher: string, flavor: SnapshotFlavor): unknown {
  let error: unknown;
  let threw = false;
  if (ctx.promise === "rejects") {
    [error, threw] = [received, true];
  } else {
    if (typeof received !== "function") throw new Error(`${matcher}: received value must be a function`);
    try {
      (received as () => unknown)();
    } catch (e) {
      [error, threw] = [e, true];
    }
  }
  if (flavor === "vitest") {
    if (!threw) throw new Error("snapshot function didn't throw");
    return error;
  }
  if (error === undefined) throw new Error(`${matcher}: Received function did not throw`);
  let message = String((error as { message?: unknown }).message);
  let cause: unknown = error;
  while (cause !== null && typeof cause === "object" && "cause" in cause) {
    cause = (cause as { cause: unknown }).cause;
    if (cause instanceof Error) message += `\nCause: ${cause.message}`;
    else {
      if (typeof cause === "string") message += `\nCause: ${cause}`;
      break;
    }
  }
  return message;
}

function toMatchSnapshot(this: Context, received: unknown, propertiesOrHint?: unknown, hint?: unknown): Result {
  const session = sessionOf(this, "toMatchSnapshot");
  if (typeof propertiesOrHint === "string")
    return compare(this, session, received, undefined, propertiesOrHint, false, undefined);
  return compare(this, session, received, propertiesOrHint, hint as string | undefined, false, undefined);
}

function toMatchInlineSnapshot(
  this: Context,
  received: unknown,
  propertiesOrSnapshot?: unknown,
  snapshotOrHint?: unknown,
  hint?: unknown,
): Result {
  const session = sessionOf(this, "toMatchInlineSnapshot");
  const strip = (s: unknown) => (typeof s === "string" ? stripIndentation(s) : undefined);
  if (typeof propertiesOrSnapshot === "string") {
    // jest: (snapshot); vitest also accepts (snapshot, hint).
    return compare(
      this,
      session,
      received,
      undefined,
      flavorOf(session) === "vitest" ? (snapshotOrHint as string | undefined) : undefined,
      true,
      strip(propertiesOrSnapshot),
    );
  }
  return compare(
    this,
    session,
    received,
    propertiesOrSnapshot,
    flavorOf(session) === "vitest" ? (hint as string | undefined) : undefined,
    true,
    strip(snapshotOrHint),
  );
}

function toThrowErrorMatchingSnapshot(
  this: Context,
  received: unknown,
  hintOrProperties?: unknown,
  hint?: unknown,
): Result {
  const session = sessionOf(this, "toThrowErrorMatchingSnapshot");
  const error = thrownOf(this, received, "toThrowErrorMatchingSnapshot", flavorOf(session));
  if (typeof hintOrProperties === "string" || hintOrProperties === undefined)
    return compare(this, session, error, undefined, hintOrProperties, false, undefined);
  return compare(this, session, error, hintOrProperties, hint as string | undefined, false, undefined);
}

function toThrowErrorMatchingInlineSnapshot(
  this: Context,
  received: unknown,
  inline?: unknown,
  hint?: unknown,
): Result {
  const session = sessionOf(this, "toThrowErrorMatchingInlineSnapshot");
  const flavor = flavorOf(session);
  const error = thrownOf(this, received, "toThrowErrorMatchingInlineSnapshot", flavor);
  const literal = typeof inline === "string" ? stripIndentation(inline) : undefined;
  return compare(
    this,
    session,
    error,
    undefined,
    flavor === "vitest" ? (hint as string | undefined) : undefined,
    true,
    literal,
  );
}

export const SNAPSHOT_MATCHERS = {
  toMatchSnapshot,
  toMatchInlineSnapshot,
  toThrowErrorMatchingSnapshot,
  toThrowErrorMatchingInlineSnapshot,
};
