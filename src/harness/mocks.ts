// Mock functions and spies on jest-mock, with replay-safe scoping: spies made during a test are
// restored after it, spies made in beforeAll when the block is left, and call records of mocks made
// while loading are cleared at the start of every run, and their implementations (mockReturnValue…) put
// back as they were when loading ended (so replaying a test sees what the first run saw: a fresh load).

import { ModuleMocker } from "jest-mock";
import type { RunPlugin } from "./runner.ts";

interface Restorable {
  restore(): void;
}

export interface TrackedMocker {
  mocker: ModuleMocker;
  fn: ModuleMocker["fn"];
  spyOn: (object: object, key: PropertyKey, access?: "get" | "set") => unknown;
  replaceProperty: (object: object, key: PropertyKey, value: unknown) => { restore(): void };
  plugin: RunPlugin;
}

export function createMocker(): TrackedMocker {
  const mocker = new ModuleMocker(globalThis);
  const scopes: Restorable[][] = [];
  const track = (r: Restorable) => scopes[scopes.length - 1]?.push(r);
  const unwind = () => {
    const scope = scopes.pop() ?? [];
    for (let i = scope.length - 1; i >= 0; i--) scope[i]!.restore();
  };

  // jest-mock's overloads do not accept a dynamic key; the checks happen at run time.
  const m = mocker as any;
  const spyOn = (object: object, key: PropertyKey, access?: "get" | "set"): unknown => {
    const current = access ? undefined : (object as Record<PropertyKey, unknown>)[key];
    const already = mocker.isMockFunction(current);
    const spy = access ? m.spyOn(object, key, access) : m.spyOn(object, key);
    if (!already) track({ restore: () => spy.mockRestore() });
    return spy;
  };
  const replaceProperty = (object: object, key: PropertyKey, value: unknown) => {
    const replaced = m.replaceProperty(object, key, value) as { restore(): void };
    track(replaced);
    return replaced;
  };

  const loadTime = trackLoadTimeMocks(mocker);
  const plugin: RunPlugin = {
    beforeRun: () => {
      mocker.clearAllMocks();
      loadTime.restore();
    },
    enterSuite: () => void scopes.push([]),
    exitSuite: unwind,
    beforeTest: () => void scopes.push([]),
    afterTest: () => void unwind(),
    afterRun: () => {
      while (scopes.length > 0) unwind();
      loadTime.running = false;
    },
  };
  return { mocker, fn: mocker.fn.bind(mocker), spyOn, replaceProperty, plugin };
}

/** jest-mock's private per-mock configuration (implementations, once-queue, name), as of jest-mock 30. */
interface MockConfig {
  specificMockImpls: unknown[];
  whenCalledWithRegistrations?: unknown[];
  [key: string]: unknown;
}
interface MockerInternals {
  _makeComponent(metadata: { type?: string }, restore?: unknown): unknown;
  _mockConfigRegistry: WeakMap<object, MockConfig>;
}

const copyConfig = (c: MockConfig): MockConfig => ({
  ...c,
  specificMockImpls: [...c.specificMockImpls],
  ...(c.whenCalledWithRegistrations ? { whenCalledWithRegistrations: [...c.whenCalledWithRegistrations] } : {}),
});

/**
 * Mock functions made outside runs (while files load): at the first run after they were made their
 * configuration is saved, and every run starts from it again. `running` is set here and cleared by afterRun.
 */
function trackLoadTimeMocks(mocker: ModuleMocker): { running: boolean; restore(): void } {
  // Private jest-mock API (pinned version): the only place every mock function, automocks included, is made.
  const internals = mocker as unknown as MockerInternals;
  const makeComponent = internals._makeComponent.bind(mocker);
  const fresh: object[] = [];
  const saved = new Map<object, MockConfig | undefined>();
  const state = {
    running: false,
    restore() {
      for (const [f, config] of saved) {
        if (config) internals._mockConfigRegistry.set(f, copyConfig(config));
        else internals._mockConfigRegistry.delete(f);
      }
      for (const f of fresh.splice(0)) {
        const config = internals._mockConfigRegistry.get(f);
        saved.set(f, config ? copyConfig(config) : undefined);
      }
      state.running = true;
    },
  };
  internals._makeComponent = (metadata, restore) => {
    const made = makeComponent(metadata, restore);
    if (!state.running && metadata.type === "function" && typeof made === "function") fresh.push(made);
    return made;
  };
  return state;
}
