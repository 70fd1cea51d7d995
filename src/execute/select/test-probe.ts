// Per-test coverage inside a runner's own process, for the spawn executor's per-file baseline: a preload
// (NODE_OPTIONS --require, src/execute/select/probe-sources.ts) that learns from the runner which test is
// running and tells the runtime helper (switch mode, src/instrument/runtime.ts), so every gremlin a test
// reaches is recorded with that test's title. Gremlins reached outside a test (module load, before-all
// hooks, work left running after a test) are recorded as such: their files then run whole.
// ava, mocha, node:test, vitest and jest; the runner then runs a gremlin's covering tests by title
// (src/execute/select/title-filter.ts).

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "pathe";
import type { RunnerCommand } from "./runner-command.ts";
import { probeSource, type ProbedRunner } from "./probe-sources.ts";

/** Gremlin index → titles of the tests whose bodies reached it; null when code outside any test reached it too. */
export type TestsByGremlin = Map<number, string[] | null>;

export interface TestProbe {
  /** Options added to the file's coverage run (ava: --serial). */
  options: string[];
  /** Environment for the coverage run, given a directory the preload may be written to. */
  env(dir: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** What the run recorded in its GREMLINS_DIR; null when the probe saw no test at all. */
  read(stateDir: string): TestsByGremlin | null;
}

const PRELOAD_NAME = "gremlins-test-probe.cjs";
const RECORD_PREFIX = "tests-";

/** Reads the `tests-*.txt` records of a GREMLINS_DIR. */
export function readTestRecords(stateDir: string): TestsByGremlin | null {
  let names: string[];
  try {
    names = readdirSync(stateDir).filter((n) => n.startsWith(RECORD_PREFIX));
  } catch {
    return null;
  }
  const byGremlin: TestsByGremlin = new Map();
  let tests = 0;
  for (const name of names) {
    const titles = new Map<number, string>();
    const whole = new Set<number>();
    const lines = readFileSync(join(stateDir, name), "utf8").split("\n");
    for (const line of lines) if (line.startsWith("W ")) whole.add(Number(line.slice(2)));
    for (const line of lines) {
      if (line.startsWith("T ")) {
        const at = line.indexOf(" ", 2);
        titles.set(Number(line.slice(2, at)), JSON.parse(line.slice(at + 1)) as string);
        tests++;
      } else if (line.startsWith("R ")) {
        const [, index, slot] = line.split(" ");
        const gremlin = Number(index);
        const title = whole.has(Number(slot)) ? undefined : titles.get(Number(slot));
        const known = byGremlin.get(gremlin);
        if (title === undefined || known === null) byGremlin.set(gremlin, null);
        else if (!known) byGremlin.set(gremlin, [title]);
        else if (!known.includes(title)) known.push(title);
      }
    }
  }
  return tests > 0 ? byGremlin : null;
}

/** Options by which a command already filters test titles (the probe would learn what the runs cannot use). */
const TITLE_OPTIONS: Record<ProbedRunner, readonly string[]> = {
  ava: ["-m", "--match"],
  mocha: ["-g", "--grep", "-f", "--fgrep", "-i", "--invert"],
  "node-test": ["--test-name-pattern", "--test-skip-pattern", "--test-only"],
  vitest: ["-t", "--testNamePattern"],
  jest: ["-t", "--testNamePattern"],
};

/** Options the probe's coverage run adds (ava: test bodies one at a time, so each reach has one test). */
const PROBE_OPTIONS: Partial<Record<ProbedRunner, string[]>> = { ava: ["--serial"] };

function probed(command: RunnerCommand): ProbedRunner | null {
  const runner = command.runner;
  if (runner !== "ava" && runner !== "mocha" && runner !== "vitest" && runner !== "jest" && runner !== "node-test")
    return null;
  // node:test only under `node --test` (node running a file directly ignores --test-name-pattern on Node 20;
  // wrappers such as borp pass on options of their own).
  if (runner === "node-test" && command.head.at(-1) !== "--test") return null;
  const refused = TITLE_OPTIONS[runner];
  const words = [...command.head, ...command.options];
  return words.some((w) => refused.includes(w.split("=")[0] as string)) ? null : runner;
}

/** The probe for `command`'s runner, or null where none exists or the command already filters titles. */
export function testProbeFor(command: RunnerCommand): TestProbe | null {
  const runner = probed(command);
  if (!runner) return null;
  return {
    options: PROBE_OPTIONS[runner] ?? [],
    env(dir, base) {
      const path = join(dir, PRELOAD_NAME);
      writeFileSync(path, probeSource(runner));
      const own = `--require=${/\s/.test(path) ? JSON.stringify(path) : path}`;
      return { ...base, NODE_OPTIONS: base.NODE_OPTIONS ? `${base.NODE_OPTIONS} ${own}` : own };
    },
    read: readTestRecords,
  };
}
