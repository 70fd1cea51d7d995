// A wall-clock Timeout in threads stands only when a second run times out too.
import { describe, expect, test } from "bun:test";
import { confirmedTimeout } from "../../../../src/execute/thread/slot-events.ts";
import type { GremlinResult } from "../../../../src/execute/thread/run-gremlin.ts";

const result = (status: GremlinResult["status"], durationMs: number, statusReason = ""): GremlinResult =>
  ({ status, statusReason, durationMs, testsRun: 1, testMs: 1, recycle: status === "Timeout" }) as GremlinResult;

describe("confirmedTimeout", () => {
  test("a second Timeout confirms it; the time of both runs is counted", () => {
    const out = confirmedTimeout(
      result("Timeout", 100, "time limit of 90 ms exceeded"),
      result("Timeout", 120, "time limit of 90 ms exceeded"),
    );
    expect(out.status).toBe("Timeout");
    expect(out.confirmed).toBe(true);
    expect(out.durationMs).toBe(220);
  });
  test("a second run that ends otherwise gives its verdict (the first was the machine's doing)", () => {
    for (const status of ["Killed", "Survived"] as const) {
      const out = confirmedTimeout(result("Timeout", 100), result(status, 5));
      expect(out.status).toBe(status);
      expect(out.confirmed).toBeUndefined();
      expect(out.durationMs).toBe(105);
    }
  });
});
