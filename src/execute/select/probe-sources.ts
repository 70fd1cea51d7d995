// Sources of the per-test coverage preloads (NODE_OPTIONS --require) the spawn executor's per-file baseline
// runs under: one shared core that records which test reached which gremlin, and per runner the part that
// tells the core which test is running, read from the runner's own state as it runs. CommonJS, plain ES2017,
// free of `${` (they are template literals here).
//
// Record lines (in $GREMLINS_DIR/tests-<pid>-<thread>.txt): `T <slot> <json title>` when a test is first
// seen, `R <gremlin> <slot>` when a gremlin is reached in it (slot -1: outside any test), `W <slot>` when the
// test cannot run on its own under a title filter (node:test subtests): its reaches count as outside.

/** The core: `install(global, refresh?)` puts the switch (slot [3] = running test) and the reach hook in a realm. */
const CORE = String.raw`"use strict";
const wt = require("node:worker_threads");
const fs = require("node:fs");
const dir = process.env.GREMLINS_DIR;
const active = parseInt(process.env.GREMLINS_ACTIVE || "0", 10) || 0;
let fd = -1;
function line(text) {
  if (fd < 0) fd = fs.openSync(dir + "/tests-" + process.pid + "-" + wt.threadId + ".txt", "a");
  fs.writeSync(fd, text + "\n");
}
let nextSlot = 0;
const slots = new WeakMap();
function slotOf(test, title) {
  let slot = slots.get(test);
  if (slot === undefined) {
    slot = nextSlot++;
    slots.set(test, slot);
    line("T " + slot + " " + JSON.stringify(String(title)));
  }
  return slot;
}
function whole(slot) {
  line("W " + slot);
}
// refresh (optional): called before a reach is written, returns the running test's slot (runners whose
// state is found lazily, at the first reach in a realm).
function install(target, refresh) {
  const sw = new Int32Array(4);
  sw[3] = -1;
  Object.defineProperty(target, "__gremlins_switch", { value: sw, writable: true, configurable: true });
  Object.defineProperty(target, "__gremlins_onReach", {
    value: function (index, slot) {
      if (refresh) {
        slot = refresh(sw);
        sw[3] = slot;
      }
      line("R " + index + " " + slot);
    },
    writable: true,
    configurable: true,
  });
  return sw;
}
const probing = Boolean(dir) && active === 0;
`;

/**
 * ava: its runner emits `test-register-log-reference` just before a test body runs and `test-passed` /
 * `test-failed` after it (the coverage run adds `--serial`, so bodies never overlap). ava tells its listeners
 * through Emittery, a few microtasks later; Emittery's debug log (on with DEBUG=emittery) is written
 * synchronously as the event is emitted: its lines are read and kept out of the output.
 */
const AVA = String.raw`
const inWorker = !wt.isMainThread || (typeof process.send === "function" && /[\\/]ava[\\/]/.test(process.argv[1] || ""));
if (probing && inWorker) {
  process.env.DEBUG = "emittery";
  const sw = install(globalThis);
  const log = console.log;
  console.log = function (text) {
    if (typeof text === "string" && text.indexOf("][emittery:") > 0) {
      const m = /\[emittery:emit\]\[[^\]]*\] Event Name: stateChange\n\tdata: ([\s\S]*)$/.exec(text);
      let evt = null;
      try {
        evt = m ? JSON.parse(m[1]) : null;
      } catch (e) {}
      if (evt && evt.type === "test-register-log-reference") sw[3] = slotOf({}, evt.title);
      else if (evt && (evt.type === "test-passed" || evt.type === "test-failed")) sw[3] = -1;
      return;
    }
    return log.apply(this, arguments);
  };
}
`;

/**
 * mocha: its Runner emits `test` before a test's beforeEach hooks and `test end` after it; `hook` / `hook end`
 * around every hook (a before/after-each hook belongs to `ctx.currentTest`, a before/after-all hook to no test).
 * Titles are full titles, as --grep matches them.
 */
const MOCHA = String.raw`
if (probing) {
  const sw = install(globalThis);
  const events = require("node:events");
  const emit = events.EventEmitter.prototype.emit;
  let current = null;
  const slot = (test) => slotOf(test, test.fullTitle());
  events.EventEmitter.prototype.emit = function (name, item) {
    if (typeof name === "string" && item && typeof this.runTests === "function" && typeof this.hookDown === "function") {
      if (name === "test" && typeof item.fullTitle === "function") {
        current = item;
        sw[3] = slot(item);
      } else if (name === "test end") {
        current = null;
        sw[3] = -1;
      } else if (name === "hook") {
        const each = /^"(before|after) each" hook/.test(String(item.title)) || item.type === "beforeEach" || item.type === "afterEach";
        const test = each && item.ctx ? item.ctx.currentTest : null;
        sw[3] = test && typeof test.fullTitle === "function" ? slot(test) : -1;
      } else if (name === "hook end") {
        sw[3] = current ? slot(current) : -1;
      }
    }
    return emit.apply(this, arguments);
  };
}
`;

/**
 * node:test: every test, suite and hook is an AsyncResource whose callback runs in its scope, so an async hook
 * follows a test through its awaits and timers (as AsyncLocalStorage does). A test's own name is what
 * --test-name-pattern matches; a subtest (t.test) runs only when its parent's name matches too, so its title
 * is its parents' names and its own (joined by NUL), and a test with subtests is marked whole (its body runs
 * around subtests the filter would leave out).
 */
const NODE_TEST = String.raw`
if (probing) {
  const sw = install(globalThis);
  const hooks = require("node:async_hooks");
  const OWNER = Symbol("gremlins.test");
  const kind = (r) => (r && r.constructor ? r.constructor.name : "");
  const testish = (r) => kind(r) === "Test" || kind(r) === "Suite" || kind(r) === "TestHook";
  const ownerOf = (r) => (r ? (testish(r) ? r : r[OWNER]) : undefined);
  const chain = (test) => {
    const names = [];
    for (let t = test; kind(t) === "Test" && t.parent; t = t.parent) names.unshift(t.name);
    return names.join("\u0000");
  };
  const slotFor = (r) => {
    const test = ownerOf(r);
    if (!test || kind(test) !== "Test" || !test.parent) return -1;
    if (kind(test.parent) === "Test" && test.parent.parent) whole(slotOf(test.parent, chain(test.parent)));
    return slotOf(test, chain(test));
  };
  const stack = [];
  hooks
    .createHook({
      init(id, type, trigger, resource) {
        const owner = ownerOf(hooks.executionAsyncResource());
        if (owner && resource && typeof resource === "object" && !testish(resource)) {
          try {
            resource[OWNER] = owner;
          } catch (e) {}
        }
      },
      before() {
        stack.push(sw[3]);
        sw[3] = slotFor(hooks.executionAsyncResource());
      },
      after() {
        sw[3] = stack.length > 0 ? stack.pop() : -1;
      },
    })
    .enable();
}
`;

/**
 * vitest: the worker state (globalThis.__vitest_worker__) holds the running task in `current` (a test from
 * before its beforeEach hooks to after its afterEach hooks, else a suite or the file). It is found at the
 * first reach in a realm and watched from then on. Titles are the names of the test and its suites, as -t
 * matches them; a concurrent test shares the slot with others, so its reaches count as outside.
 */
const VITEST = String.raw`
if (probing) {
  let state = null;
  const title = (task) => {
    const names = [];
    for (let t = task; t && !("filepath" in t); t = t.suite) names.unshift(t.name);
    return names.join(" ");
  };
  const slot = (task) => (task && task.type === "test" && !task.concurrent ? slotOf(task, title(task)) : -1);
  install(globalThis, (sw) => {
    const now = globalThis.__vitest_worker__;
    if (now && typeof now === "object" && now !== state) {
      state = now;
      let current = now.current;
      Object.defineProperty(now, "current", {
        configurable: true,
        enumerable: true,
        get: () => current,
        set: (task) => {
          current = task;
          sw[3] = slot(task);
        },
      });
    }
    return state ? slot(state.current) : -1;
  });
}
`;

/**
 * jest: every test file runs in a vm context of its own, so the switch and hook are put in each new context;
 * jest-circus's state (a global under Symbol(JEST_STATE_SYMBOL)) holds `currentlyRunningTest` from a test's
 * start (before its beforeEach hooks) to its end. Titles are the names of the test and its describe blocks,
 * as -t matches them; a concurrent test's reaches count as outside.
 */
const JEST = String.raw`
if (probing) {
  const vm = require("node:vm");
  const create = vm.createContext;
  const title = (test) => {
    const names = [];
    for (let t = test; t && t.parent; t = t.parent) names.unshift(t.name);
    return names.join(" ");
  };
  const slot = (test) => (test && !test.concurrent ? slotOf(test, title(test)) : -1);
  const watch = (context) => {
    let state = null;
    install(context, (sw) => {
      let global = context;
      try {
        global = vm.runInContext("globalThis", context);
      } catch (e) {}
      const key = Object.getOwnPropertySymbols(global).find((s) => s.description === "JEST_STATE_SYMBOL");
      const now = key ? global[key] : null;
      if (now && typeof now === "object" && now !== state) {
        state = now;
        let current = now.currentlyRunningTest;
        Object.defineProperty(now, "currentlyRunningTest", {
          configurable: true,
          enumerable: true,
          get: () => current,
          set: (test) => {
            current = test;
            sw[3] = slot(test);
          },
        });
      }
      return state ? slot(state.currentlyRunningTest) : -1;
    });
  };
  vm.createContext = function () {
    const context = create.apply(this, arguments);
    try {
      watch(context);
    } catch (e) {}
    return context;
  };
}
`;

/** The runners with a per-test probe. */
export type ProbedRunner = "ava" | "mocha" | "node-test" | "vitest" | "jest";

const PARTS: Record<ProbedRunner, string> = {
  ava: AVA,
  mocha: MOCHA,
  "node-test": NODE_TEST,
  vitest: VITEST,
  jest: JEST,
};

/** The preload for `runner`'s coverage runs. */
export function probeSource(runner: ProbedRunner): string {
  return CORE + PARTS[runner];
}
