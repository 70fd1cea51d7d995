// jest-mock's invocationCallOrder as jest numbers it: one counter per test file, from 1 when the file's
// environment is made (calls while it loads count). A replay of some tests starts each one where it
// started in a run of its whole file (learned when all the tests before it in the file ran).

import type { ModuleMocker } from "jest-mock";
import type { RunPlugin } from "./runner.ts";
import type { TestNode } from "./model.ts";

/** jest-mock's private counter (jest-mock 30): the next invocationCallOrder value. */
interface Counter {
  _invocationCallCounter: number;
}

export interface CallOrder {
  /** A file starts loading: its counter starts at 1. */
  fileLoading(file: string): void;
  /** It ended loading: how many calls its loading made is remembered. */
  fileLoaded(file: string): void;
  plugin: RunPlugin;
}

export function createCallOrder(mocker: ModuleMocker, tests: () => readonly TestNode[]): CallOrder {
  const counter = mocker as unknown as Counter;
  const afterLoad = new Map<string, number>();
  /** Test → its counter at start, less the file's counter after loading, in a run of the whole file. */
  const offsets = new Map<TestNode, number>();
  let loading: string | null = null;
  let current: { file: string; base: number; ran: Set<TestNode> } | null = null;

  const beforeTest = (test: TestNode): void => {
    if (current?.file !== test.file) {
      const base = afterLoad.get(test.file) ?? 1;
      current = { file: test.file, base, ran: new Set() };
      counter._invocationCallCounter = base;
    }
    const run = current;
    // A retry goes on counting, as in jest.
    if (run.ran.has(test)) return;
    const earlier = tests().filter((t) => t.file === test.file && t.index < test.index && !t.skipped && !t.todo);
    if (earlier.every((t) => run.ran.has(t))) offsets.set(test, counter._invocationCallCounter - run.base);
    else {
      const offset = offsets.get(test);
      if (offset !== undefined) counter._invocationCallCounter = run.base + offset;
    }
    run.ran.add(test);
  };

  return {
    fileLoading(file) {
      loading = file;
      counter._invocationCallCounter = 1;
    },
    fileLoaded(file) {
      if (loading === file) afterLoad.set(file, counter._invocationCallCounter);
      loading = null;
    },
    plugin: {
      beforeRun: () => void (current = null),
      beforeTest,
    },
  };
}
