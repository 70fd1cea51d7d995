// Worker-thread entry of the thread executor: boots the built-in harness, imports the (redirected)
// test files once, and re-runs any subset of tests on request while the coordinator flips the
// shared-memory switch. Also records per-test coverage through `__gremlins_onReach`.

import { parentPort, workerData } from "node:worker_threads";
// First: wraps the realm's timer functions before the harness captures them as its "real" ones.
import { releaseStorages, watchStorages } from "./run-storages.ts";
import { nextTimerAt, realSetImmediate, realSetTimeout, stopWatchingTimers, watchTimers } from "./live-timers.ts";
import { relative } from "pathe";
import { installJestTransform, transformedDir } from "../../harness/jest-transform.ts";
import { createHarness, DENO_TEST_KEY, noteOwnResources, setTimersProbe } from "../../harness/index.ts";
import { SWITCH_ACTIVE, SWITCH_HIT_LIMIT, SWITCH_TEST, type GremlinsRuntime } from "../../instrument/runtime.ts";
import { ChildProcesses } from "./child-env.ts";
import type { Reply, Request, WorkerInit, WorkerTest } from "./protocol.ts";
import { Environment, inRequireCache } from "./module-graph.ts";
import { LeakReset } from "./leak-reset.ts";
import { LoadScope } from "./load-scope.ts";
import { mochaLeakCheckPlugin, mochaTddGlobals } from "../../harness/api/mocha.ts";
import { esmRequire, preloadHost, runPreloads } from "./preload.ts";
import { MOCKS_GLOBAL } from "../../harness/module-mocks/runtime.ts";
import { applyRunnerColors } from "../../harness/colors.ts";
import { onUncaught } from "./uncaught.ts";
import { FreshGraphs } from "./fresh-graphs.ts";
import { TestFileLoader } from "./test-file-loader.ts";
import { rerunFailed } from "./rerun-failed.ts";

type RunRequest = Extract<Request, { type: "run" }>;

const port = parentPort;
if (!port) throw new Error("gremlins.worker.ts must run as a worker thread");
const init = workerData as WorkerInit;
const setup = init.setup;
// The test command's `VAR=x` prefixes: set before any project module loads.
if (setup) Object.assign(process.env, setup.env);
if (setup) applyRunnerColors(setup.env);
const sw = new Int32Array(init.switchBuffer);
// Why `unknown` casts: the realm globals the runtime helper and the shims read are untyped slots.
const realm = globalThis as unknown as Record<string, unknown>;

const post = (reply: Reply): void => port.postMessage(reply);
const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** test index → gremlins it reached (only while a coverage run is in progress). */
let coverage: Map<number, Set<number>> | null = null;
const outside = new Set<number>();
const staticReached = new Set<number>();
let loading = false;

realm.__gremlins_switch = sw;
/** Processes the tests start (child-env.ts). */
const children = new ChildProcesses();
const onReach = (index: number, testIndex: number): void => {
  if (testIndex < 0) {
    if (loading) {
      staticReached.add(index);
      scope.reached(index);
    } else if (coverage) outside.add(index);
    return;
  }
  if (!coverage) return;
  let set = coverage.get(testIndex);
  if (!set) coverage.set(testIndex, (set = new Set()));
  set.add(index);
};
realm.__gremlins_onReach = onReach;

onUncaught((kind, error) => post({ type: "fatal", kind, error: describe(error) }));

/** A new harness, its globals installed (a reload registers the tests again into a fresh one). */
function freshHarness(): ReturnType<typeof createHarness> {
  const made = createHarness({
    root: init.root,
    sharedRoot: setup?.sharedRoot,
    ...(setup?.snapshot ? { snapshot: setup.snapshot } : {}),
    plugins: setup?.leakCheck ? [mochaLeakCheckPlugin(setup.leakCheck.allowed)] : undefined,
  });
  installGlobals(made, globalThis);
  // Deno.test suites: the runtime's Deno.test would register with deno test, which is not running here.
  const deno = realm.Deno as Record<string, unknown> | undefined;
  if (setup?.deno && deno) deno.test = made.moduleFor(DENO_TEST_KEY)?.test;
  realm.__gremlins_harness = made;
  // Read by the preludes and generated mock modules of test files that mock modules.
  realm[MOCKS_GLOBAL] = made.moduleMocks;
  return made;
}
/** The harness's globals, plus mocha's TDD names under --ui tdd. */
function installGlobals(made: ReturnType<typeof createHarness>, target: object): void {
  made.installGlobals(target);
  if (setup?.ui === "tdd") Object.assign(target, mochaTddGlobals(made.moduleFor("mocha") ?? {}));
}
let harness = freshHarness();
let loadWithEsm: ((file: string) => unknown) | null = null;
// jest's transformers (ts-jest, babel-jest…), installed before the pristine globals are taken: what loading
// them changes (babel sets Error.stackTraceLimit) is not the project's doing.
const transformProblem = setup?.transform
  ? await installJestTransform({ ...setup.transform, cacheDir: transformedDir(init.root) })
  : null;
/** The globals as a fresh worker has them before any project code ran: a reload is fresh only if they still are. */
const pristine = (() => {
  const installed: Record<string, unknown> = {};
  installGlobals(harness, installed);
  const ignore = new Set([...Object.keys(installed), "__gremlins_harness"]);
  return { ignore, environment: new Environment(ignore) };
})();
/** Fresh module graphs of the project in this worker (reloads of static gremlins and leaking files). */
const graphs = new FreshGraphs(init.root);
/** Leaking test files, reloaded before a run that needs them fresh (the coordinator names them in `isolate`). */
const reset = new LeakReset(init.root, init.files, pristine.ignore, {
  begin: () => graphs.begin(),
  load: (absolute) => loader.load(absolute),
});
/** Each test file loads from its own copy of the project (vitest's isolation, module mocks): its graph is its own. */
const filesApart =
  init.files.length > 0 && init.files.every((f) => setup?.mockedFiles?.[relative(init.root, f)] !== undefined);
/** Which test files each gremlin reached while loading can affect (the first load only). */
const scope = new LoadScope(init.root, init.files, filesApart);

/** How test files load (as their runner loads them), and which carry an earlier gremlin's effect. */
const loader = new TestFileLoader({
  root: init.root,
  setup,
  graphs,
  sw,
  moduleMocks: () => harness.moduleMocks,
  esmLoader: () => loadWithEsm,
});

/**
 * The coverage slot of the first test file's load (the next file's is one less): negative like the -1 of
 * "no test", and clear of -2, whose stamp is the helper's initial 0 (runtime.ts).
 */
const LOAD_SLOT = -3;

/** Lets pending microtasks and immediate callbacks (late rejections) run before replying. */
const settle = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));
/**
 * Also lets zero-delay timers the tests left behind fire (~1 ms): only worth it when every test passed,
 * since an error they throw can turn a Survived into a Killed (a failed run is Killed anyway), and only
 * when a timer the run created is still pending (live-timers.ts counts them).
 */
const settleTimers = (): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, 0));

/**
 * Imports the test files. `reload`: a fresh module graph in this worker (see `loaded.reloadable`, `graphs`),
 * into a new harness; third-party modules stay loaded.
 */
async function load(reload: boolean, files?: readonly string[], scopeFiles?: readonly string[]): Promise<void> {
  const started = performance.now();
  let error: string | undefined;
  Atomics.store(sw, SWITCH_TEST, -1);
  // Before any test file: what keeps this worker alive by itself (node:test's drained-loop check, loop-drain.ts).
  noteOwnResources();
  setTimersProbe(nextTimerAt);
  if (reload) {
    const changed = new Environment(pristine.ignore).differenceFrom(pristine.environment);
    if (changed !== null) {
      post({
        type: "loaded",
        tests: [],
        staticReached: [],
        unsupported: [],
        reloadable: false,
        stale: `the project changed the global environment (${changed})`,
        durationMs: 0,
      });
      return;
    }
    graphs.begin();
    staticReached.clear();
    if (files && filesApart && (setup?.preload.length ?? 0) === 0) {
      // The gremlin's own files load with it active; of the others, only those carrying an earlier gremlin's effect.
      const wanted = scopeFiles ? [...scopeFiles, ...files.filter((f) => loader.marked.has(f))] : files;
      const partial = await reloadFiles(new Set(wanted), started);
      if (partial) return post(partial);
      graphs.begin(); // the files registered other tests than before: all of them load again
    }
    harness = freshHarness();
  }
  loading = true;
  scope.track(!reload);
  if (transformProblem) error ??= transformProblem;
  // The runner's preloads (--require, --import, -r, setup files): after the harness, before the test files.
  const preloaded =
    setup && setup.preload.length > 0
      ? await runPreloads(init.root, setup.preload, preloadHost(harness), setup.sharedRoot)
      : { unsupported: [] };
  error ??= preloaded.error;
  // `-r esm`: the test files load through the esm package's require, as under the runner.
  loadWithEsm ??= setup?.esmLoader ? esmRequire(init.root, setup.esmLoader) : null;
  for (const [ordinal, file] of init.files.entries()) {
    // Registered under the project-relative path: test ids must not carry the sandbox's name.
    scope.loadingFile = relative(init.root, file);
    // Each file's load is a coverage slot of its own: code that a second file's load runs again is reported
    // again (the helper reports a gremlin once per slot), so the load scope names every file that reaches it.
    Atomics.store(sw, SWITCH_TEST, LOAD_SLOT - ordinal);
    harness.beginFile(scope.loadingFile);
    try {
      await loader.load(file);
    } catch (e) {
      error ??= `${file}: ${describe(e)}`;
    }
    try {
      await harness.endFile();
    } catch (e) {
      error ??= `${file}: ${describe(e)}`;
    }
    post({ type: "progress" });
  }
  Atomics.store(sw, SWITCH_TEST, -1);
  scope.track(false);
  scope.loadingFile = "";
  loading = false;
  await settle();
  reset.loaded();
  if (!reload) graphs.requireCached = Object.keys(setup?.mockedFiles ?? {}).length === 0 && inRequireCache(init.files);
  post({
    type: "loaded",
    tests: registeredTests(),
    staticReached: [...staticReached],
    ...(reload ? {} : { staticScopes: scope.scopes() }),
    unsupported: [...harness.unsupported(), ...preloaded.unsupported],
    error,
    // Files loaded through esm are not plain CommonJS: a reload with require() would not read them.
    reloadable: graphs.possible(loadWithEsm !== null) && (error === undefined || graphs.replacesFailedLoads()),
    durationMs: performance.now() - started,
  });
}

/** The harness's tests as the coordinator knows them. */
function registeredTests(): WorkerTest[] {
  return harness
    .tests()
    .map((t) => ({ index: t.index, id: t.id, name: t.name, fullName: t.fullName, file: t.file, skipped: t.skipped }));
}

/**
 * Loads only the test files `files` (project-relative) again, in the fresh graph just begun, into the same
 * harness: their tests keep their indices, the other files' tests stay as they were (their modules are their
 * own). null when a file registered other tests than before (a full reload is needed).
 */
async function reloadFiles(files: ReadonlySet<string>, started: number): Promise<Reply | null> {
  let error: string | undefined;
  loading = true;
  try {
    for (const file of init.files) {
      const rel = relative(init.root, file);
      if (!files.has(rel)) continue;
      scope.loadingFile = rel;
      try {
        if ((await harness.reregister(rel, () => loader.load(file))) !== null) return null;
      } catch (e) {
        error ??= `${file}: ${describe(e)}`;
      }
      post({ type: "progress" });
    }
  } finally {
    scope.loadingFile = "";
    loading = false;
  }
  await settle();
  reset.reloaded(files);
  return {
    type: "loaded",
    tests: registeredTests(),
    staticReached: [...staticReached],
    unsupported: harness.unsupported(),
    error,
    reloadable: error === undefined || graphs.replacesFailedLoads(),
    partial: true,
    durationMs: performance.now() - started,
  };
}

/** Test `index` alone (only its subtest `key` when given), its leaking files reloaded first: did it pass? */
async function runAlone(
  index: number,
  key: string | undefined,
  request: RunRequest,
  onTestStart: (index: number) => void,
): Promise<boolean> {
  await settle();
  const only = key === undefined ? undefined : new Map([[index, new Set([key])]]);
  const fresh = await reset.before(harness, request.isolate, [index]);
  reset.markRan(harness, [index]);
  if (!Array.isArray(fresh)) return false;
  const again = await harness.run([index], {
    bail: true,
    testTimeoutMs: request.testTimeoutMs,
    onTestStart,
    subtests: only,
  });
  return again.length > 0 && again.every((r) => r.status === "passed" || r.status === "skipped");
}

async function run(request: RunRequest): Promise<void> {
  const reloaded = await reset.before(harness, request.isolate, request.indices);
  if (!Array.isArray(reloaded))
    return post({ type: "ran", results: [], reached: [], outside: [], hits: [], ...reloaded });
  reset.markRan(harness, request.indices);
  coverage = request.coverage ? new Map() : null;
  outside.clear();
  Atomics.store(sw, SWITCH_TEST, -1);
  // Processes the tests start get the active gremlin; in a coverage run, what they reach is the running test's.
  children.activate(Atomics.load(sw, SWITCH_ACTIVE), Atomics.load(sw, SWITCH_HIT_LIMIT));
  if (coverage) children.startCoverage();
  const credit = (): void => {
    const unit = Atomics.load(sw, SWITCH_TEST);
    if (unit >= 0) for (const g of children.collect()) onReach(g, unit);
  };
  const onTestStart = (index: number): void => {
    credit();
    Atomics.store(sw, SWITCH_TEST, index);
  };
  const subtests = request.subtests
    ? new Map(request.subtests.map(([test, keys]) => [test, new Set(keys)]))
    : undefined;
  watchTimers();
  watchStorages();
  const results = await harness.run(request.indices, {
    bail: request.bail,
    testTimeoutMs: request.testTimeoutMs,
    onTestStart,
    subtests,
  });
  credit();
  children.stopCoverage();
  // A failed test with a gremlin active, re-run at once as asked: did the kill repeat, is the worker sound?
  const { reproduced, recheck } = await rerunFailed(
    results.find((r) => r.status === "failed"),
    request,
    {
      sw,
      runAlone: (index, key) => runAlone(index, key, request, onTestStart),
      deactivate: () => children.activate(0, 0),
    },
  );
  Atomics.store(sw, SWITCH_TEST, -1);
  await settle();
  const pendingTimers = stopWatchingTimers();
  if (pendingTimers > 0 && results.every((r) => r.status === "passed" || r.status === "skipped")) await settleTimers();
  releaseStorages();
  const reached: [string, number[]][] = coverage
    ? [...coverage].map(([unit, set]) => [harness.unitKey(unit), [...set]])
    : [];
  const hits: [number, number][] = [];
  if (coverage) {
    const counts = (realm.__gremlins as GremlinsRuntime | undefined)?.hits?.();
    if (counts) for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) hits.push([i, counts[i] as number]);
  }
  coverage = null;
  children.activate(0, 0);
  const retire = graphs.retireReason();
  post({
    type: "ran",
    results: results.map((r) => ({
      index: r.index,
      status: r.status,
      durationMs: r.durationMs,
      error: r.error,
      ...(r.subtests ? { subtests: r.subtests } : {}),
      ...(r.unsupported ? { unsupported: r.unsupported } : {}),
      ...(r.endedEarly ? { endedEarly: r.endedEarly } : {}),
    })),
    reached,
    outside: [...outside],
    hits,
    recheck,
    ...(reproduced === undefined ? {} : { reproduced }),
    ...(reloaded.length > 0 ? { reloaded } : {}),
    ...(retire !== null ? { retire } : {}),
  });
}

port.on("message", (request: Request) => {
  const job =
    request.type === "load"
      ? load(false)
      : request.type === "reload"
        ? load(true, request.files, request.scope)
        : request.type === "run"
          ? run(request)
          : Promise.resolve((realm.__gremlins as { reset?: () => void } | undefined)?.reset?.());
  job.catch((error: unknown) => post({ type: "fatal", kind: "uncaught-exception", error: describe(error) }));
});

post({ type: "ready" });
