// Shared by the benchmarks: reads the verdicts of a gremlins JSON report, compares two runs gremlin by
// gremlin, and reads the lines gremlins prints about the executor it chose and the test command it used.
import { existsSync, readFileSync } from "node:fs";

export interface Verdict {
  status: string;
  /** `file:line:column operator`, for the list of differences. */
  where: string;
}

interface ReportShape {
  files: Record<
    string,
    {
      mutants: {
        id: string;
        status: string;
        mutatorName?: string;
        location?: { start?: { line?: number; column?: number } };
      }[];
    }
  >;
}

/** Verdicts of a mutation-testing-report-schema file, keyed `file#id` (ids are stable across executors). */
export function readVerdicts(reportPath: string): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  if (!existsSync(reportPath)) return verdicts;
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as ReportShape;
  for (const [file, entry] of Object.entries(report.files)) {
    for (const m of entry.mutants) {
      const start = m.location?.start;
      verdicts.set(`${file}#${m.id}`, {
        status: m.status,
        where: `${file}:${start?.line ?? "?"}:${start?.column ?? "?"} ${m.mutatorName ?? ""}`.trim(),
      });
    }
  }
  return verdicts;
}

export function countStatuses(verdicts: Map<string, Verdict>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of verdicts.values()) counts[v.status] = (counts[v.status] ?? 0) + 1;
  return counts;
}

export interface Difference {
  id: string;
  where: string;
  /** The verdict of the first run (threads), or "absent". */
  a: string;
  /** The verdict of the second run (spawn), or "absent". */
  b: string;
}

export interface Comparison {
  /** Gremlins present in either run. */
  compared: number;
  equal: number;
  /** Killed in the first run, Timeout in the second: counted apart (the killer-first order may stop before a looping test). */
  killedVsTimeout: Difference[];
  /** Every other difference, including a gremlin missing from one run. */
  differing: Difference[];
}

/** Gremlin-by-gremlin comparison of run `a` (threads) with run `b` (spawn). */
export function compareVerdicts(a: Map<string, Verdict>, b: Map<string, Verdict>): Comparison {
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort(byFileThenId);
  const result: Comparison = { compared: ids.length, equal: 0, killedVsTimeout: [], differing: [] };
  for (const id of ids) {
    const va = a.get(id);
    const vb = b.get(id);
    if (va && vb && va.status === vb.status) {
      result.equal++;
      continue;
    }
    const diff = { id, where: (va ?? vb)?.where ?? id, a: va?.status ?? "absent", b: vb?.status ?? "absent" };
    if (diff.a === "Killed" && diff.b === "Timeout") result.killedVsTimeout.push(diff);
    else result.differing.push(diff);
  }
  return result;
}

function byFileThenId(x: string, y: string): number {
  const [fx = "", ix = ""] = x.split("#");
  const [fy = "", iy = ""] = y.split("#");
  return fx === fy ? Number(ix) - Number(iy) || ix.localeCompare(iy) : fx.localeCompare(fy);
}

export interface ExecutorChoice {
  /** "thread", "spawn", or "none" when the run stopped before choosing (see `error`). */
  executor: string;
  /** The reason gremlins printed: the harness used, or why it fell back to spawn. */
  reason: string;
  /** The test command gremlins used and where it came from (its "Test command:" line). */
  testCommand: string;
  /** The run's `error:` line, when it failed. */
  error: string;
  /** Gremlins planted, from the "N gremlins in M file(s)" line (known even when the run was stopped). */
  planted: number;
}

/** Reads gremlins' stderr (logger lines, no colour): `Executor: …`, `Test command: …`, `error: …`. */
export function readExecutorChoice(stderr: string): ExecutorChoice {
  const lines = stderr.split(/\r?\n/).map((l) => l.replace(/^\s*\[?\w+\]?\s+(?=Executor:|Test command:)/, "").trim());
  const executorLine = lines.find((l) => l.startsWith("Executor: "));
  const match = /^Executor: (\w+) \((.*)\)$/.exec(executorLine ?? "");
  return {
    executor: match?.[1] ?? "none",
    reason: match?.[2] ?? "",
    testCommand: lines.find((l) => l.startsWith("Test command: "))?.slice("Test command: ".length) ?? "",
    error: lines.filter((l) => /^(error|ERROR)\b:?/.test(l)).pop() ?? "",
    planted: Number(lines.map((l) => /^(\d+) gremlins? in \d+ file/.exec(l)?.[1]).find(Boolean) ?? 0),
  };
}
