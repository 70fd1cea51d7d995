// Turns one spawned test run into a verdict (Killed / Survived / Timeout / RuntimeError) with its
// reason, naming the failing test when the runner's output names it.
import { stripVTControlCharacters } from "node:util";
import type { Status } from "../types.ts";
import type { SpawnResult } from "./spawn.ts";

export interface Verdict {
  status: Status;
  statusReason: string;
  /** The failing test's name, when the output names one. */
  killedBy?: string;
  /** A Timeout that only the clock decided (no hit or memory limit, no failing test): load can cause it. */
  byClock?: true;
}

/**
 * Line patterns that name a failing test, most specific first; group 1 is the name.
 * bun: `(fail) suite > name [1.2ms]`; node:test spec: `✖ name (1ms)`; TAP (node:test, tape):
 * `not ok 3 - name`; vitest: `FAIL  file > suite > name` / `× name`; jest: `● suite › name` /
 * `✕ name (3 ms)`; mocha: `1) suite` (the list numbers failures); uvu: `FAIL  suite  "name"`;
 * deno: `name ... FAILED (2ms)`; ava: `✘ [fail]: file › name` (also `[timeout]`, `[unhandled rejection]`…).
 */
const FAILURE_LINES: RegExp[] = [
  /^\s*✘\s+\[(?:fail|timeout)\]:\s+(.+?)(?:\s+\([\d.]+\s*m?s\))?(?:\s+(?:Error thrown in test|Rejected promise returned by test|Returned observable errored|Test finished without running any assertions|Error thrown in hook))?\s*$/,
  /^\s*\(fail\)\s+(.+?)(?:\s+\[[\d.]+\s*m?s\])?\s*$/,
  /^\s*(.+?)\s+\.\.\.\s+FAILED\b/,
  /^\s*FAIL\s+\S+\s+"(.+)"\s*$/,
  /^\s*FAIL\s+\S+\s+>\s+(.+?)\s*$/,
  /^\s*●\s+(.+?)\s*$/,
  /^\s*[✕×✗✘]\s+(.+?)(?:\s+\(?[\d.]+\s*m?s\)?)?\s*$/,
  /^\s*✖\s+(.+?)(?:\s+\([\d.]+\s*m?s\))?\s*$/,
  /^\s*not ok\s+\d+\s+(?:-\s+)?(.+?)(?:\s+#.*)?\s*$/,
  /^\s*\d+\)\s+(.+?)\s*:?\s*$/,
];

/** Summary lines that look like failures but name no test. */
const NOT_A_NAME =
  /^(console|test suite failed to run|failing tests?:?|tests? failed|\d+ (tests? )?fail(ed|ing|ures?)?)$/i;

/** tape's `not ok N message` names the assertion; the test is the nearest `# name` line above it. */
const TAP_NOT_OK = /^\s*not ok\s+\d+\s+(?!-\s)/;
const TAP_COMMENT = /^\s*#\s+(?!Subtest:)(.+?)\s*$/;

function tapTestAbove(lines: string[], at: number): string | null {
  for (let i = at - 1; i >= 0; i--) {
    const match = TAP_COMMENT.exec(lines[i] as string);
    if (match) return match[1] as string;
  }
  return null;
}

/** The name of the first failing test the output mentions, or null. */
export function failingTestName(output: string): string | null {
  return failingTestNames(output, 1)[0] ?? null;
}

/**
 * The failing tests the output names (up to `limit`), in the order of the first line pattern that
 * names any: one runner's format per output, so the most specific pattern that matches is the right one.
 */
export function failingTestNames(output: string, limit = Number.POSITIVE_INFINITY): string[] {
  const lines = stripVTControlCharacters(output).split(/\r?\n/);
  for (const pattern of FAILURE_LINES) {
    const names: string[] = [];
    for (const [at, line] of lines.entries()) {
      const match = pattern.exec(line);
      let name = match?.[1]?.trim();
      if (!name || NOT_A_NAME.test(name) || name.length > 300) continue;
      if (TAP_NOT_OK.test(line)) {
        const test = tapTestAbove(lines, at);
        if (test) name = `${test}: ${name}`;
      }
      if (!names.includes(name)) names.push(name);
      if (names.length >= limit) break;
    }
    if (names.length > 0) return names;
  }
  return [];
}

export interface VerdictInput {
  result: SpawnResult;
  /** The hit-limit marker (`hit-limit-<pid>`) was found in GREMLINS_DIR. */
  hitLimit: boolean;
  /** The time limit that applied, for the reason text. */
  timeoutMs: number;
}

/** Classifies one run of the test command with a gremlin active. */
export function classify({ result, hitLimit, timeoutMs }: VerdictInput): Verdict {
  if (result.startError !== undefined) {
    return { status: "RuntimeError", statusReason: `the test command could not start: ${result.startError}` };
  }
  if (hitLimit) {
    return { status: "Timeout", statusReason: "hit limit reached (likely an infinite loop)" };
  }
  if (result.memoryMb !== undefined) {
    return { status: "Timeout", statusReason: `memory grew past the limit (${result.memoryMb} MB resident)` };
  }
  if (result.timedOut) {
    // The runner reported a failing test, then did not end (a server or socket left open, as mocha without
    // --exit does): the tests failed, as the thread executor and an in-process runner see it.
    const failed = failingTestName(result.output);
    if (failed) {
      const statusReason = `${failed} (then the test command did not end within ${Math.round(timeoutMs)} ms)`;
      return { status: "Killed", statusReason, killedBy: failed };
    }
    return { status: "Timeout", statusReason: `time limit of ${Math.round(timeoutMs)} ms exceeded`, byClock: true };
  }
  if (result.exitCode === 0) {
    return { status: "Survived", statusReason: "all tests passed" };
  }
  const name = failingTestName(result.output);
  if (name) return { status: "Killed", statusReason: name, killedBy: name };
  const why = result.exitCode !== null ? `exit code ${result.exitCode}` : `killed by ${result.signal ?? "a signal"}`;
  return { status: "Killed", statusReason: why };
}
