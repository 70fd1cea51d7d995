// Worker side of module mocks: a test file's prelude registers its `vi.mock`s here, the worker then
// materialises each mock (the factory's result, or an automock of the original module made with
// jest-mock's metadata, as vitest's automocker does: functions become mocks, arrays empty, objects deep)
// and writes the ES module that the file's own copies of the project import in place of the original.

import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleMocker } from "jest-mock";

/** Global through which preludes and generated mock modules reach the worker's ModuleMocks. */
export const MOCKS_GLOBAL = "__gremlins_mocks";

type Namespace = Record<string, unknown>;
type Importer = () => Promise<unknown>;

interface Registration {
  path: string;
  factory: ((importOriginal: Importer) => unknown) | undefined;
  actual: Importer;
}

/** A test file with module mocks, as prepared in the sandbox (see src/execute/thread/mock-copies.ts). */
export interface MockedFile {
  /** The test file's copy inside its own copy of the project (absolute). */
  copy: string;
  /** The prelude module next to it (absolute); "" for jest, whose mocks are registered by the hoisted calls. */
  prelude: string;
  /** The module standing in for each mock, in registration order (absolute); "" where a __mocks__ file does (vitest). */
  modules: string[];
  /**
   * jest: the copy is required, its hoisted `jest.mock` calls register factories, mocks are made on first require.
   * bun: the copy is imported, its top-level `mock.module` calls reach `bunMock` (src/harness/module-mocks/bun-plan.ts).
   */
  kind?: "jest" | "bun";
  /** bun: the path of each `mock.module` call, in the order of `modules`. */
  paths?: string[];
}

/** What a bun stand-in module (bunStandInSource) gets when it is evaluated. */
export interface BunStandIn {
  /** The exports it starts with: the factory's result (mocked before the first import) or the original's. */
  value: Namespace;
  /** Registers how a later `mock.module` updates its live bindings in place. */
  bind(update: (next: Namespace) => void): void;
}

export interface ModuleMocks {
  /** Called by a prelude: `vi.mock(path, factory?)`, hoisted. */
  register(path: string, factory: Registration["factory"], actual: Importer): void;
  /** Called by a prelude: how `vi.importActual(path)` imports the original from the test file's folder. */
  actual(path: string, importer: Importer): void;
  /** Loads a mocking test file: its prelude, its mocks materialised, then the file itself (ES modules: in module graph `epoch`, module-epoch.ts). */
  load(file: MockedFile, epoch?: number): Promise<void>;
  /** Read by a generated mock module: the exports of mock `index` of the file whose copy is `copy`. */
  value(copy: string, index: number): Namespace;
  /** `vi.importActual(path)` of the file being loaded, or of `caller` (the calling file, from the stack) as a test runs. */
  importActual(path: string, caller?: string | null): Promise<unknown>;
  /** `jest.mock(path, factory?)`, hoisted, as the test file's copy runs it while loading; false outside such a copy. */
  jestRegister(path: string, factory: (() => unknown) | undefined): boolean;
  /** Read by a generated jest mock module on its first require: mock `index` of `copy` (the factory's result, or `actual()` automocked). */
  jestModule(copy: string, index: number, actual: () => unknown): unknown;
  /** bun:test's `mock.module(path, factory)`, called by the test file's copy while it loads. */
  bunMock(path: string, factory: () => unknown): void;
  /**
   * Called by a bun stand-in as it is evaluated: mock `index` of `copy`, whose exports are `names`. `lazy`: the
   * module was expected to be first imported after its `mock.module` call (else before it); `real()` loads the original.
   */
  bunStandIn(copy: string, index: number, names: readonly string[], lazy: boolean, real: () => unknown): BunStandIn;
}

/** The file of the code that called `fn` (from the stack), or null when the stack does not say. */
export function callerFile(fn: (...args: never[]) => unknown): string | null {
  // An Error, not a plain object: some hosts' captureStackTrace accept nothing else.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  const holder = new Error("caller");
  Error.captureStackTrace(holder, fn);
  Error.stackTraceLimit = limit;
  const frame = holder.stack?.split("\n")[1]?.trim() ?? "";
  const location = /\(([^()]+):\d+:\d+\)$/.exec(frame)?.[1] ?? /^at ([^()\s]+):\d+:\d+$/.exec(frame)?.[1];
  if (!location) return null;
  return location.startsWith("file://") ? fileURLToPath(location) : location;
}

/** `jest.requireActual(path)` called from `caller`: the module itself, resolved from the caller's folder as require does. */
export function requireActualFrom(caller: string, path: string): unknown {
  return createRequire(caller)(path);
}

/** A plain object with a module namespace's (or any object's) enumerable exports. */
function exportsOf(module: unknown): Namespace {
  if (module === null || typeof module !== "object") return { default: module };
  return Object.fromEntries(Object.keys(module).map((key) => [key, (module as Namespace)[key]]));
}

/** The source of the ES module re-exporting mock `index` of `copy` under each of its keys. */
export function mockModuleSource(copy: string, index: number, keys: readonly string[]): string {
  const lines = [`const m = globalThis.${MOCKS_GLOBAL}.value(${JSON.stringify(copy)}, ${index});`];
  keys.forEach((key, i) =>
    lines.push(`const v${i} = m[${JSON.stringify(key)}];`, `export { v${i} as ${JSON.stringify(key)} };`),
  );
  return `${lines.join("\n")}\n`;
}

/** Writes `text` to `file` so a concurrent reader (another worker) sees all or nothing. */
function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

/** The source of the ES module standing in for bun mock `index` of `copy`: live bindings, one per export name. */
export function bunStandInSource(
  copy: string,
  index: number,
  names: readonly string[],
  lazy: boolean,
  real: string,
): string {
  const lines = [
    `import { createRequire } from "node:module";`,
    `const s = globalThis.${MOCKS_GLOBAL}.bunStandIn(${JSON.stringify(copy)}, ${index}, ${JSON.stringify(names)}, ${lazy}, () => createRequire(import.meta.url)(${JSON.stringify(real)}));`,
  ];
  names.forEach((name, i) => lines.push(`let v${i} = s.value[${JSON.stringify(name)}];`));
  const updates = names.map(
    (name, i) => `if (Object.hasOwn(n, ${JSON.stringify(name)})) v${i} = n[${JSON.stringify(name)}];`,
  );
  lines.push(`s.bind((n) => { ${updates.join(" ")} });`);
  lines.push(`export { ${names.map((name, i) => `v${i} as ${JSON.stringify(name)}`).join(", ")} };`);
  return `${lines.join("\n")}\n`;
}

/** bun: where one mocked module of a copy stands. */
interface BunSlot {
  /** The factory of a `mock.module` made before the module was first imported (run at that import). */
  factory?: () => unknown;
  /** Set once the stand-in was evaluated: updates its bindings in place. */
  update?: (next: Namespace) => void;
  names?: readonly string[];
}

export function createModuleMocks(
  mocker: ModuleMocker,
  importFile: (file: string, epoch: number) => Promise<unknown>,
  unsupported: (reason: string) => void = () => {},
): ModuleMocks {
  let pending: Registration[] = [];
  const actuals = new Map<string, Importer>();
  const values = new Map<string, Namespace[]>();
  /** importActual of each loaded file's paths, by copy (a test may call it while running). */
  const actualsByFile = new Map<string, Map<string, Importer>>();
  let current: string | null = null;
  /** jest.mock registrations of each loaded jest copy, in order. */
  const jestRegistrations = new Map<string, { path: string; factory: (() => unknown) | undefined }[]>();
  /** bun: each loaded copy's mock paths and slots. */
  const bunFiles = new Map<string, { paths: readonly string[]; slots: BunSlot[] }>();

  /** A bun factory's result when it can stand for the module (an object, made now, only names the module has). */
  const bunValue = (path: string, factory: () => unknown, names: readonly string[]): Namespace | null => {
    const value = factory();
    if (value === null || typeof value !== "object" || typeof (value as { then?: unknown }).then === "function") {
      unsupported(`mock.module("${path}", factory) whose factory returns no plain object`);
      return null;
    }
    const extra = Object.keys(value).filter((key) => !names.includes(key));
    if (extra.length > 0) {
      unsupported(`mock.module("${path}", factory) returning "${extra[0]}", which the module does not export`);
      return null;
    }
    return value as Namespace;
  };

  const automock = (original: unknown): Namespace => {
    const plain = exportsOf(original);
    const metadata = mocker.getMetadata(plain);
    if (!metadata) throw new Error("vi.mock: the original module's exports could not be read for automocking");
    return mocker.generateFromMetadata(metadata) as Namespace;
  };

  return {
    register(path, factory, actual) {
      pending.push({ path, factory, actual });
      if (!actuals.has(path)) actuals.set(path, actual);
    },
    actual(path, importer) {
      actuals.set(path, importer);
    },
    async load(file, epoch = 0) {
      if (file.kind === "bun") {
        current = file.copy;
        bunFiles.set(file.copy, { paths: file.paths ?? [], slots: (file.paths ?? []).map(() => ({})) });
        try {
          await importFile(file.copy, epoch);
        } finally {
          current = null;
        }
        return;
      }
      if (file.kind === "jest") {
        current = file.copy;
        jestRegistrations.set(file.copy, []);
        try {
          createRequire(file.copy)(file.copy);
        } finally {
          current = null;
        }
        return;
      }
      current = file.copy;
      pending = [];
      actuals.clear();
      await importFile(file.prelude, epoch);
      const made: Namespace[] = [];
      values.set(file.copy, made);
      actualsByFile.set(file.copy, new Map(actuals));
      const registrations = pending;
      if (registrations.length !== file.modules.length)
        throw new Error(
          `the prelude of ${file.copy} registered ${registrations.length} mocks, ${file.modules.length} were prepared`,
        );
      for (const [i, r] of registrations.entries()) {
        // A __mocks__ file stands in for the module (the copy imports it directly).
        if (file.modules[i] === "") {
          made.push({});
          continue;
        }
        // vitest: the factory's result is the module; without a factory the original is automocked.
        const value = r.factory ? await r.factory(r.actual) : automock(await r.actual());
        if (value === null || typeof value !== "object")
          throw new Error(
            `[vitest] vi.mock("${r.path}", factory?) is not returning an object. Did you mean to return an object with a "default" key?`,
          );
        made.push(value as Namespace);
        writeAtomically(file.modules[i]!, mockModuleSource(file.copy, i, Object.keys(value)));
      }
      try {
        await importFile(file.copy, epoch);
      } finally {
        current = null;
      }
    },
    jestRegister(path, factory) {
      const list = current === null ? undefined : jestRegistrations.get(current);
      list?.push({ path, factory });
      return list !== undefined;
    },
    jestModule(copy, index, actual) {
      const registration = jestRegistrations.get(copy)?.[index];
      if (!registration) throw new Error(`module mock ${index} of ${copy} was required before its jest.mock call ran`);
      // jest: the factory's result is the module, whatever it is; without a factory the original is automocked.
      if (registration.factory) return registration.factory();
      const metadata = mocker.getMetadata(actual());
      if (!metadata)
        throw new Error(`jest.mock("${registration.path}"): the module's exports could not be read for automocking`);
      return mocker.generateFromMetadata(metadata);
    },
    bunMock(path, factory) {
      const file = current === null ? undefined : bunFiles.get(current);
      const slot = file?.slots[file.paths.indexOf(path)];
      if (!slot) {
        unsupported(
          `mock.module("${path}") where the thread executor did not prepare it (only calls at a test file's top level are)`,
        );
        return;
      }
      if (!slot.update) {
        // Not imported yet: the factory runs at the first import, as under bun.
        slot.factory = factory;
        return;
      }
      // Already imported: the names the factory returns are replaced in place, the others keep their values.
      const value = bunValue(path, factory, slot.names ?? []);
      if (value) slot.update(value);
    },
    bunStandIn(copy, index, names, lazy, real) {
      const file = bunFiles.get(copy);
      const slot = file?.slots[index];
      if (!file || !slot) throw new Error(`module mock ${index} of ${copy} was imported before its file loaded`);
      const path = file.paths[index]!;
      slot.names = names;
      let value: Namespace = {};
      if (lazy !== (slot.factory === undefined)) {
        if (slot.factory) value = bunValue(path, slot.factory, names) ?? {};
        else {
          value = exportsOf(real());
          const missing = Object.keys(value).filter((key) => !names.includes(key) && key !== "__esModule");
          if (missing.length > 0)
            unsupported(`mock.module("${path}"): export "${missing[0]}" of the module not found by reading its source`);
        }
      } else
        unsupported(
          `mock.module("${path}"): the module was first imported ${lazy ? "before" : "after"} the call, not where its imports say`,
        );
      return { value, bind: (update) => void (slot.update = update) };
    },
    value(copy, index) {
      const made = values.get(copy)?.[index];
      if (!made) throw new Error(`module mock ${index} of ${copy} was imported before it was made`);
      return made;
    },
    async importActual(path, caller) {
      // While a test runs, the calling file's copy says which module the path names; failing that, the path must
      // name one module (the same path in two files may mean two).
      const fromCaller = current === null && caller ? actualsByFile.get(caller)?.get(path) : undefined;
      const candidates = fromCaller
        ? [fromCaller]
        : current === null
          ? [...actualsByFile.values()].flatMap((m) => (m.has(path) ? [m.get(path)!] : []))
          : [actualsByFile.get(current)?.get(path) ?? actuals.get(path)];
      const importer = candidates.length === 1 ? candidates[0] : undefined;
      if (!importer)
        throw new Error(
          `vi.importActual("${path}") outside a file that mocks modules is not emulated by the gremlins harness`,
        );
      return importer();
    },
  };
}
