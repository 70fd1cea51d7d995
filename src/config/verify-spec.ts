// The `verify` setting (`--verify`, config key `verify`) as written by the user: a count, a share or the default;
// the verify stage (src/verify/) turns it into a sample of thread verdicts to re-check.
/** `--verify`: a count of gremlins, a share of the thread verdicts, or the default sample. */
export type VerifySpec = { kind: "count"; count: number } | { kind: "percent"; percent: number } | { kind: "default" };

/** Share of the thread run's wall time the default sample may take (the "default" setting's time budget). */
export const DEFAULT_VERIFY_BUDGET = 0.15;

/** Parses `20`, `5%`, `0`, `100%`; null when the text is none of these. */
export function parseVerifySpec(text: string): VerifySpec | null {
  const value = text.trim();
  if (value === "default" || value === "auto") return { kind: "default" };
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  if (percent) {
    const n = Number(percent[1]);
    return n <= 100 ? { kind: "percent", percent: n } : null;
  }
  return /^\d+$/.test(value) ? { kind: "count", count: Number(value) } : null;
}
