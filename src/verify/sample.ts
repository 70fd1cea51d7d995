// Which thread verdicts the spawn executor re-checks after a run (`--verify`): the sample size from the
// user's setting, then a stratified, deterministic choice — Survived first, then Killed, Timeout and static gremlins.
import type { VerifySpec } from "../config/verify-spec.ts";
import type { Outcome, Status } from "../types.ts";

/** Default sample: this many gremlins or this share, whichever is larger. */
export const DEFAULT_VERIFY_COUNT = 20;
export const DEFAULT_VERIFY_PERCENT = 2;

/** How many of `available` thread verdicts the spec asks to re-check. */
export function sampleSize(spec: VerifySpec, available: number): number {
  if (available <= 0) return 0;
  switch (spec.kind) {
    case "count":
      return Math.min(available, spec.count);
    case "percent":
      return Math.min(available, Math.ceil((available * spec.percent) / 100));
    case "default":
      return Math.min(available, Math.max(DEFAULT_VERIFY_COUNT, Math.ceil((available * DEFAULT_VERIFY_PERCENT) / 100)));
  }
}

/** The strata, in the order they are drawn from: a false Survived is the most costly lie. */
const STRATA: readonly ((o: Outcome) => boolean)[] = [
  (o) => o.status === "Survived" && !o.static,
  (o) => o.status === "Killed" && !o.static,
  (o) => o.status === "Timeout",
  (o) => Boolean(o.static) && o.status !== "Timeout",
];

/** Statuses a thread run produced by running tests (the only ones the oracle can re-check). */
const CHECKABLE: ReadonlySet<Status> = new Set(["Survived", "Killed", "Timeout"]);

/** A stable pseudo-random rank for an id (FNV-1a), so the same run verifies the same gremlins. */
function rank(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The verdicts a re-check can confirm: made by running tests in this run (not cached). */
export function checkable(outcomes: Iterable<Outcome>): Outcome[] {
  return [...outcomes].filter((o) => CHECKABLE.has(o.status) && !o.cached);
}

/**
 * Picks the gremlin ids to re-check: every stratum gets an even share of the sample (a share a small
 * stratum cannot fill passes to the next), within a stratum a stable pseudo-random order. Cached
 * verdicts are not re-checked (they were verified when they were made). The ids come one stratum after the
 * other in turn (Survived, Killed, Timeout, static, Survived, …), so that any first part of the list, where
 * a deadline may cut it, is itself spread over the strata, Survived first.
 */
export function selectSample(outcomes: Iterable<Outcome>, spec: VerifySpec): string[] {
  const candidates = checkable(outcomes);
  const size = sampleSize(spec, candidates.length);
  if (size === 0) return [];
  const strata = STRATA.map((belongs) =>
    candidates.filter(belongs).sort((a, b) => rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : 1)),
  );
  // Each stratum an even share of what is left; a small stratum passes the rest of its share on.
  const chosen: Outcome[][] = strata.map(() => []);
  let left = size;
  strata.forEach((stratum, s) => {
    const share = Math.ceil(left / (strata.length - s));
    chosen[s] = stratum.slice(0, Math.min(share, stratum.length));
    left -= (chosen[s] as Outcome[]).length;
  });
  // Still short (the last strata were small): top up from the earlier strata, in rank order.
  strata.forEach((stratum, s) => {
    const extra = stratum.slice((chosen[s] as Outcome[]).length, (chosen[s] as Outcome[]).length + left);
    chosen[s] = [...(chosen[s] as Outcome[]), ...extra];
    left -= extra.length;
  });
  return takeInTurn(chosen).map((o) => o.id);
}

/** One item of each list in turn (a list that runs out drops from the turn). */
function takeInTurn<T>(lists: readonly T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i] as T);
  return out;
}
