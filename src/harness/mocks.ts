// Mock functions and spies on jest-mock, with replay-safe scoping: spies made during a test are
// restored after it, spies made in beforeAll when the block is left, and call records of mocks made
// while loading are cleared at the start of every run (so replaying a test sees what the first run saw).

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

  const plugin: RunPlugin = {
    beforeRun: () => mocker.clearAllMocks(),
    enterSuite: () => void scopes.push([]),
    exitSuite: unwind,
    beforeTest: () => void scopes.push([]),
    afterTest: () => void unwind(),
    afterRun: () => {
      while (scopes.length > 0) unwind();
    },
  };
  return { mocker, fn: mocker.fn.bind(mocker), spyOn, replaceProperty, plugin };
}
