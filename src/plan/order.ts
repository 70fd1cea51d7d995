// Order of work: gremlins largest cost first (so the run does not end on one long gremlin), and per
// gremlin its tests fastest first, except that tests that already killed a gremlin on the same line,
// then in the same function, go first (they are the likely killers). Killers are learnt during the run.
import type { Gremlin } from "../types.ts";

/** Gremlins by estimated cost, largest first; ties keep index order (neighbours share coverage and killers). */
export function largestFirst(gremlins: readonly Gremlin[], cost: (g: Gremlin) => number): Gremlin[] {
  const costs = new Map(gremlins.map((g) => [g.id, cost(g)]));
  return [...gremlins].sort((a, b) => costs.get(b.id)! - costs.get(a.id)! || a.index - b.index);
}

/** How an executor orders one gremlin's tests at dispatch time, and tells what killed it. */
export interface TestOrder {
  /** `tests` with the likely killers first; `keep`: the others keep the given order (else fastest first). */
  order(gremlin: Gremlin, tests: readonly number[], keep?: boolean): number[];
  killed(gremlin: Gremlin, killers: readonly number[]): void;
}

/**
 * Remembers which tests killed gremlins per line and per enclosing function. `scopeOf` names a
 * gremlin's enclosing function (undefined at top level); `durations` are the baseline's.
 */
export class KillerMemory implements TestOrder {
  private readonly byLine = new Map<string, Map<number, number>>();
  private readonly byScope = new Map<string, Map<number, number>>();

  constructor(
    private readonly durations: ReadonlyMap<number, number>,
    private readonly scopeOf: (gremlin: Gremlin) => string | undefined = () => undefined,
  ) {}

  private static lineOf(gremlin: Gremlin): string {
    return `${gremlin.file}:${gremlin.loc.start.line}`;
  }

  order(gremlin: Gremlin, tests: readonly number[], keep = false): number[] {
    const line = this.byLine.get(KillerMemory.lineOf(gremlin));
    const scopeKey = this.scopeOf(gremlin);
    const scope = scopeKey === undefined ? undefined : this.byScope.get(scopeKey);
    // Rank: 0 killed on this line, 1 killed in this function, 2 the rest; then more kills, faster, declared first.
    const rank = (t: number): number => (line?.has(t) ? 0 : scope?.has(t) ? 1 : 2);
    const kills = (t: number): number => line?.get(t) ?? scope?.get(t) ?? 0;
    // Array.prototype.sort is stable: with `keep`, equal ranks and kills stay in the given order.
    return [...tests].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        kills(b) - kills(a) ||
        (keep ? 0 : (this.durations.get(a) ?? 0) - (this.durations.get(b) ?? 0) || a - b),
    );
  }

  killed(gremlin: Gremlin, killers: readonly number[]): void {
    const bump = (map: Map<string, Map<number, number>>, key: string): void => {
      const counts = map.get(key) ?? new Map<number, number>();
      for (const t of killers) counts.set(t, (counts.get(t) ?? 0) + 1);
      map.set(key, counts);
    };
    bump(this.byLine, KillerMemory.lineOf(gremlin));
    const scope = this.scopeOf(gremlin);
    if (scope !== undefined) bump(this.byScope, scope);
  }
}
