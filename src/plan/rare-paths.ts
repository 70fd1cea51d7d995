// Which of a gremlin's tests take the rare paths of its function. A test that also reaches code of the same
// function that few tests reach runs that function with unusual input, so it is a likely killer where
// coverage cannot tell the tests apart: a static gremlin is reached by every test that builds the object.
import type { Gremlin } from "../types.ts";

export class RarePaths {
  private readonly byScope = new Map<string, number[]>();
  private readonly scopes = new Map<number, string>();

  constructor(
    gremlins: readonly Gremlin[],
    scopeOf: (gremlin: Gremlin) => string | undefined,
    /** gremlin index → the tests that reached it (the baseline's). */
    private readonly coverage: ReadonlyMap<number, readonly number[]>,
  ) {
    for (const gremlin of gremlins) {
      const scope = scopeOf(gremlin);
      if (scope === undefined) continue;
      this.scopes.set(gremlin.index, scope);
      const members = this.byScope.get(scope);
      if (members) members.push(gremlin.index);
      else this.byScope.set(scope, [gremlin.index]);
    }
  }

  /**
   * `tests` ordered by the rarest other code of the gremlin's function each one reaches (the fewest tests
   * reaching another gremlin there), then fastest first. Tests that reach none of it come last.
   */
  order(gremlin: Gremlin, tests: readonly number[], durations: ReadonlyMap<number, number>): number[] {
    const scope = this.scopes.get(gremlin.index);
    const wanted = new Set(tests);
    const rarest = new Map<number, number>();
    for (const other of scope === undefined ? [] : (this.byScope.get(scope) ?? [])) {
      if (other === gremlin.index) continue;
      const reached = this.coverage.get(other) ?? [];
      for (const test of reached)
        if (wanted.has(test) && reached.length < (rarest.get(test) ?? Infinity)) rarest.set(test, reached.length);
    }
    const rarity = (test: number): number => rarest.get(test) ?? Number.MAX_SAFE_INTEGER;
    return [...tests].sort(
      (a, b) => rarity(a) - rarity(b) || (durations.get(a) ?? 0) - (durations.get(b) ?? 0) || a - b,
    );
  }
}
