// Hand-built RunResult shared by the report tests: two files (one with non-ASCII source), every
// verdict at least once, one gremlin without an outcome when `partial` is asked for.
import type { Gremlin, Outcome, ResolvedConfig, RunResult, SourceFile, Status } from "../../../src/types.ts";

export const MATH_SOURCE = [
  "export function add(a: number, b: number) {",
  "  return a + b;",
  "}",
  "export function isAdult(age: number) {",
  "  return age >= 18;",
  "}",
  "",
].join("\n");

// "é" and an astral emoji before the gremlins, so UTF-16 columns differ from byte / code point columns.
export const GREET_SOURCE = ["const hé = '😀';", "export const greet = (n) => hé + n;", ""].join("\n");

interface Spec {
  file: string;
  source: string;
  find: string;
  /** Which occurrence of `find` (0-based). */
  nth?: number;
  operator: string;
  replacement: string;
  status?: Status;
  outcome?: Partial<Outcome>;
  ignoredReason?: string;
}

function at(source: string, find: string, nth = 0): number {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = source.indexOf(find, offset + 1);
    if (offset < 0) throw new Error(`fixture: ${find} not found`);
  }
  return offset;
}

function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

export function makeGremlin(spec: Spec, index: number): Gremlin {
  const start = at(spec.source, spec.find, spec.nth);
  const end = start + spec.find.length;
  return {
    id: `id-${index}`,
    index,
    file: spec.file,
    start,
    end,
    loc: { start: position(spec.source, start), end: position(spec.source, end) },
    operator: spec.operator,
    original: spec.find,
    replacement: spec.replacement,
    description: `${spec.operator}: ${spec.find} → ${spec.replacement}`,
    kind: "expression",
    ...(spec.ignoredReason !== undefined ? { ignoredReason: spec.ignoredReason } : {}),
  };
}

export const CONFIG: ResolvedConfig = {
  root: "/project",
  mutate: ["src/**/*.ts"],
  testCommand: null,
  workers: "auto",
  timeoutMs: 5000,
  timeoutFactor: 1.5,
  thresholds: { high: 80, low: 60, break: null },
  reporters: ["progress", "clear-text", "json"],
  reportDir: "reports/gremlins",
  operators: {},
  executor: "auto",
  sources: {},
  configFile: null,
};

const M = "src/math.ts";
const G = "src/greet.js";

export const SPECS: Spec[] = [
  {
    file: M,
    source: MATH_SOURCE,
    find: "a + b",
    operator: "ArithmeticOperator",
    replacement: "a - b",
    status: "Killed",
    outcome: { killedBy: ["t1"], coveredBy: ["t1", "t2"], testsCompleted: 1, durationMs: 12 },
  },
  {
    file: M,
    source: MATH_SOURCE,
    find: "age >= 18",
    operator: "EqualityOperator",
    replacement: "age > 18",
    status: "Survived",
    outcome: { coveredBy: ["t2"], testsCompleted: 1 },
  },
  {
    file: M,
    source: MATH_SOURCE,
    find: "age >= 18",
    operator: "EqualityOperator",
    replacement: "age < 18",
    status: "Killed",
    outcome: { killedBy: ["t2"], statusReason: "isAdult > adults" },
  },
  {
    file: M,
    source: MATH_SOURCE,
    find: "{\n  return a + b;\n}",
    operator: "BlockStatement",
    replacement: "{}",
    status: "Timeout",
    outcome: { statusReason: "hit limit 1000" },
  },
  {
    file: M,
    source: MATH_SOURCE,
    find: "18",
    operator: "NumberLiteral",
    replacement: "19",
    status: "Ignored",
    ignoredReason: "gremlins-disable-next-line",
  },
  { file: G, source: GREET_SOURCE, find: "'😀'", operator: "StringLiteral", replacement: '""', status: "NoCoverage" },
  {
    file: G,
    source: GREET_SOURCE,
    find: "hé + n",
    operator: "ArithmeticOperator",
    replacement: "hé - n",
    status: "Survived",
    outcome: { coveredBy: ["t3"], static: false },
  },
  {
    file: G,
    source: GREET_SOURCE,
    find: "hé + n",
    operator: "StringOperator",
    replacement: "n",
    status: "RuntimeError",
    outcome: { statusReason: "worker crashed: out of memory" },
  },
];

export interface FixtureOptions {
  /** Drop the outcome of the last gremlin and mark the run partial. */
  partial?: boolean;
}

export function makeResult(options: FixtureOptions = {}): RunResult {
  const gremlins = SPECS.map((spec, i) => makeGremlin(spec, i + 1));
  const outcomes = new Map<string, Outcome>();
  SPECS.forEach((spec, i) => {
    if (!spec.status) return;
    if (options.partial && i === SPECS.length - 1) return;
    const id = gremlins[i]!.id;
    const reason = spec.ignoredReason !== undefined ? { statusReason: spec.ignoredReason } : {};
    outcomes.set(id, { id, status: spec.status, ...reason, ...spec.outcome });
  });
  const files: SourceFile[] = [
    { file: M, source: MATH_SOURCE, language: "ts", gremlins: gremlins.filter((g) => g.file === M) },
    { file: G, source: GREET_SOURCE, language: "js", gremlins: gremlins.filter((g) => g.file === G) },
  ];
  return {
    root: "/project",
    files,
    gremlins,
    outcomes,
    tests: new Map([
      ["t1", { name: "add > adds", file: "test/math.test.ts" }],
      ["t2", { name: "isAdult > adults", file: "test/math.test.ts" }],
      ["t3", { name: "greet", file: "test/greet.test.js" }],
      ["t4", { name: "orphan test" }],
    ]),
    timings: { setupMs: 420, baselineMs: 1500, mutationMs: 2000, totalMs: 3920 },
    thresholds: { high: 80, low: 60, break: null },
    config: CONFIG,
    ...(options.partial ? { partial: true } : {}),
  };
}
