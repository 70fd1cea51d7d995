// Snapshot state of one harness: the `.snap` files read so far (never written), and for the running test
// its counters and the keys it checked. Compares like jest and vitest in CI mode: a snapshot that is
// missing fails, and so does one left unchecked by a test that passed (the runners' "obsolete" failure).

import { join } from "pathe";
import type { SuiteNode, TestNode } from "../model.ts";
import { keyName, keyOf, readSnapFile, snapPathOf, type SnapFile } from "./snap-file.ts";
import { createRequire } from "node:module";
import {
  serialize,
  snapshotEquals,
  type SnapshotConfig,
  type SnapshotFlavor,
  type SnapshotRules,
} from "./serialize.ts";

/** The API a test was registered through (jest-style.ts's flavours). */
export type ApiFlavor = "jest" | "bun" | "vitest" | "globals";

export interface MatchInput {
  received: unknown;
  hint?: string;
  isInline: boolean;
  /** The inline literal, indentation already stripped; undefined when the call has none. */
  inline?: string;
}

export interface MatchResult {
  pass: boolean;
  message: string;
  expected?: string;
  actual: string;
}

interface Running {
  test: TestNode;
  flavor: SnapshotFlavor;
  name: string;
  snap: SnapFile;
  checked: Set<string>;
}

/**
 * One file's part of a run: the runners number a name's snapshots across the whole file (two tests of one
 * name, as `test.each` without `%s` makes, take "name 1" and "name 2"), and remember every key checked.
 */
interface FileRun {
  file: string;
  counters: Map<string, number>;
  checked: Set<string>;
  /** The counters as each test of this run found them when it started (a retry starts from there again). */
  atStart: Map<TestNode, Map<string, number>>;
}

export interface SnapshotSessionOptions {
  /** The project copy the test files are in (test files are registered relative to it). */
  root: string;
  /** The runner the project's command starts, when known: decides the flavour of globals-only files. */
  framework?: string;
  /** The API each test was registered through. */
  apiOf(test: TestNode): ApiFlavor | undefined;
  /** The project's snapshotFormat and snapshotSerializers (jest config), when read: applied instead of the defaults. */
  config?: SnapshotConfig;
}

/** Suite names from the outermost describe to the test, without the file's root suite. */
function namesOf(test: TestNode): string[] {
  const names = [test.name];
  for (let s: SuiteNode | null = test.suite; s && s.parent; s = s.parent) names.push(s.name);
  return names.reverse();
}

export class SnapshotSession {
  private readonly files = new Map<string, SnapFile>();
  private running: Running | null = null;
  private test: TestNode | null = null;
  private fileRun: FileRun | null = null;
  private rules: SnapshotRules | undefined;

  /** The config's rules, its serializers loaded on first use (as jest's runtime requires them before a file's tests). */
  private rulesOf(): SnapshotRules | undefined {
    const config = this.options.config;
    if (!config) return undefined;
    this.rules ??= {
      format: config.format,
      plugins: config.serializers.map((path) => createRequire(path)(path) as unknown),
    };
    return this.rules;
  }

  constructor(private readonly options: SnapshotSessionOptions) {}

  private readonly fileNames = new Map<string, string[]>();

  /** Snapshot names of a file's tests (the tree does not change once loaded). */
  private namesIn(file: string, flavor: SnapshotFlavor, tests: readonly TestNode[]): string[] {
    const key = `${flavor}\0${file}`;
    let names = this.fileNames.get(key);
    if (!names)
      this.fileNames.set(key, (names = tests.filter((t) => t.file === file).map((t) => this.nameOf(t, flavor))));
    return names;
  }

  /** The snapshot name of a test, as its runner builds keys: jest joins names with " ", vitest with " > ". */
  nameOf(test: TestNode, flavor: SnapshotFlavor): string {
    return namesOf(test).join(flavor === "jest" ? " " : " > ");
  }

  fileOf(test: TestNode): SnapFile {
    const path = snapPathOf(join(this.options.root, test.file));
    let snap = this.files.get(path);
    if (!snap) this.files.set(path, (snap = readSnapFile(path)));
    return snap;
  }

  /** The serialisation and key rules a test follows; null for bun:test (not emulated). */
  flavorOf(test: TestNode): SnapshotFlavor | null {
    const api = this.options.apiOf(test);
    if (api === "bun") return null;
    if (api === "jest" || api === "vitest") return api;
    const framework = this.options.framework;
    if (framework === "jest" || framework === "vitest") return framework;
    return this.fileOf(test).writer ?? "jest";
  }

  /**
   * The tests of `test`'s file before it that use snapshots under its snapshot name: a run that selects
   * `test` runs them too (unreported), so that its keys are numbered as in a run of the whole file.
   */
  companionsOf(test: TestNode, tests: readonly TestNode[]): TestNode[] {
    if (!test.usesSnapshots) return [];
    const flavor = this.flavorOf(test);
    if (flavor === null) return [];
    const name = this.nameOf(test, flavor);
    const out: TestNode[] = [];
    for (const other of tests) {
      if (other === test) break;
      if (other.file === test.file && other.usesSnapshots && this.nameOf(other, flavor) === name) out.push(other);
    }
    return out;
  }

  /** A new run: counters start again at the first test of each file. */
  beginRun(): void {
    this.fileRun = null;
  }

  beginTest(test: TestNode): void {
    this.test = test;
    this.running = null;
    if (this.fileRun?.file !== test.file)
      this.fileRun = { file: test.file, counters: new Map(), checked: new Set(), atStart: new Map() };
    const run = this.fileRun;
    const before = run.atStart.get(test);
    if (before) run.counters = new Map(before);
    else run.atStart.set(test, new Map(run.counters));
  }

  private current(): Running {
    if (this.running) return this.running;
    const test = this.test;
    if (!test) throw new Error("Snapshot matchers cannot be used outside of a test");
    const flavor = this.flavorOf(test);
    if (flavor === null) throw new Error("bun:test snapshots are not emulated by the gremlins harness");
    this.running = {
      test,
      flavor,
      name: this.nameOf(test, flavor),
      snap: this.fileOf(test),
      checked: new Set(),
    };
    return this.running;
  }

  /** The serialisation rules of the running test. */
  currentFlavor(): SnapshotFlavor {
    return this.current().flavor;
  }

  /** Takes the next key of the running test (with a hint: its own counter), marked as checked. */
  slot(hint?: string): string {
    const run = this.current();
    const name = hint ? `${run.name}${run.flavor === "jest" ? ": " : " > "}${hint}` : run.name;
    const file = this.fileRun as FileRun;
    const count = (file.counters.get(name) ?? 0) + 1;
    file.counters.set(name, count);
    const key = keyOf(name, count, run.flavor);
    run.checked.add(key);
    file.checked.add(key);
    return key;
  }

  /** Compares one value against its stored or inline snapshot. */
  match(input: MatchInput): MatchResult {
    const run = this.current();
    const { flavor, snap } = run;
    const key = this.slot(input.hint);
    const actual = serialize(input.received, flavor, this.rulesOf());
    if (!input.isInline && flavor === "jest" && snap.jestHeaderError) {
      return { pass: false, actual, message: snap.jestHeaderError };
    }
    const expected = input.isInline ? input.inline : snap.data[key];
    if (expected === undefined) {
      return {
        pass: false,
        actual,
        message: `Snapshot \`${key}\` is missing. New snapshot was not written: in CI mode (as gremlins runs snapshots) a snapshot must already exist.`,
      };
    }
    if (snapshotEquals(expected, actual, flavor)) return { pass: true, actual, expected, message: "" };
    return { pass: false, actual, expected, message: `Snapshot \`${key}\` mismatched` };
  }

  /**
   * Keys of `file`'s stored snapshots that no test of the file can check (its tests that use snapshots by their
   * source decide the flavour): jest fails a run on them, vitest 4 in CI fails the file. [] when none, or when no
   * test of the file uses snapshots (another library's .snap files are not ours).
   */
  orphansOf(file: string, tests: readonly TestNode[]): string[] {
    const test = tests.find((t) => t.file === file && t.usesSnapshots);
    const flavor = test ? this.flavorOf(test) : null;
    if (!test || flavor === null) return [];
    const snap = this.fileOf(test);
    if (!snap.exists) return [];
    const sep = flavor === "jest" ? ": " : " > ";
    const names = this.namesIn(file, flavor, tests);
    return Object.keys(snap.data).filter((key) => {
      const name = keyName(key, flavor);
      return !names.some((n) => name === n || name.startsWith(n + sep));
    });
  }

  /**
   * After a test that passed: its stored snapshots it did not check. A CI run of either runner fails on
   * such obsolete snapshots; returns the error, or undefined.
   */
  endTest(test: TestNode, passed: boolean, siblings: readonly TestNode[]): Error | undefined {
    const run = this.running;
    this.running = null;
    this.test = null;
    if (!passed || test.failing) return undefined;
    // Only tests that compare snapshots (this run, or by their source): another library's .snap files are not ours.
    if (!run && !test.usesSnapshots) return undefined;
    const flavor = run?.flavor ?? this.flavorOf(test);
    if (flavor === null) return undefined;
    const snap = run?.snap ?? this.fileOf(test);
    if (!snap.exists) return undefined;
    const own = this.nameOf(test, flavor);
    const sep = flavor === "jest" ? ": " : " > ";
    const names = this.namesIn(test.file, flavor, siblings);
    // A name several tests share: its keys are theirs together, obsolete only when the last of them passed.
    const shared = names.filter((n) => n === own).length > 1;
    if (shared && names.lastIndexOf(own) !== siblings.filter((t) => t.file === test.file).indexOf(test))
      return undefined;
    const checked = shared ? this.fileRun?.checked : run?.checked;
    // Names of the file's other tests that extend this one's ("a" and "a: b"): their keys are theirs.
    const longer = names.filter((n) => n.startsWith(own) && n !== own);
    const obsolete = Object.keys(snap.data).filter((key) => {
      if (checked?.has(key)) return false;
      const name = keyName(key, flavor);
      if (name !== own && !name.startsWith(own + sep)) return false;
      return !longer.some((n) => name === n || name.startsWith(n + sep));
    });
    if (obsolete.length === 0) return undefined;
    return new Error(
      `Obsolete snapshot${obsolete.length > 1 ? "s" : ""} (not checked by a test that passed; a CI run fails on them): ${obsolete.map((k) => `\`${k}\``).join(", ")}`,
    );
  }
}
