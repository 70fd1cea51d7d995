// Live progress while gremlins are tested: one redrawn line on a TTY, sparse plain lines otherwise
// (CI logs): done/total, a bar, killed/survived/timeout counts, rate and ETA.
import type { Outcome } from "../types.ts";
import { formatDuration, padStart } from "./format.ts";

export interface ProgressOptions {
  /** Number of gremlins that will get a verdict. */
  total: number;
  /** Redraw one line in place (carriage return) instead of appending lines. */
  tty: boolean;
  write: (text: string) => void;
  /** Clock in ms; injectable for tests. Defaults to performance.now(). */
  now?: () => number;
  /** Non-TTY: a line at least this often (ms) while verdicts arrive, besides every 10 %. Default 2000. */
  intervalMs?: number;
  /** TTY: minimum ms between redraws. Default 80. */
  redrawMs?: number;
  /** TTY: the line is cut to this width. Default 80 (pass process.stdout.columns). */
  columns?: number;
}

export interface ProgressHint {
  /** The scheduler's estimate of the work left, in wall-clock ms; replaces the rate-based ETA. */
  remainingCostMs?: number;
}

export interface Progress {
  update(outcome: Outcome, hint?: ProgressHint): void;
  /** Print a whole line above the live line (TTY) or between progress lines. */
  log(line: string): void;
  /** Final state; on a TTY ends the live line with a newline. Idempotent. */
  done(): void;
}

export interface ProgressState {
  done: number;
  total: number;
  killed: number;
  survived: number;
  timeout: number;
  elapsedMs: number;
  remainingCostMs?: number;
}

const BAR_WIDTH = 20;

/** Estimated ms left: the scheduler's cost estimate when given, else elapsed time per done gremlin. */
export function etaMs(state: ProgressState): number {
  if (state.done >= state.total) return 0;
  if (state.remainingCostMs !== undefined) return Math.max(0, state.remainingCostMs);
  if (state.done === 0) return Number.NaN;
  return (state.elapsedMs / state.done) * (state.total - state.done);
}

function rateText(state: ProgressState): string {
  if (state.elapsedMs <= 0) return "–/s";
  return `${(state.done / (state.elapsedMs / 1000)).toFixed(1)}/s`;
}

function etaText(state: ProgressState): string {
  const eta = etaMs(state);
  return Number.isNaN(eta) ? "ETA –" : `ETA ${formatDuration(eta)}`;
}

function percent(state: ProgressState): number {
  return state.total > 0 ? Math.floor((state.done / state.total) * 100) : 100;
}

function countsText(state: ProgressState): string {
  return `killed ${state.killed}, survived ${state.survived}, timeout ${state.timeout}`;
}

/** The TTY line: `[██████░░░░] 42/100  killed 30, survived 10, timeout 2  12.3/s  ETA 5.0 s`. */
export function formatLiveLine(state: ProgressState): string {
  const ratio = state.total > 0 ? Math.min(1, state.done / state.total) : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `[${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}]`;
  const count = `${padStart(String(state.done), String(state.total).length)}/${state.total}`;
  return `${bar} ${count}  ${countsText(state)}  ${rateText(state)}  ${etaText(state)}`;
}

/** The plain (non-TTY) line: `gremlins 42/100 (42%)  killed 30, survived 10, timeout 2  12.3/s  ETA 5.0 s`. */
export function formatPlainLine(state: ProgressState): string {
  return `gremlins ${state.done}/${state.total} (${percent(state)}%)  ${countsText(state)}  ${rateText(state)}  ${etaText(state)}`;
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 2000;
  const redrawMs = options.redrawMs ?? 80;
  const columns = Math.max(20, options.columns ?? 80);
  const startedAt = now();
  const state: ProgressState = { done: 0, total: options.total, killed: 0, survived: 0, timeout: 0, elapsedMs: 0 };
  // TTY: draw at the first verdict; plain: the first line after intervalMs or the first 10 %.
  let lastWriteAt = options.tty ? Number.NEGATIVE_INFINITY : startedAt;
  let lastDecile = 0;
  let lastPrintedDone = -1;
  let liveShown = false;
  let finished = false;

  const cut = (line: string): string => (line.length > columns - 1 ? line.slice(0, columns - 1) : line);
  const drawLive = (): void => {
    // \r back to column 0, the line, then erase whatever a longer previous line left behind.
    options.write(`\r${cut(formatLiveLine(state))}\x1b[K`);
    liveShown = true;
    lastWriteAt = now();
  };
  const printPlain = (): void => {
    options.write(`${formatPlainLine(state)}\n`);
    lastPrintedDone = state.done;
    lastWriteAt = now();
  };

  return {
    update(outcome, hint) {
      if (finished) return;
      state.done++;
      if (outcome.status === "Killed") state.killed++;
      else if (outcome.status === "Survived") state.survived++;
      else if (outcome.status === "Timeout") state.timeout++;
      const t = now();
      state.elapsedMs = t - startedAt;
      if (hint?.remainingCostMs !== undefined) state.remainingCostMs = hint.remainingCostMs;
      if (options.tty) {
        if (t - lastWriteAt >= redrawMs || state.done >= state.total) drawLive();
        return;
      }
      const decile = state.total > 0 ? Math.floor((state.done / state.total) * 10) : 10;
      if (decile > lastDecile || t - lastWriteAt >= intervalMs) {
        lastDecile = Math.max(lastDecile, decile);
        printPlain();
      }
    },
    log(line) {
      if (options.tty && liveShown) {
        options.write(`\r\x1b[K${line}\n`);
        if (!finished) drawLive();
      } else {
        options.write(`${line}\n`);
      }
    },
    done() {
      if (finished) return;
      finished = true;
      state.elapsedMs = now() - startedAt;
      if (options.tty) {
        if (liveShown || state.done > 0) {
          drawLive();
          options.write("\n");
        }
      } else if (state.done !== lastPrintedDone && state.done > 0) {
        printPlain();
      }
    },
  };
}
