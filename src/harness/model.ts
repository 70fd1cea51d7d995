// The recorded test tree: suites (describe blocks, uvu suites, file roots) holding hooks and tests.
// Every framework adapter turns user callbacks into `Body` functions; the runner only sees these.

/** What a running body can ask of the runner (mocha's `this.timeout(ms)`, dynamic skips). */
export interface Control {
  /** Re-arms the declared timeout of the running body (0 = none). */
  setTimeout(ms: number): void;
}

/** A user callback adapted to one calling convention; returns a value or a promise. */
export type Body = (control: Control) => unknown;

export interface HookEntry {
  body: Body;
  /** Declared timeout of this hook (ms), if any. */
  timeoutMs?: number;
}

export interface SuiteNode {
  kind: "suite";
  name: string;
  parent: SuiteNode | null;
  file: string;
  beforeAll: HookEntry[];
  afterAll: HookEntry[];
  beforeEach: HookEntry[];
  afterEach: HookEntry[];
  /** Registered via `.skip` (or an ancestor was). */
  skipped: boolean;
  only: boolean;
  /** Declared timeout for tests and hooks inside (mocha `this.timeout` in describe). */
  timeoutMs?: number;
  /** Mocha context objects inherit from their parent suite's. */
  context: Record<string, unknown>;
}

export interface TestNode {
  kind: "test";
  name: string;
  suite: SuiteNode;
  file: string;
  body: Body;
  skipped: boolean;
  only: boolean;
  todo: boolean;
  /** `test.failing` / `test.fails`: passes when the body fails. */
  failing: boolean;
  timeoutMs?: number;
  retries: number;
  /** The jest-style API it was registered through (decides snapshot rules). */
  api?: "jest" | "bun" | "vitest" | "globals";
  /** Its callback's source calls a snapshot matcher. */
  usesSnapshots?: boolean;
  /** Filled when the harness finalises the tree. */
  index: number;
  fullName: string;
  id: string;
}

/** Thrown by `this.skip()`, `ctx.skip()`: the running test ends as skipped. */
export class SkipSignal extends Error {
  constructor(reason?: string) {
    super(reason ?? "skipped");
    this.name = "SkipSignal";
  }
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

export function newSuite(
  name: string,
  parent: SuiteNode | null,
  file: string,
  rootContext: object | null = null,
): SuiteNode {
  return {
    kind: "suite",
    name,
    parent,
    file,
    beforeAll: [],
    afterAll: [],
    beforeEach: [],
    afterEach: [],
    skipped: parent?.skipped ?? false,
    only: false,
    timeoutMs: parent?.timeoutMs,
    context: Object.create(parent?.context ?? rootContext) as Record<string, unknown>,
  };
}

/** Suites from the outermost to `suite` itself. */
export function suitePath(suite: SuiteNode): SuiteNode[] {
  const path: SuiteNode[] = [];
  for (let s: SuiteNode | null = suite; s; s = s.parent) path.push(s);
  return path.reverse();
}

/** The message of anything thrown, with the stack's first frames when it is an Error. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  if (typeof error === "string") return error;
  try {
    return `thrown: ${JSON.stringify(error)}`;
  } catch {
    return `thrown: ${String(error)}`;
  }
}
