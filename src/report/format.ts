// Small text helpers shared by the console report and the progress line: colour on/off,
// padding, durations and one-line excerpts of source text.
import { colors } from "consola/utils";

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const plain = (s: string): string => s;
const NO_PAINT: Paint = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };

/** Colour functions (consola's, which also honour NO_COLOR) when allowed, identity otherwise. */
export function paintFor(color: boolean): Paint {
  if (!color) return NO_PAINT;
  return {
    bold: (s) => colors.bold(s),
    dim: (s) => colors.dim(s),
    red: (s) => colors.red(s),
    green: (s) => colors.green(s),
    yellow: (s) => colors.yellow(s),
    cyan: (s) => colors.cyan(s),
  };
}

/** Colour a score text by its threshold band. */
export function paintBand(paint: Paint, band: "high" | "medium" | "low" | "none", text: string): string {
  if (band === "high") return paint.green(text);
  if (band === "medium") return paint.yellow(text);
  if (band === "low") return paint.red(text);
  return text;
}

export function padEnd(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

export function padStart(text: string, width: number): string {
  return text.length >= width ? text : " ".repeat(width - text.length) + text;
}

/** "850 ms", "12.3 s", "2 m 05 s", "1 h 02 m". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} m`;
  return `${minutes} m ${String(seconds).padStart(2, "0")} s`;
}

/** Source text on one line: whitespace runs collapsed, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat); // code points, so a cut never splits a surrogate pair
  if (chars.length <= max) return flat;
  return `${chars.slice(0, max - 1).join("")}…`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
