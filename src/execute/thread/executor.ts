// The thread executor: gives every gremlin a verdict from the thread baseline's coverage —
// Ignored / NoCoverage without running, static gremlins in fresh workers, the rest by re-running
// only the tests that reached them on long-lived loaded workers, with spares ready to replace them.
// The worker slots are a state machine (machine.ts) driven through the worker port (port.ts): a kill
// there stands once its killing test passes again without the gremlin on that worker, checked in
// batches per worker (epochs.ts); after a failed check every kill is re-checked at once (careful mode).

import type { Gremlin, Outcome } from "../../types.ts";
import { runPool } from "../pool.ts";
import type { ThreadBaseline } from "./baseline.ts";
import { fastestFirst } from "./baseline.ts";
import type { WorkerSupply } from "./supply.ts";
import type { StatsRecorder } from "./stats.ts";
import type { TestOrder } from "../../plan/order.ts";
import { RarePaths } from "../../plan/rare-paths.ts";
import type { GremlinResult, RunSettings } from "./run-gremlin.ts";
import { SlotMachine, type SlotEvent } from "./machine.ts";
import { killersOf, type Job, type Plan } from "./slot-events.ts";

export interface ThreadExecuteOptions {
  gremlins: readonly Gremlin[];
  baseline: ThreadBaseline;
  supply: WorkerSupply;
  workers: number;
  settings: RunSettings;
  onOutcome?: (gremlin: Gremlin, outcome: Outcome) => void;
  stats?: StatsRecorder;
  /** Orders each gremlin's tests at dispatch (likely killers first) and learns the killers. Default: fastest first. */
  testOrder?: TestOrder;
  /** The function each gremlin sits in (src/plan/functions.ts): static gremlins' tests on its rare paths go first. */
  scopeOf?: (gremlin: Gremlin) => string | undefined;
  /** False (--no-bail): run every covering test, and list every killing test. */
  bail?: boolean;
  /**
   * Called once if a batched verification finds a worker tainted by earlier gremlins: from then on the
   * run is in careful mode (every kill re-checked at once, slower). The argument says what failed.
   */
  onCareful?: (reason: string) => void;
  /** Something the user should know about how the run went (said once, e.g. a speed-up given up). */
  onNotice?: (message: string) => void;
}

/**
 * For each static gremlin, the gremlins inside its span (a function its statement defines, say): the tests
 * that reach those use what the static gremlin changes, and are its likely killers.
 */
export function nestedGremlins(gremlins: readonly Gremlin[], statics: ReadonlySet<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const byFile = new Map<string, Gremlin[]>();
  for (const g of gremlins) byFile.set(g.file, [...(byFile.get(g.file) ?? []), g]);
  for (const g of gremlins) {
    if (!statics.has(g.index)) continue;
    const inner = (byFile.get(g.file) ?? []).filter(
      (o) => o.index !== g.index && o.start >= g.start && o.end <= g.end && !(o.start === g.start && o.end === g.end),
    );
    if (inner.length > 0)
      out.set(
        g.index,
        inner.map((o) => o.index),
      );
  }
  return out;
}

/**
 * The plan for one gremlin (pure): which tests, in which order, in which kind of worker. `nested`: the
 * gremlins inside a static gremlin's span (nestedGremlins).
 */
export function planGremlin(
  gremlin: Gremlin,
  baseline: Pick<ThreadBaseline, "coverage" | "staticGremlins" | "outside" | "runnable" | "durations"> &
    Partial<Pick<ThreadBaseline, "staticTests">>,
  nested: ReadonlyMap<number, readonly number[]> = new Map(),
  rare?: RarePaths,
): Plan {
  if (gremlin.ignoredReason !== undefined)
    return { kind: "settled", outcome: { id: gremlin.id, status: "Ignored", statusReason: gremlin.ignoredReason } };
  if (baseline.staticGremlins.has(gremlin.index)) {
    // Reached while modules load: the tests of the files that load it (every test when unknown). Those
    // that also reach it in a test go first (those on its function's rare paths before the others), then
    // those that reach the code inside its span.
    const covering = baseline.coverage.get(gremlin.index) ?? [];
    const reaching = new Set(covering);
    const scope = baseline.staticTests?.get(gremlin.index) ?? baseline.runnable;
    const inScope = new Set(scope);
    const inner = new Set<number>();
    for (const g of nested.get(gremlin.index) ?? [])
      for (const t of baseline.coverage.get(g) ?? []) if (!reaching.has(t) && inScope.has(t)) inner.add(t);
    const rest = scope.filter((t) => !reaching.has(t) && !inner.has(t));
    return {
      kind: "static",
      tests: [
        ...(rare ? rare.order(gremlin, covering, baseline.durations) : fastestFirst(covering, baseline.durations)),
        ...fastestFirst([...inner], baseline.durations),
        ...fastestFirst(rest, baseline.durations),
      ],
    };
  }
  if (baseline.outside.has(gremlin.index))
    return { kind: "dynamic", tests: fastestFirst(baseline.runnable, baseline.durations) };
  const tests = baseline.coverage.get(gremlin.index);
  if (!tests || tests.length === 0)
    return {
      kind: "settled",
      outcome: { id: gremlin.id, status: "NoCoverage", statusReason: "no test reached this code" },
    };
  return { kind: "dynamic", tests: fastestFirst(tests, baseline.durations) };
}

function toOutcome(
  gremlin: Gremlin,
  result: GremlinResult,
  tests: ReadonlyMap<number, { id: string }>,
  isStatic: boolean,
  covering: readonly number[] | null,
): Outcome {
  const outcome: Outcome = {
    id: gremlin.id,
    status: result.status,
    statusReason: result.statusReason,
    durationMs: Math.round(result.durationMs * 100) / 100,
    testsCompleted: result.testsRun,
  };
  const killers = killersOf(result);
  if (killers.length > 0) outcome.killedBy = killers.map((t) => tests.get(t)?.id ?? String(t));
  if (covering) outcome.coveredBy = covering.map((t) => tests.get(t)?.id ?? String(t));
  if (isStatic) outcome.static = true;
  if (result.confirmed) outcome.confirmed = true;
  return outcome;
}

export async function executeInThreads(options: ThreadExecuteOptions): Promise<Map<string, Outcome>> {
  const { baseline, supply } = options;
  const settings: RunSettings = options.bail === false ? { ...options.settings, bail: false } : options.settings;
  const outcomes = new Map<string, Outcome>();
  const report = (gremlin: Gremlin, outcome: Outcome): Outcome => {
    outcomes.set(gremlin.id, outcome);
    options.onOutcome?.(gremlin, outcome);
    return outcome;
  };
  const jobs: Job[] = [];
  const nested = nestedGremlins(options.gremlins, baseline.staticGremlins);
  const rare = options.scopeOf ? new RarePaths(options.gremlins, options.scopeOf, baseline.coverage) : undefined;
  for (const gremlin of options.gremlins) {
    const plan = planGremlin(gremlin, baseline, nested, rare);
    if (plan.kind === "settled") report(gremlin, plan.outcome);
    else jobs.push({ gremlin, plan });
  }
  const stats = options.stats;
  const testOrder = options.testOrder;
  const machine = new SlotMachine({
    port: supply,
    slots: options.workers,
    first: baseline.worker,
    fresh: baseline.leaky !== null,
    reloadable: baseline.reloadable,
    stateful: baseline.stateful,
    settings,
    stats,
    order: testOrder ? (gremlin, tests, keep) => testOrder.order(gremlin, tests, keep) : undefined,
    // Tells the test order what killed a gremlin, at once (a held kill too: it only orders tests).
    onResult: (gremlin, result) => {
      const killers = result.status === "Killed" ? killersOf(result) : [];
      if (killers.length > 0) testOrder?.killed(gremlin, killers);
    },
    onVerdict: ({ gremlin, plan }: Job, result: GremlinResult, extraMs: number) => {
      stats?.gremlin({
        index: gremlin.index,
        status: result.status,
        static: plan.kind === "static",
        testsRun: result.testsRun,
        testMs: result.testMs,
        durationMs: result.durationMs + extraMs,
      });
      const covering = plan.kind === "dynamic" ? plan.tests : null;
      report(gremlin, toOutcome(gremlin, result, baseline.tests, plan.kind === "static", covering));
    },
    onCareful: options.onCareful,
    onNotice: options.onNotice,
    ...(stats?.enabled ? { onEvent: (event: SlotEvent) => stats.event(event.type) } : {}),
  });

  stats?.mark("execute-start");
  if (stats) stats.stats.workers = options.workers;
  supply.replenish();
  await runPool(
    jobs,
    options.workers,
    (job, slot) => machine.dispatch(job, slot),
    undefined,
    (slot) => machine.drained(slot),
  );
  machine.close();
  const { statics } = machine;
  if (stats)
    stats.stats.staticReloads = {
      reloads: statics.reloads,
      partial: statics.partialReloads,
      gaveUp: statics.gaveUp,
    };
  if (statics.gaveUp !== null)
    options.onNotice?.(
      `static gremlins: reloading the module graph in a kept worker was given up (${statics.gaveUp}); each took a fresh worker`,
    );
  stats?.mark("execute-end");
  return outcomes;
}
