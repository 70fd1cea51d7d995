// Live progress: the TTY line redrawn in place with counts, rate and ETA; the non-TTY output
// throttled to every ~2 s or 10 %, without control codes.
import { describe, expect, test } from "bun:test";
import { createProgress, etaMs, formatLiveLine, formatPlainLine } from "../../../src/report/progress.ts";
import type { Outcome, Status } from "../../../src/types.ts";

function outcome(status: Status, i = 0): Outcome {
  return { id: `g${i}`, status };
}

function harness(total: number, tty: boolean, extra: { columns?: number } = {}) {
  const writes: string[] = [];
  let clock = 1000;
  const progress = createProgress({ total, tty, write: (s) => writes.push(s), now: () => clock, ...extra });
  return {
    progress,
    writes,
    advance(ms: number) {
      clock += ms;
    },
  };
}

describe("non-TTY", () => {
  test("fast run: one line per 10 %, plus nothing else", () => {
    const h = harness(100, false);
    for (let i = 0; i < 100; i++) {
      h.advance(5);
      h.progress.update(outcome("Killed", i));
    }
    h.progress.done();
    expect(h.writes.length).toBe(10);
    expect(h.writes[0]).toStartWith("gremlins 10/100 (10%)");
    expect(h.writes.at(-1)).toStartWith("gremlins 100/100 (100%)");
    for (const w of h.writes) {
      expect(w.endsWith("\n")).toBe(true);
      expect(w).not.toMatch(/[\r\x1b]/);
    }
  });

  test("slow run: a line when 2 s passed even without a new 10 %", () => {
    const h = harness(1000, false);
    h.advance(500);
    h.progress.update(outcome("Survived", 1));
    expect(h.writes.length).toBe(0);
    h.advance(1600);
    h.progress.update(outcome("Killed", 2));
    expect(h.writes.length).toBe(1);
    expect(h.writes[0]).toContain("gremlins 2/1000 (0%)");
    expect(h.writes[0]).toContain("killed 1, survived 1, timeout 0");
    h.advance(1000);
    h.progress.update(outcome("Killed", 3));
    expect(h.writes.length).toBe(1);
  });

  test("done prints the final state once, and only if not already printed", () => {
    const h = harness(10, false);
    h.progress.update(outcome("Timeout"));
    expect(h.writes.length).toBe(1); // 10 % reached
    h.progress.done();
    expect(h.writes.length).toBe(1);
    const h2 = harness(1000, false);
    h2.progress.update(outcome("Timeout"));
    h2.progress.done();
    h2.progress.done();
    expect(h2.writes).toEqual([expect.stringContaining("gremlins 1/1000")]);
  });

  test("log lines are plain lines", () => {
    const h = harness(10, false);
    h.progress.log("hello");
    expect(h.writes).toEqual(["hello\n"]);
  });
});

describe("TTY", () => {
  test("one live line redrawn with carriage returns, no newline until done", () => {
    const h = harness(4, true);
    const statuses: Status[] = ["Killed", "Survived", "Timeout", "Killed"];
    statuses.forEach((s, i) => {
      h.advance(500);
      h.progress.update(outcome(s, i));
    });
    for (const w of h.writes) {
      expect(w.startsWith("\r")).toBe(true);
      expect(w).not.toContain("\n");
    }
    h.progress.done();
    expect(h.writes.at(-1)).toBe("\n");
    const last = h.writes.at(-2)!;
    expect(last).toContain("4/4");
    expect(last).toContain("killed 2, survived 1, timeout 1");
    expect(last).toContain("[" + "█".repeat(20) + "]");
    expect(last).toContain("2.0/s");
    expect(last).toContain("ETA 0 ms");
  });

  test("redraws are throttled but the first and last verdict are drawn", () => {
    const h = harness(50, true);
    for (let i = 0; i < 50; i++) {
      h.advance(1);
      h.progress.update(outcome("Killed", i));
    }
    expect(h.writes.length).toBeLessThan(5);
    expect(h.writes[0]).toContain(" 1/50");
    expect(h.writes.at(-1)).toContain("50/50");
  });

  test("log clears the live line, prints, and redraws it", () => {
    const h = harness(10, true);
    h.progress.update(outcome("Killed"));
    h.writes.length = 0;
    h.progress.log("a message");
    expect(h.writes[0]).toBe("\r\x1b[Ka message\n");
    expect(h.writes[1]).toStartWith("\r[");
  });

  test("the line is cut to the terminal width", () => {
    const h = harness(10, true, { columns: 40 });
    h.progress.update(outcome("Killed"));
    const visible = h.writes[0]!.replace("\r", "").replace("\x1b[K", "");
    expect(visible.length).toBeLessThanOrEqual(39);
  });
});

describe("ETA", () => {
  test("from elapsed time per done gremlin", () => {
    expect(etaMs({ done: 10, total: 30, killed: 0, survived: 0, timeout: 0, elapsedMs: 5000 })).toBe(10_000);
    expect(etaMs({ done: 0, total: 30, killed: 0, survived: 0, timeout: 0, elapsedMs: 5000 })).toBeNaN();
    expect(etaMs({ done: 30, total: 30, killed: 0, survived: 0, timeout: 0, elapsedMs: 5000 })).toBe(0);
  });

  test("the scheduler's remaining cost wins when given", () => {
    const h = harness(100, false);
    h.advance(3000);
    h.progress.update(outcome("Killed"), { remainingCostMs: 42_000 });
    expect(h.writes[0]).toContain("ETA 42.0 s");
  });

  test("line formats", () => {
    const state = { done: 42, total: 100, killed: 30, survived: 10, timeout: 2, elapsedMs: 4200 };
    expect(formatPlainLine(state)).toBe("gremlins 42/100 (42%)  killed 30, survived 10, timeout 2  10.0/s  ETA 5.8 s");
    expect(formatLiveLine(state)).toBe(
      `[${"█".repeat(8)}${"░".repeat(12)}]  42/100  killed 30, survived 10, timeout 2  10.0/s  ETA 5.8 s`,
    );
  });
});
