// `vi.stubGlobal` / `vi.stubEnv` with vitest's per-file lifetime: vitest runs each test file in a fresh
// environment, so a stub lasts until the end of its file (or `vi.unstubAll*`), never into another file.
// Here the files share a worker: every stub is undone when its file's tests end (and after each file has
// loaded), and stubs made while a file loaded are made again whenever that file's tests start.

import type { SuiteNode } from "./model.ts";
import type { Registry } from "./registry.ts";
import type { RunPlugin } from "./runner.ts";

type Kind = "global" | "env";

interface Stub {
  kind: Kind;
  name: string;
  value: unknown;
}

const g = globalThis as Record<string, unknown>;

export interface Stubs {
  stubGlobal(name: string, value: unknown): void;
  stubEnv(name: string, value: string | undefined): void;
  unstubAll(kind: Kind): void;
  /** The file being loaded has loaded: its stubs are undone (and remembered for its runs). */
  fileLoaded(file: string): void;
  plugin: RunPlugin;
}

export function createStubs(registry: Registry): Stubs {
  /** What each stubbed name held before its first stub (undefined descriptor / value: absent). */
  const globals = new Map<string, PropertyDescriptor | undefined>();
  const envs = new Map<string, string | undefined>();
  /** Stubs made while a file loaded, by file, in order: they hold whenever that file's tests run. */
  const loadTime = new Map<string, Stub[]>();

  const apply = (stub: Stub): void => {
    if (stub.kind === "global") {
      if (!globals.has(stub.name)) globals.set(stub.name, Object.getOwnPropertyDescriptor(g, stub.name));
      Object.defineProperty(g, stub.name, { value: stub.value, writable: true, configurable: true, enumerable: true });
      return;
    }
    if (!envs.has(stub.name)) envs.set(stub.name, process.env[stub.name]);
    if (stub.value === undefined) delete process.env[stub.name];
    else process.env[stub.name] = stub.value as string;
  };
  const unstubAll = (kind: Kind): void => {
    if (kind === "global") {
      for (const [name, desc] of globals) {
        if (desc) Object.defineProperty(g, name, desc);
        else delete g[name];
      }
      globals.clear();
      return;
    }
    for (const [name, value] of envs) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    envs.clear();
  };
  const undoAll = (): void => {
    unstubAll("global");
    unstubAll("env");
  };
  const stub = (kind: Kind, name: string, value: unknown): void => {
    const made = { kind, name, value };
    if (registry.loading) {
      const list = loadTime.get(registry.file) ?? [];
      list.push(made);
      loadTime.set(registry.file, list);
    }
    apply(made);
  };
  const isFileRoot = (suite: SuiteNode): boolean => suite.parent === null && !registry.sharesRoot;

  return {
    stubGlobal: (name, value) => stub("global", name, value),
    stubEnv: (name, value) => stub("env", name, value),
    unstubAll(kind) {
      unstubAll(kind);
      // vi.unstubAll* at load time ends the file's load-time stubs of that kind too.
      if (registry.loading) {
        const list = loadTime.get(registry.file);
        if (list)
          loadTime.set(
            registry.file,
            list.filter((s) => s.kind !== kind),
          );
      }
    },
    fileLoaded: () => undoAll(),
    plugin: {
      enterSuite(suite) {
        if (!isFileRoot(suite)) return;
        undoAll();
        for (const s of loadTime.get(suite.file) ?? []) apply(s);
      },
      exitSuite(suite) {
        if (isFileRoot(suite)) undoAll();
      },
      afterRun: undoAll,
    },
  };
}
