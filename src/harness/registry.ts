// Records what test files register while they load: one suite tree per file (or one shared root for
// mocha's root hooks), the flat list of tests, and the reasons the harness cannot run something.

import { AsyncLocalStorage } from "node:async_hooks";
import { type Control, type HookEntry, type SuiteNode, type TestNode, newSuite } from "./model.ts";
import { SubtestTracker } from "./subtests.ts";

export type HookKind = "beforeAll" | "afterAll" | "beforeEach" | "afterEach";

export interface TestInit {
  name: string;
  body: Body;
  skipped?: boolean;
  only?: boolean;
  todo?: boolean;
  failing?: boolean;
  timeoutMs?: number;
  retries?: number;
  /** `.only` applies across all files (mocha, tape) instead of within the file. */
  onlyGlobal?: boolean;
  /** Register under this suite instead of the current one. */
  suite?: SuiteNode;
}
type Body = TestNode["body"];

interface FileRecord {
  file: string;
  root: SuiteNode;
  pending: Promise<unknown>[];
  /** Hooks it put on the shared root (mocha root hooks), in order: a re-registration puts its own in their places. */
  rootHooks: { kind: HookKind; entry: HookEntry }[];
}

/** A file registering its tests again after its module graph was reloaded (see beginReplace). */
interface Replacing {
  record: FileRecord;
  /** The indices its tests had, in registration order: the new tests take them over. */
  indices: number[];
  next: number;
  hooks: { kind: HookKind; entry: HookEntry }[];
  nextHook: number;
  reasons: number;
  problem: string | null;
}

export interface RegistryOptions {
  /** Mocha semantics: hooks at a file's top level are root hooks for every file. */
  sharedRoot?: boolean;
  /** Prototype of mocha `this` contexts (timeout/skip/retries/slow). */
  rootContext?: object;
}

export class Registry {
  readonly allTests: TestNode[] = [];
  /** The body currently running, for mocha's `this.timeout()`. */
  control: Control | null = null;
  /** The test whose hooks or body are running (set by the runner). */
  currentTest: TestNode | null = null;
  /** Nested subtests of the running test (tape / node:test `t.test`): keys, results, filtering. */
  readonly subtests = new SubtestTracker();
  private readonly reasons: string[] = [];
  private readonly files = new Map<string, FileRecord>();
  private current: FileRecord | null = null;
  private readonly scope = new AsyncLocalStorage<SuiteNode>();
  private readonly sharedRoot: SuiteNode | null;
  private readonly onlyGlobal = new WeakSet<TestNode>();
  private dirty = true;
  private readonly rootContext: object | null;
  private replacing: Replacing | null = null;
  /** APIs the harness does not emulate, called during the current run (null outside a run): the runner hands them out per test. */
  private runReasons: string[] | null = null;

  constructor(options: RegistryOptions = {}) {
    this.rootContext = options.rootContext ?? null;
    this.sharedRoot = options.sharedRoot ? newSuite("", null, "", this.rootContext) : null;
  }

  beginFile(file: string): void {
    if (this.current) throw new Error(`harness: beginFile("${file}") while "${this.current.file}" is open`);
    let record = this.files.get(file);
    if (!record) {
      record = {
        file,
        root: this.sharedRoot ?? newSuite("", null, file, this.rootContext),
        pending: [],
        rootHooks: [],
      };
      this.files.set(file, record);
    }
    this.current = record;
  }

  /**
   * Starts registering `file`'s tests again, after its module graph was reloaded (a leaking file reset
   * between runs): each new test takes over the index of the old test at the same position, each root
   * hook the place of the old one; endReplace() says whether the new registrations match the old.
   */
  beginReplace(file: string): void {
    const record = this.files.get(file);
    if (!record) throw new Error(`harness: "${file}" was never loaded, it cannot be registered again`);
    this.beginFile(file);
    if (!this.sharedRoot) record.root = newSuite("", null, file, this.rootContext);
    const indices = this.allTests.filter((t) => t.file === file).map((t) => t.index);
    this.replacing = {
      record,
      indices,
      next: 0,
      hooks: record.rootHooks,
      nextHook: 0,
      reasons: this.reasons.length,
      problem: null,
    };
    record.rootHooks = [];
  }

  /** Ends a replacement (after endFile): null when the file registered the same tests and root hooks again, else how it differs. */
  endReplace(): string | null {
    const r = this.replacing;
    this.replacing = null;
    if (!r) return null;
    if (r.problem === null && r.next !== r.indices.length)
      r.problem = `${r.indices.length - r.next} test(s) fewer than before`;
    if (r.problem === null && r.nextHook !== r.hooks.length) r.problem = "fewer root hooks than before";
    if (r.problem === null && this.reasons.length > r.reasons)
      r.problem = this.reasons[r.reasons] ?? "a new load problem";
    return r.problem === null ? null : `${r.record.file}: ${r.problem}`;
  }

  /** The index a new test takes: the next one (or, while replacing, the old test's at its position; -1 when there is none). */
  private nextIndex(name: string): number {
    const r = this.replacing;
    if (!r) return this.allTests.length;
    const index = r.indices[r.next++];
    if (index === undefined) {
      r.problem ??= "more tests than before";
      return -1;
    }
    if (this.allTests[index]?.name !== name)
      r.problem ??= `test "${name}" registered where "${this.allTests[index]?.name}" was`;
    return index;
  }

  async endFile(): Promise<void> {
    const record = this.current;
    if (!record) return this.quiet();
    try {
      // Async describe bodies may register more async bodies; drain until quiet.
      while (record.pending.length > 0) {
        const batch = record.pending.splice(0);
        const settled = await Promise.allSettled(batch);
        for (const s of settled) if (s.status === "rejected") this.addLoadError(s.reason);
      }
    } finally {
      this.current = null;
      this.quiet();
    }
  }

  /**
   * While enabled, an AsyncLocalStorage makes Node run a hook at every promise and async resource the tests
   * create (a fifth of a supertest suite's time): it is off between loads (its next run() turns it on).
   */
  private quiet(): void {
    (this.scope as { disable?: () => void }).disable?.();
  }

  /** Mocha semantics: every file's tests hang under one shared root suite. */
  get sharesRoot(): boolean {
    return this.sharedRoot !== null;
  }

  /** The project-relative file being loaded ("" outside beginFile/endFile). */
  get file(): string {
    return this.current?.file ?? "";
  }

  get loading(): boolean {
    return this.current !== null;
  }

  unsupported(reason: string): void {
    if (this.runReasons) {
      // Called by a test as it runs: its result says so (read by the executor), the load-time list stays as it was.
      if (!this.runReasons.includes(reason)) this.runReasons.push(reason);
      return;
    }
    const where = this.current ? `${reason} in ${this.current.file}` : reason;
    if (!this.reasons.includes(where)) this.reasons.push(where);
  }

  /** A run starts (true) or ends (false): unsupported APIs called meanwhile are collected for takeRunReasons(). */
  setRunning(running: boolean): void {
    this.runReasons = running ? [] : null;
  }

  /** The unsupported APIs called since the last call (during a run). */
  takeRunReasons(): string[] {
    const taken = this.runReasons ?? [];
    if (this.runReasons) this.runReasons = [];
    return taken;
  }

  reasonsList(): string[] {
    return [...this.reasons];
  }

  /** An error thrown by a describe body: the file would fail to load in the real runner. */
  addLoadError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.unsupported(`error while collecting tests: ${message}`);
  }

  /** The suite registrations go to right now (async-aware). */
  currentSuite(): SuiteNode {
    const inScope = this.scope.getStore();
    if (inScope) return inScope;
    if (this.current) return this.current.root;
    this.unsupported("test registered outside of loading a file");
    return newSuite("", null, "<unknown>", this.rootContext);
  }

  /** Runs a describe body with `suite` as the registration target; async bodies are awaited by endFile. */
  collect(suite: SuiteNode, fn: () => unknown): void {
    let result: unknown;
    try {
      result = this.scope.run(suite, fn);
    } catch (error) {
      this.addLoadError(error);
      return;
    }
    if (result && typeof (result as Promise<unknown>).then === "function") {
      this.current?.pending.push(Promise.resolve(result));
    }
  }

  addSuite(name: string, options: { skipped?: boolean; only?: boolean } = {}): SuiteNode {
    const parent = this.currentSuite();
    const suite = newSuite(name, parent, this.file || parent.file, this.rootContext);
    if (options.skipped) suite.skipped = true;
    if (options.only) suite.only = true;
    this.dirty = true;
    return suite;
  }

  addTest(init: TestInit): TestNode {
    const suite = init.suite ?? this.currentSuite();
    const test: TestNode = {
      kind: "test",
      name: init.name,
      suite,
      file: this.file || suite.file,
      body: init.body,
      skipped: (init.skipped ?? false) || suite.skipped,
      only: init.only ?? false,
      todo: init.todo ?? false,
      failing: init.failing ?? false,
      timeoutMs: init.timeoutMs ?? suite.timeoutMs,
      retries: init.retries ?? 0,
      index: this.nextIndex(init.name),
      fullName: "",
      id: "",
    };
    if (init.onlyGlobal || this.sharedRoot) this.onlyGlobal.add(test);
    if (!this.replacing) this.allTests.push(test);
    else if (test.index >= 0) this.allTests[test.index] = test;
    this.dirty = true;
    return test;
  }

  addHook(kind: HookKind, entry: HookEntry, options: { suite?: SuiteNode; prepend?: boolean } = {}): void {
    const suite = options.suite ?? this.currentSuite();
    if (suite === this.sharedRoot && this.current) {
      this.current.rootHooks.push({ kind, entry });
      const r = this.replacing;
      if (r) {
        // A root hook registered again takes the place of the old one (root hooks run in registration order).
        const old = r.hooks[r.nextHook++];
        const at = old && old.kind === kind ? suite[kind].indexOf(old.entry) : -1;
        if (at >= 0) suite[kind][at] = entry;
        else r.problem ??= "other root hooks than before";
        return;
      }
    }
    if (options.prepend) suite[kind].unshift(entry);
    else suite[kind].push(entry);
  }

  /** Finalises names, ids and `.only`/`.skip` semantics; cheap when nothing changed. */
  finalize(): TestNode[] {
    if (!this.dirty) return this.allTests;
    this.dirty = false;
    const focusedScopes = new Set<string>();
    for (const t of this.allTests) if (isFocused(t)) focusedScopes.add(this.onlyScope(t));
    const seen = new Map<string, number>();
    for (const t of this.allTests) {
      const names = [];
      for (let s: SuiteNode | null = t.suite; s; s = s.parent) if (s.name) names.push(s.name);
      names.reverse().push(t.name);
      t.fullName = names.join(" > ");
      let id = `${t.file} > ${t.fullName}`;
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) id = `${id} (${n})`;
      t.id = id;
      if (focusedScopes.has(this.onlyScope(t)) && !isFocused(t)) t.skipped = true;
    }
    return this.allTests;
  }

  private onlyScope(t: TestNode): string {
    return this.onlyGlobal.has(t) ? "\0global" : t.file;
  }
}

function isFocused(t: TestNode): boolean {
  if (t.only) return true;
  for (let s: SuiteNode | null = t.suite; s; s = s.parent) if (s.only) return true;
  return false;
}
