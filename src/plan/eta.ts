// The ETA from measured costs: the estimated cost of the gremlins still to run, scaled by how the
// finished ones' real durations compared to their estimates, spread over the workers.
import type { Gremlin } from "../types.ts";

export class CostTracker {
  private remainingEstimate = 0;
  private doneEstimate = 0;
  private doneActual = 0;
  private readonly pending = new Map<string, number>();

  constructor(
    gremlins: readonly Gremlin[],
    cost: (g: Gremlin) => number,
    private readonly workers: number,
  ) {
    for (const g of gremlins) {
      const c = cost(g);
      this.pending.set(g.id, c);
      this.remainingEstimate += c;
    }
  }

  /** Records a finished gremlin; returns the estimated wall time left (ms). */
  done(gremlin: Gremlin, actualMs: number | undefined): number {
    const estimate = this.pending.get(gremlin.id);
    if (estimate !== undefined) {
      this.pending.delete(gremlin.id);
      this.remainingEstimate -= estimate;
      this.doneEstimate += estimate;
      this.doneActual += actualMs ?? estimate;
    }
    return this.remainingMs();
  }

  /** Remaining estimate × (actual / estimated so far) ÷ workers; the plain estimate before anything finished. */
  remainingMs(): number {
    if (this.pending.size === 0) return 0;
    const ratio = this.doneEstimate > 0 ? this.doneActual / this.doneEstimate : 1;
    return Math.max(0, (this.remainingEstimate * ratio) / Math.max(1, Math.min(this.workers, this.pending.size)));
  }
}
