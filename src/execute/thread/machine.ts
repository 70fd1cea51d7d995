// The thread executor's slot machine: one worker slot per pool worker, driven through the worker port.
// A slot is `empty` (its next run takes a loaded spare), `loaded` (a worker that can serve), `holding`
// (kills decided on its worker wait for a verification) or `dead` (its worker died; replaced before the
// next run). The run is `batched` (kills verified per slot in epochs), `careful` (after a verification
// failed: every kill checked at once) or `fresh` (a leaky suite: every run on a freshly loaded worker).
// Events, in slot-events.ts: a run's result (kept, unfit, stale, suspect), an attempt's steps (hit limit,
// crash, timeout), a verification's answer (passed, tainted, lost), spares running out.

import type { Gremlin } from "../../types.ts";
import { Epochs } from "./epochs.ts";
import type { PortWorker, WorkerPort } from "./port.ts";
import {
  runOnWorker,
  runStatic,
  soundAfter,
  STALE,
  taintOf,
  type GremlinResult,
  type RunSettings,
} from "./run-gremlin.ts";
import {
  afterStep,
  holdsKill,
  killersOf,
  nextStep,
  runEvent,
  type ExtraStep,
  type Job,
  type Provisional,
} from "./slot-events.ts";
import { StaticRuns } from "./static-runs.ts";
import { coldOnGraph, everyTest, needsColdRun, wholeFiles } from "./cold-runs.ts";
import { besideHung } from "./hung-apart.ts";
import type { StatsRecorder } from "./stats.ts";

/**
 * Static kills a slot holds until one clean reload confirms them together (static-runs.ts); each confirmation
 * that passes doubles the slot's batch, up to MAX_STATIC_EPOCH (a failed one gives reloading up altogether).
 */
export const STATIC_EPOCH = 4;
export const MAX_STATIC_EPOCH = 32;

export type SlotState = "empty" | "loaded" | "holding" | "dead";
export type RunMode = "batched" | "careful" | "fresh";

/** What happened on a slot, in the order it happened (for tests and tracing). */
export interface SlotEvent {
  slot: number;
  /** The gremlin concerned (absent for a slot's own business: a verification, a retirement). */
  gremlin?: number;
  type:
    | "spare" // a loaded worker taken from the port for the slot
    | "no-spare" // none could load the tests: the run gets a RuntimeError
    | ExtraStep // an attempt's extra step: ceiling (hit limit), retry (crash), confirm (timeout)
    | "apart" // a Timeout under a runner that runs files apart: the tests it finishes meanwhile run, a kill among them decides
    | "cold" // a Survived on code a stateful test reaches: that test's file, run whole on a cold graph, decides
    | "stale" // the worker could not be reset: retired, the gremlin run again on a fresh one
    | "tainted" // careful: the killing test failed without the gremlin too: retired, the gremlin run again
    | "unrepeated" // the killing test passed when re-run with the gremlin still active: retired, the gremlin run again
    | "order" // the killing test failed without the gremlin on a fresh worker: its files run whole, in order, decide
    | "held" // a kill waits for the slot's verification
    | "verified" // a verification passed: the held kills are reported
    | "taint" // a verification failed: careful mode, the held kills re-run
    | "lost" // the held kills could not be verified on this worker: re-run
    | "retire"; // the slot's worker is released
}

export interface MachineOptions<W extends PortWorker> {
  port: WorkerPort<W>;
  slots: number;
  /** A worker slot 0 may start with (the baseline's, still loaded), or null. */
  first: W | null;
  /** Every dynamic run takes a freshly loaded worker (a suite that leaks state): no worker serves twice. */
  fresh: boolean;
  /** Static gremlins may reload the module graph in a worker kept per slot (CommonJS suites). */
  reloadable: boolean;
  /** Tests that reach other code once the modules' state is warm (the baseline's `stateful`, cold-runs.ts). */
  stateful: ReadonlySet<number>;
  settings: RunSettings;
  stats?: StatsRecorder;
  /** The order to run a gremlin's tests in (default: as planned); `keep`: past the likely killers, as planned. */
  order?: (gremlin: Gremlin, tests: number[], keep?: boolean) => number[];
  /** A final verdict; `extraMs` is time spent on it beyond the run in `result` (statistics only). */
  onVerdict: (job: Job, result: GremlinResult, extraMs: number) => void;
  /** A gremlin's attempt ended (a held kill too): its killers are worth learning. */
  onResult?: (gremlin: Gremlin, result: GremlinResult) => void;
  /** The run entered careful mode (once). */
  onCareful?: (reason: string) => void;
  onNotice?: (message: string) => void;
  onEvent?: (event: SlotEvent) => void;
}

export class SlotMachine<W extends PortWorker> {
  private readonly workers: (W | null)[];
  private readonly epochs: Epochs<Provisional>;
  readonly statics: StaticRuns<W>;
  /** Per slot: static kills whose clean check is owed (checkStatics). */
  private readonly staticHeld: { job: Job; result: GremlinResult }[][];
  /** Per slot: how many held static kills make it confirm them (grows as confirmations pass). */
  private readonly staticEpochs: number[];
  /** Workers replaced because reloading their leaking files could not reset them. */
  private staleWorkers = 0;
  /** Workers that have served a run: a worker not in it is as fresh as the runner's own process. */
  private readonly used = new WeakSet<W>();

  constructor(private readonly o: MachineOptions<W>) {
    this.workers = Array.from({ length: o.slots }, (_, i) => (i === 0 && o.first?.alive && !o.fresh ? o.first : null));
    if (o.first) this.used.add(o.first); // it ran the baseline
    this.epochs = new Epochs(o.slots);
    this.staticHeld = Array.from({ length: o.slots }, () => []);
    this.staticEpochs = Array.from({ length: o.slots }, () => STATIC_EPOCH);
    this.statics = new StaticRuns(o.port, o.reloadable && !o.fresh);
  }

  state(slot: number): SlotState {
    const worker = this.workers[slot];
    if (this.epochs.pending(slot) > 0 || this.staticHeld[slot]?.length) return "holding";
    if (!worker) return "empty";
    return worker.alive ? "loaded" : "dead";
  }

  get mode(): RunMode {
    return this.o.fresh ? "fresh" : this.epochs.careful !== null ? "careful" : "batched";
  }

  /** Gives `job` its verdict on `slot` (the pool's task). */
  async dispatch(job: Job, slot: number): Promise<void> {
    const { gremlin, plan } = job;
    if (plan.kind === "static") return this.dispatchStatic(job, slot);
    const tests = this.o.order ? this.o.order(gremlin, plan.tests) : plan.tests;
    const careful = this.epochs.careful !== null;
    const result = await this.attempt(gremlin, tests, slot, careful);
    this.o.onResult?.(gremlin, result);
    const alive = this.workers[slot]?.alive === true;
    if (holdsKill(result, { careful, fresh: this.o.fresh, alive })) {
      this.epochs.add(slot, { job, tests, result, extraMs: 0 }, killersOf(result));
      this.emit(slot, "held", gremlin);
    } else this.o.onVerdict(job, result, 0);
    if (this.epochs.due(slot)) await this.checkpoint(slot, false);
  }

  /** The slot found no more work: it verifies what it still holds, on the same worker, while the others go on. */
  async drained(slot: number): Promise<void> {
    await this.checkStatics(slot);
    return this.checkpoint(slot, false);
  }

  /**
   * A static gremlin's verdict. A kill on the slot's reloaded graph is held until a clean reload confirms
   * it with the slot's other held kills (every `staticEpochs[slot]` kills, before the kept worker goes, at the end).
   */
  private async dispatchStatic(job: Job, slot: number): Promise<void> {
    if (!this.statics.keeps(slot)) await this.checkStatics(slot);
    const tests = job.plan.tests;
    const ordered = this.o.order ? this.o.order(job.gremlin, tests, true) : tests;
    const result = await this.attemptStatic(job.gremlin, ordered, slot);
    this.o.onResult?.(job.gremlin, result);
    // Read after the runs above: a check among them (a re-run's) replaces the slot's list.
    const held = this.staticHeld[slot] as { job: Job; result: GremlinResult }[];
    if (result.cleanCheckOwed) {
      held.push({ job, result });
      this.emit(slot, "held", job.gremlin);
    } else this.o.onVerdict(job, result, 0);
    const due = held.length >= (this.staticEpochs[slot] ?? STATIC_EPOCH);
    if (due || (held.length > 0 && !this.statics.keeps(slot))) await this.checkStatics(slot);
  }

  /** Confirms the slot's held static kills with one clean reload; re-runs them when it cannot. */
  private async checkStatics(slot: number): Promise<void> {
    const held = this.staticHeld[slot] ?? [];
    if (held.length === 0) return;
    this.staticHeld[slot] = [];
    const killing = [
      ...new Set(held.flatMap((h) => (h.result.killingTest === undefined ? [] : [h.result.killingTest]))),
    ];
    const started = performance.now();
    const answer = await this.statics.check(slot, killing, this.o.settings);
    const share = (performance.now() - started) / held.length;
    if (answer !== "lost") this.o.stats?.staticCheck(held.length, answer === "verified");
    this.emit(slot, answer === "verified" ? "verified" : answer === "tainted" ? "taint" : "lost");
    if (answer === "verified")
      this.staticEpochs[slot] = Math.min(MAX_STATIC_EPOCH, (this.staticEpochs[slot] ?? STATIC_EPOCH) * 2);
    for (const h of held) {
      const { cleanCheckOwed: _owed, ...checked } = h.result;
      if (answer === "verified") this.o.onVerdict(h.job, checked, share);
      else await this.dispatchStatic(h.job, slot);
    }
  }

  /** Releases every slot's worker (call once no slot is running). */
  close(): void {
    for (let slot = 0; slot < this.workers.length; slot++) this.release(slot);
    this.statics.close();
  }

  private emit(slot: number, type: SlotEvent["type"], gremlin?: Gremlin): void {
    this.o.onEvent?.(gremlin ? { slot, gremlin: gremlin.index, type } : { slot, type });
  }

  /** A dynamic gremlin's verdict: one run, then the steps its results call for (nextStep). */
  private async attempt(gremlin: Gremlin, tests: number[], slot: number, careful: boolean): Promise<GremlinResult> {
    const { settings } = this.o;
    const ceiling = settings.hitLimitCeiling;
    const belowCeiling = settings.hitLimitFor(gremlin.index) < ceiling;
    let result = await this.runOnce(gremlin, tests, slot, careful, settings);
    for (let step = nextStep("run", result, belowCeiling); step; step = nextStep(step, result, belowCeiling)) {
      if (step === "confirm") {
        // The runner runs files apart: while the hung test never ends, the other files' tests still fail the run.
        result = await besideHung(result, tests, settings, {
          run: (beside) => this.runOnce(gremlin, beside, slot, careful, settings),
          onRun: () => this.emit(slot, "apart", gremlin),
        });
        if (result.status === "Killed") break;
      }
      this.emit(slot, step, gremlin);
      const runSettings = step === "ceiling" ? { ...settings, hitLimitFor: () => ceiling } : settings;
      result = afterStep(step, result, await this.runOnce(gremlin, tests, slot, careful, runSettings));
    }
    // A Survived where a test runs otherwise once state is warm: a cold graph, as the runner's process, decides.
    if (!this.o.fresh && needsColdRun(result, tests, this.o.stateful)) {
      this.emit(slot, "cold", gremlin);
      const stateful = tests.filter((t) => this.o.stateful.has(t));
      result = await coldOnGraph(this.statics, this.o.port, { slot, index: gremlin.index }, stateful, settings, result);
    }
    return result;
  }

  /** A static gremlin's verdict: on the slot's kept worker (reloaded) or a fresh one; a crash retried on a fresh one. */
  private async attemptStatic(gremlin: Gremlin, tests: readonly number[], slot: number): Promise<GremlinResult> {
    const { settings, port } = this.o;
    const ceiling = settings.hitLimitCeiling;
    const belowCeiling = settings.hitLimitFor(gremlin.index) < ceiling;
    let result = await this.statics.run(slot, gremlin.index, tests, settings);
    for (let step = nextStep("run", result, belowCeiling); step; step = nextStep(step, result, belowCeiling)) {
      this.emit(slot, step, gremlin);
      // A static gremlin that recurses while the files load overflows the stack under the configured limit, as under spawn.
      const runSettings = step === "ceiling" ? { ...settings, hitLimitFor: () => ceiling } : settings;
      const again =
        step === "retry"
          ? await runStatic(port, gremlin.index, tests, runSettings)
          : await this.statics.run(slot, gremlin.index, tests, runSettings);
      result = afterStep(step, result, again);
    }
    return result;
  }

  /**
   * One run on the slot's worker. A kill's failing test is re-run at once, in the same request: with the
   * gremlin still active (a kill that does not repeat is decided on a fresh worker), then, careful or
   * fresh, without it (failing on a used worker: tainted, run again on a fresh one; on a fresh one: the
   * test files, run whole in their order, decide).
   */
  private async runOnce(
    gremlin: Gremlin,
    planned: number[],
    slot: number,
    careful: boolean,
    runSettings: RunSettings,
  ): Promise<GremlinResult> {
    const { fresh, stats } = this.o;
    const checking = careful && !fresh;
    let tests = planned;
    let ordered = false;
    for (;;) {
      const current = this.workers[slot];
      if (current && !current.alive) await this.checkpoint(slot, true);
      const taken = await this.loadedWorker(slot);
      if ("result" in taken) return taken.result;
      const { worker } = taken;
      const pristine = !this.used.has(worker);
      this.used.add(worker);
      // A run in the files' own order is the runner's: its verdict stands as it is, and its worker goes.
      const settings = ordered ? runSettings : { ...runSettings, recheck: checking || fresh, reproduce: !fresh };
      const ran = await runOnWorker(worker, gremlin.index, tests, settings);
      const result = ordered ? { ...ran, recycle: true } : ran;
      if (result.reloaded) stats?.leakReset(result.reloaded);
      if (result.endedEarly) stats?.endedEarly(result.endedEarly);
      const event = runEvent(result, { alive: worker.alive, fresh, checking, pristine });
      if (event.type === "stale") {
        this.staleWorkers++;
        if (this.staleWorkers === 1)
          this.o.onNotice?.(
            `leaking test files: a worker could not be reset by reloading them (${event.why}); such workers are replaced by fresh ones`,
          );
        this.emit(slot, "stale", gremlin);
        await this.checkpoint(slot, true, true);
        continue;
      }
      if (event.type === "order" || event.type === "unrepeated") {
        this.emit(slot, event.type, gremlin);
        stats?.recheck(event.type);
        await this.checkpoint(slot, true);
        if (event.type === "order") {
          tests = wholeFiles(planned, this.o.settings) ?? everyTest(this.o.settings);
          ordered = true;
        }
        continue;
      }
      if (event.type === "unfit") {
        await this.checkpoint(slot, true, worker.alive);
        return result;
      }
      // A failure is the gremlin's only if the test still passes without it; otherwise the worker's
      // state was tainted by earlier runs: replace it and decide on a fresh one.
      if (event.type === "suspect" && !(await soundAfter(result, worker, event.test, this.o.settings))) {
        this.emit(slot, "tainted", gremlin);
        await this.checkpoint(slot, true);
        continue;
      }
      return result;
    }
  }

  /** The slot's loaded worker, replacing a missing one from the port; a RuntimeError when none can load the tests. */
  private async loadedWorker(slot: number): Promise<{ worker: W } | { result: GremlinResult }> {
    const current = this.workers[slot];
    if (current?.alive) return { worker: current };
    const { port, settings } = this.o;
    const taken = await port.takeLoaded(0, 0, settings.loadLimitMs);
    if ("failure" in taken || taken.loaded.error !== undefined) {
      if (taken.worker) port.release(taken.worker);
      const why =
        "failure" in taken
          ? taken.failure.type === "exit"
            ? taken.failure.error
            : taken.failure.type
          : taken.loaded.error;
      this.emit(slot, "no-spare");
      const statusReason = `a replacement worker could not load the tests (${why})`;
      return { result: { status: "RuntimeError", statusReason, recycle: true, testsRun: 0, testMs: 0, durationMs: 0 } };
    }
    this.emit(slot, "spare");
    this.workers[slot] = taken.worker;
    return { worker: taken.worker };
  }

  private release(slot: number): void {
    const worker = this.workers[slot];
    if (worker) this.o.port.release(worker);
    this.workers[slot] = null;
  }

  /**
   * Verifies the slot's held kills: one request on its worker, no gremlin active, their distinct killing
   * tests. Passed: they are reported. Failed: the worker was tainted, careful mode starts, and they are
   * returned to re-run — as they are when the worker is gone, or when the failure is `ambiguous` (the
   * worker is being retired after a run that left it unfit: that run may be the cause).
   */
  private async verify(slot: number, ambiguous: boolean): Promise<Provisional[]> {
    const kills = this.epochs.pending(slot);
    if (kills === 0) return [];
    const { stats } = this.o;
    const worker = this.workers[slot];
    if (!worker?.alive) {
      this.emit(slot, "lost");
      return this.epochs.lost(slot);
    }
    const tests = this.epochs.tests(slot);
    const started = performance.now();
    const taint = await taintOf(worker, tests, this.o.settings);
    const share = (performance.now() - started) / kills;
    stats?.verification(kills, tests.length, share * kills, taint === null);
    if (taint === null) {
      this.emit(slot, "verified");
      for (const p of this.epochs.passed(slot)) this.o.onVerdict(p.job, p.result, p.extraMs + share);
      return [];
    }
    const first = this.epochs.careful === null;
    const reason = `${taint} with no gremlin active, after other gremlins ran in the same worker`;
    // A worker whose leaking files could not be reloaded says nothing about taint: its kills re-run elsewhere.
    const unfit = ambiguous || taint.startsWith(STALE);
    this.emit(slot, unfit ? "lost" : "taint");
    const redo = unfit ? this.epochs.lost(slot) : this.epochs.failed(slot, reason);
    if (!unfit && first) {
      stats?.careful(reason);
      this.o.onCareful?.(reason);
    }
    for (const p of redo) p.extraMs += share + p.result.durationMs;
    return redo;
  }

  /**
   * Verifies the slot's held kills; retires its worker when `retiring` or found tainted, and re-runs the
   * kills that need it there and then, each checked at once. (A re-run holds nothing: the verification
   * inside it finds the slot owing none.)
   */
  private async checkpoint(slot: number, retiring: boolean, ambiguous = false): Promise<void> {
    const redo = await this.verify(slot, ambiguous);
    if (retiring || redo.length > 0) {
      if (this.workers[slot]) this.emit(slot, "retire");
      this.release(slot);
    }
    this.o.stats?.rerun(redo.length);
    for (const p of redo) {
      const result = await this.attempt(p.job.gremlin, p.tests, slot, true);
      this.o.onResult?.(p.job.gremlin, result);
      this.o.onVerdict(p.job, result, p.extraMs);
    }
  }
}
