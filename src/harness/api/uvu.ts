// uvu: `test(name, fn)`, `suite(name, state)`, `test.before/after/before.each/after.each`,
// `test.only/skip`, `test.run()`. Each `run()` closes a batch into one recorded suite; a batch
// that is never run is never recorded (uvu would not run it either). Hooks and tests get the state.

import { type Body, type SuiteNode, newSuite } from "../model.ts";
import type { Registry } from "../registry.ts";

type AnyFn = (...args: unknown[]) => unknown;

interface Batch {
  tests: { name: string; fn: AnyFn }[];
  only: { name: string; fn: AnyFn }[];
  before: AnyFn[];
  after: AnyFn[];
  bEach: AnyFn[];
  aEach: AnyFn[];
}

const emptyBatch = (): Batch => ({ tests: [], only: [], before: [], after: [], bEach: [], aEach: [] });

export function createUvuModule(registry: Registry): Record<string, unknown> {
  function suite(name = "", state: Record<string, unknown> = {}): AnyFn {
    state.__test__ = "";
    state.__suite__ = name;
    let batch = emptyBatch();
    const into = (list: "tests" | "only") => (testName: string, fn: AnyFn) =>
      void batch[list].push({ name: testName, fn });
    const test = into("tests") as AnyFn & Record<string, unknown>;
    const hook = (list: "before" | "after" | "bEach" | "aEach") => (fn: AnyFn) => void batch[list].push(fn);
    const before = Object.assign(hook("before"), { each: hook("bEach") });
    const after = Object.assign(hook("after"), { each: hook("aEach") });
    Object.assign(test, {
      before,
      after,
      only: into("only"),
      skip: () => undefined,
      run: () => {
        const closed = batch;
        batch = emptyBatch();
        record(closed, name, state);
      },
    });
    return test;
  }

  function record(batch: Batch, name: string, state: Record<string, unknown>): void {
    const parent = registry.currentSuite();
    const node: SuiteNode = newSuite(name, parent, registry.file || parent.file);
    const call =
      (fn: AnyFn): Body =>
      () =>
        fn(state);
    node.beforeAll = batch.before.map((fn) => ({ body: call(fn) }));
    node.afterAll = batch.after.map((fn) => ({ body: call(fn) }));
    const setName: Body = () => void (state.__test__ = registry.currentTest?.name ?? "");
    node.beforeEach = [{ body: setName }, ...batch.bEach.map((fn) => ({ body: call(fn) }))];
    node.afterEach = batch.aEach.map((fn) => ({ body: call(fn) }));
    const focused = batch.only.length > 0;
    for (const t of [...batch.tests, ...batch.only]) {
      const isOnly = batch.only.includes(t);
      registry.addTest({
        name: t.name,
        suite: node,
        skipped: focused && !isOnly,
        body: () => t.fn(state),
      });
    }
  }

  return { suite, test: suite(), exec: () => Promise.resolve(true) };
}
