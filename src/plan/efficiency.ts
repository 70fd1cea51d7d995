// The scheduler's efficiency: the lower bound for this run on this machine (the time the verdicts
// had to take, spread perfectly over the workers, plus the baseline) against the achieved wall time.
export interface Efficiency {
  lowerBoundMs: number;
  wallMs: number;
  /** lowerBound / wall (1 = the scheduler lost nothing). */
  ratio: number;
}

export function efficiency(input: {
  requiredMs: number;
  workers: number;
  baselineMs: number;
  wallMs: number;
}): Efficiency {
  const lowerBoundMs = input.baselineMs + input.requiredMs / Math.max(1, input.workers);
  return { lowerBoundMs, wallMs: input.wallMs, ratio: input.wallMs > 0 ? lowerBoundMs / input.wallMs : 1 };
}

/** One line for --verbose; `duration` formats milliseconds (the report stage's formatDuration). */
export function formatEfficiency(e: Efficiency, workers: number, duration: (ms: number) => string): string {
  return `Efficiency: lower bound ${duration(e.lowerBoundMs)} (baseline + required test time ÷ ${workers} worker(s)), achieved ${duration(e.wallMs)}: ${e.ratio.toFixed(2)}`;
}
